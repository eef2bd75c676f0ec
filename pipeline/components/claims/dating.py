"""The date of a figure: its clause's date, then the clauses above it, never a coordinated clause's."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.components.claims.context import DocFacts
from pipeline.components.claims.cues import _ADJACENT_CHARS
from pipeline.components.claims.text import nearest
from pipeline.records import Timex


class DatingRules(DocFacts):
    """The date of a figure's clause."""

    def _date(self, span: SpacySpan, chain: list[Token]) -> str | None:
        """The date of the figure's clause: the nearest date in the phrase of the figure's verb, else of the verbs
        governing it ("« ... investir des centaines de milliards », a affirmé X en juillet"). A clause coordinated
        with the figure's is another clause: its dates are skipped ("Nos ventes ont progressé de 57 % en 2024, et
        nous visons ... d'ici 2027"; "Le plan annoncé en février 2025 prévoit ..., mais chaque site ne devrait
        rassembler que 100 000 puces"), those of a verb governing both are not ("Lundi, X a indiqué qu'il lui
        faudrait ... et qu'il passerait une charge de ...")."""
        start, end = self._clause(span)
        # A duration that is itself a measured figure ("un contrat de vingt ans") dates no claim.
        in_line = [t for t in self.dates if start <= t.start and t.end <= end and (t.start, t.end) not in self.measured
                   and not self._dates_another_figure(t, span)]
        if not in_line:
            return None
        verbs = [t for t in chain if t.pos_ in ("VERB", "AUX")]
        if not verbs:
            return nearest([(t.start, t.end, t.id) for t in in_line], span.start_char, span.end_char)
        skipped_conjunct = False
        for verb in verbs:
            if not skipped_conjunct:
                tokens = self._clause_tokens(verb)
                candidates = [(t.start, t.end, t.id) for t in in_line if self._token_at(t.start) in tokens]
                if candidates:
                    return nearest(candidates, span.start_char, span.end_char)
            # The verb this one is coordinated with is skipped; the verb governing both is looked at.
            skipped_conjunct = verb.dep_ == "conj"
        return None

    def _dates_another_figure(self, timex: Timex, span: SpacySpan) -> bool:
        """A date written right after another figure is that figure's ("... 100 MW en 2027, puis 1 GW à terme";
        "1 GW, dont 200 MW dès 2026")."""
        def joins(end: int) -> bool:
            between = self.text[end:timex.start]
            return (len(between) <= _ADJACENT_CHARS and " " not in between.strip()
                    and not any(mark in between for mark in "\n.;:!?«»"))

        return any(
            joins(end) for start, end in self.measured
            if (start, end) != (span.start_char, span.end_char) and end <= timex.start
        )

    def _dated_in_the_past(self, date_id: str | None) -> bool:
        """Whether the figure's date (the claim's) is a year before the article's."""
        return self._date_relation(date_id) == "past"

    def _date_relation(self, date_id: str | None) -> str:
        """The figure's date against the article's: "past", "same" or "future" year, or "none"."""
        dct: str | None = self.doc._.news_dct
        value = next((t.value for t in self.dates if t.id == date_id), None)
        if not dct or not value or not value[:4].isdigit() or not dct[:4].isdigit():
            return "none"
        return "past" if value[:4] < dct[:4] else "same" if value[:4] == dct[:4] else "future"
