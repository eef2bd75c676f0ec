"""The concept of a figure: the counted noun with its complements, else the noun the figure measures."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.components.claims.context import DocFacts
from pipeline.components.claims.cues import _MAX_CONCEPT_TOKENS, _SUBJECT_DEPS
from pipeline.records import Quantity


class ConceptRules(DocFacts):
    """What a figure measures."""

    def _concept(self, quantity: Quantity, span: SpacySpan, anchor: Token) -> str:
        """The measured thing: the counted noun with its complements, else the noun the figure measures."""
        if quantity.unit == "count" and quantity.id in self.heads:
            tokens = [anchor]
            for token in self.doc[anchor.i + 1: anchor.i + _MAX_CONCEPT_TOKENS]:
                if token.is_punct or token.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ", "NUM") or token.head.i < anchor.i:
                    break
                tokens.append(token)
            while tokens and tokens[-1].pos_ in ("ADP", "DET"):
                tokens.pop()
            return "".join(t.text_with_ws for t in tokens).strip()
        for verb in self._verb_chain(span.root):
            for child in verb.children:
                if child.dep_ in _SUBJECT_DEPS and child.pos_ in ("NOUN", "PROPN"):
                    words = [t for t in child.subtree if t.i >= child.i and not t.is_punct][:_MAX_CONCEPT_TOKENS]
                    if words:
                        return "".join(t.text_with_ws for t in words).strip()
        return self.cues.default_concepts.get(quantity.unit, quantity.unit)
