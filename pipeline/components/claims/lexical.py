"""Claim roles from words and positions alone, for a pipeline without a tagger or parser (a language with no
statistical model of its own: English here).

The claim rules read the figure's clause through dependencies; without a parse they find no clause subject and no
verb chain. These fallbacks stand in: the subject is the nearest name before the figure in its sentence (else the
first after it, else the organization the previous sentences were about); a figure whose sentence, up to a few words
after it, holds a future auxiliary, a modal, an obligation or a plan word, or which is dated after the article's
year, is a forecast.
"""

from __future__ import annotations

from functools import cached_property

from spacy.tokens import Span as SpacySpan

from pipeline.components.claims.cues import _fold
from pipeline.components.claims.dating import DatingRules

# Labels a subject may have, the most likely first at equal distance.
SUBJECT_LABELS = ("ORG", "PRODUCT", "PER", "LOC")
# How many tokens after the figure a forecast word still counts ("... $80 billion, it will ...": no).
AFTER_WINDOW = 3


class LexicalRules(DatingRules):
    @cached_property
    def parsed(self) -> bool:
        """Whether the document has a dependency parse (else the lexical fallbacks decide)."""
        return self.doc.has_annotation("DEP")

    @cached_property
    def _forecast_words(self) -> frozenset[str]:
        cues = self.cues
        return frozenset(cues.future_auxiliaries | cues.modal_verbs | cues.obligation_verbs | cues.plan_words)

    def _lexical_subject(self, span: SpacySpan, speaker: str | None) -> SpacySpan | None:
        sentence = self._sentence_span(span)
        named = [ent for ent in self.doc.ents if ent.label_ in SUBJECT_LABELS and ent.kb_id_ != speaker]
        before = [ent for ent in named if sentence.start <= ent.start and ent.end <= span.start]
        if before:
            return max(before, key=lambda ent: (ent.end, -SUBJECT_LABELS.index(ent.label_)))
        after = [ent for ent in named if span.end <= ent.start and ent.end <= sentence.end]
        if after:
            return min(after, key=lambda ent: ent.start)
        earlier = [ent for ent in named if ent.end <= sentence.start and ent.label_ == "ORG"]
        return earlier[-1] if earlier else None

    def _lexical_modality(self, span: SpacySpan, date_id: str | None) -> str:
        sentence = self._sentence_span(span)
        window = self.doc[sentence.start : min(sentence.end, span.end + AFTER_WINDOW)]
        if any(_fold(token.text) in self._forecast_words for token in window):
            return "fact" if self._dated_in_the_past(date_id) else "forecast"
        return "forecast" if self._date_relation(date_id) == "future" else "fact"
