"""Modality: hypothetical under "si", forecast from tense, modals, plans and purposes, fact otherwise."""

from __future__ import annotations

from bisect import bisect_left
from functools import cached_property

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.components.claims.cues import _fold
from pipeline.components.claims.dating import DatingRules


class ModalityRules(DatingRules):
    """Fact, forecast or hypothetical, from the figure's clause."""

    def _about_the_future(self, verb: Token) -> bool:
        """Whether a verb, its auxiliaries or the verb it completes speak of the future or of a plan."""
        verbs = [verb, *self._aux_children(verb)]
        if verb.dep_ == "xcomp":
            verbs.append(verb.head)
        return any(
            self._is_future(v) or self._is_conditional(v)
            or _fold(v.lemma_) in self.cues.obligation_verbs | self.cues.future_auxiliaries
            for v in verbs
        )

    def _is_conditional(self, verb: Token) -> bool:
        return "Cnd" in verb.morph.get("Mood") or _fold(verb.text).endswith(self.cues.conditional_endings)

    def _is_future(self, verb: Token) -> bool:
        if "Fut" in verb.morph.get("Tense"):
            return True
        return verb.pos_ in ("VERB", "AUX") and _fold(verb.text).endswith(self.cues.future_endings) and len(verb) > 4

    def _modality(self, span: SpacySpan, chain: list[Token], date_id: str | None) -> str:
        if self._clause_cache("hypothesis", span, self._has_hypothesis_mark):
            return "hypothetical"
        modality = self._stated_modality(span, chain)
        if modality == "forecast" and self._dated_in_the_past(date_id):
            # "... pourrait atteindre 98 milliards en 2027, contre 34 milliards en 2024": the past is a fact.
            return "fact"
        return modality

    def _has_hypothesis_mark(self, clause: SpacySpan) -> bool:
        # A reflexive "s’" ("s’étaler") is a pronoun, not the "s’" of "s’il".
        texts = self._folded_words[0]
        return any(texts[i] in self.cues.hypothesis_marks and self.doc[i].pos_ != "PRON"
                   for i in range(clause.start, clause.end))

    @cached_property
    def _plan_word_indices(self) -> list[int]:
        """Tokens that are plan words, indexed once per document: a figure's window is then looked up, not
        scanned (a sentence of thousands of figures)."""
        words = self.cues.plan_words
        texts, lemmas, _ = self._folded_words
        return [i for i, (text, lemma) in enumerate(zip(texts, lemmas, strict=True)) if lemma in words or text in words]

    def _plan_word_in(self, first: int, end: int, first_char: int = 0) -> bool:
        """Whether a plan word stands among tokens ``first..end - 1`` at or after character ``first_char``."""
        plans = self._plan_word_indices
        last = bisect_left(plans, end) - 1
        return last >= 0 and plans[last] >= first and self.doc[plans[last]].idx >= first_char

    def _stated_modality(self, span: SpacySpan, chain: list[Token]) -> str:
        sentence = self._sentence_span(span)
        clause_start, _ = self._clause(span)
        verbs = chain + [aux for verb in chain for aux in self._aux_children(verb)]
        for position, verb in enumerate(verbs):
            lemma = _fold(verb.lemma_)
            if self._is_future(verb):
                return "forecast"
            if lemma in self.cues.modal_verbs and (self._is_conditional(verb) or "Part" in verb.morph.get("VerbForm")):
                return "forecast"
            if lemma in self.cues.obligation_verbs or (
                lemma in self.cues.future_auxiliaries
                and bool(self._children_where(verb, "xcomp", lambda c: c.dep_ == "xcomp"))
            ):
                return "forecast"  # "le site doit atteindre 2 GW", "nous allons investir"
            if self._is_conditional(verb) and any(self._is_speech_verb(v) for v in chain[position + 1:]):
                return "forecast"  # future in the past: "Nvidia a indiqué qu'il passerait une charge de ..."
            if "Inf" in verb.morph.get("VerbForm") and any(
                _fold(c.text) in self.cues.purpose_marks
                for c in self._children_where(verb, "mark", lambda c: c.dep_ == "mark")
            ):
                return "forecast"  # a purpose is a plan: "un accord pour utiliser jusqu'à un million de puces"
        if self._plan_word_in(sentence.start, span.end, clause_start):
            return "forecast"
        return "fact"

    def modality_features(self, span: SpacySpan, chain: list[Token], date_id: str | None,
                          rule_modality: str) -> dict[str, float]:
        """Evidence for the learned modality model: the rules' answer and the signals the rules read."""
        clause_start, clause_end = self._clause(span)
        _, clause = self._clause_span(span)
        verbs = chain + [aux for verb in chain for aux in self._aux_children(verb)]
        lemmas = [_fold(verb.lemma_) for verb in verbs]
        features = {
            "bias": 1.0,
            f"rule={rule_modality}": 1.0,
            "hypothesis_mark": float(self._clause_cache("hypothesis", span, self._has_hypothesis_mark)),
            "future": float(any(self._is_future(v) for v in verbs)),
            "conditional": float(any(self._is_conditional(v) for v in verbs)),
            "modal": float(any(lemma in self.cues.modal_verbs for lemma in lemmas)),
            "obligation": float(any(lemma in self.cues.obligation_verbs for lemma in lemmas)),
            "future_auxiliary": float(any(lemma in self.cues.future_auxiliaries for lemma in lemmas)),
            "plan_word": float(self._plan_word_in(clause.start, min(clause.end, span.end))),
            "speech_above": float(any(self._is_speech_verb(v) for v in chain[1:])),
            "quoted": float(self._inside_quote(span.start_char) is not None),
            f"date={self._date_relation(date_id)}": 1.0,
        }
        # The whole clause, not only the figure's verbs: "qui embarqueront", "que le marché attendait".
        key = ("modality", (clause_start, clause_end))
        if key not in self.clause_evidence:
            _, folded_lemmas, is_verb = self._folded_words
            verbs_of_clause = [self.doc[i] for i in range(clause.start, clause.end) if is_verb[i]]
            clause_lemmas = set(folded_lemmas[clause.start:clause.end])
            self.clause_evidence[key] = {
                "clause_future": float(any(self._is_future(t) for t in verbs_of_clause)),
                "clause_conditional": float(any(self._is_conditional(t) for t in verbs_of_clause)),
                "clause_plan_word": float(bool(clause_lemmas & self.cues.plan_words)),
                "expectation": float(bool(clause_lemmas & self.cues.expectation_words)),
            }
        features.update(self.clause_evidence[key])
        if chain:
            head = chain[0]
            for key in ("Tense", "Mood", "VerbForm"):
                for value in head.morph.get(key):
                    features[f"{key.lower()}={value}"] = 1.0
        for lemma in lemmas[:3]:
            features[f"verb={lemma}"] = 1.0
        return features
