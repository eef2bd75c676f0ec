"""The direction of a figure that states a change (gold/GUIDELINES.md, "Direction of a change"): "up" for "a
progressé de 22 %", "en hausse de 74 %", "multiplié par trois", "+12 %"; "down" for "a chuté de 50 %", "a cédé
2,22 %", "divisé par deux", "-3 %"; none for a level, a comparison of two things or an amount of its own.

Read from spaCy's lemmas and dependencies, in this order:

1. a sign written right before the number ("+12 %"; "-3 %", which the number reader already reads as -3);
2. a verb of change inside the figure's own span (the factor verbs the finder keeps in it: "multiplier par cinq");
3. the word that governs the figure (its syntactic head, through coordinated figures: "a cédé 2,22 % et celle de
   Microsoft 2,38 %"), when it is a word of change;
4. for a figure written "de X" after a noun, the verb above that noun and at most one more ("réduit nos effectifs
   d’environ 15 %", "relever la puissance de la centrale de 30 MW"): the parser often hangs "de X" on the noun.

A level marker between the word of change and the number ("s’est envolé de 26 %, à 51,24 milliards", "grimper
jusqu’à 100 MW") makes the figure the level reached, not the change: no direction. Words that also name a result
("perdre 3,1 milliards" is a loss) give a direction only to a relative figure (a percentage or a factor).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from pipeline.language.text import fold_apostrophes
from pipeline.records import Quantity

# Units of a relative figure: a change of a percentage or a factor is never a result of its own.
RELATIVE_UNITS = frozenset({"%", "x"})
# Dependencies through which "de X" hangs on a noun, and through which that noun hangs on the verb above it.
_NOUN_LINKS = ("nmod", "obj", "nsubj")
# How many nouns the figure may climb through to reach its verb of change.
_MAX_NOUN_STEPS = 2
CHANGE_KEYS = frozenset({"up", "down", "relative_only", "level_markers", "of", "signs"})


@dataclass(frozen=True, slots=True)
class DirectionReader:
    """The words of change of one language (``changes`` in ``resources/<lang>/quantities.json``)."""

    directions: dict[str, str]  # lemma of a word of change -> "up" | "down"
    relative_only: frozenset[str]
    level_markers: frozenset[str]
    of: frozenset[str]
    signs: dict[str, str]  # sign character -> "up" | "down"

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> DirectionReader:
        directions = {fold_apostrophes(word): direction for direction in ("up", "down") for word in data[direction]}
        return cls(
            directions=directions,
            relative_only=frozenset(fold_apostrophes(word) for word in data["relative_only"]),
            level_markers=frozenset(fold_apostrophes(word) for word in data["level_markers"]),
            of=frozenset(fold_apostrophes(word) for word in data["of"]),
            signs={sign: direction for direction in ("up", "down") for sign in data["signs"][direction]},
        )

    def direction(self, doc: Doc, quantity: Quantity) -> str | None:
        span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        signed = self._sign(doc.text, quantity)
        if signed is not None:
            return signed
        relative = quantity.unit in RELATIVE_UNITS
        if not doc.has_annotation("DEP"):
            return self._word_before(doc, span, relative)
        for token in span:
            if token.pos_ in ("VERB", "AUX") and (found := self._of_word(token, relative)):
                return found
        number = next((token for token in span if token.like_num or token.pos_ == "NUM"), span[0])
        figure = span.root
        while figure.dep_ == "conj" and figure.head.i != figure.i:
            figure = figure.head  # "2,38 %" coordinated with "2,22 %" takes its verb
        governor = figure.head
        if governor.i != figure.i and (found := self._of_word(governor, relative)):
            return None if self._level_between(doc, governor, number) else found
        if not (figure.dep_.startswith("nmod") and self._introduced_by_of(figure)):
            return None
        above = governor
        for _ in range(_MAX_NOUN_STEPS):
            if above.pos_ != "NOUN" or above.dep_.split(":")[0] not in _NOUN_LINKS or above.head.i == above.i:
                return None
            above = above.head
            if found := self._of_word(above, relative):
                return None if self._level_between(doc, above, number) else found
        return None

    def _sign(self, text: str, quantity: Quantity) -> str | None:
        """"+12 %": the sign right before the span; "-3 %": the number reader's negative value, its sign inside."""
        before = text[quantity.start - 1] if quantity.start > 0 else ""
        if self.signs.get(before) == "up":
            return "up"
        if quantity.value < 0 and any(self.signs.get(char) == "down" for char in quantity.text):
            return "down"
        return None

    def _word_before(self, doc: Doc, span: Span, relative: bool) -> str | None:
        """Without a parse (English): the word of change right before the figure, or before its "of"/"by" ("up 60
        per cent", "jumped by about 80 per cent"; a bound word is inside the figure's span)."""
        i = span.start - 1
        if i >= 0 and fold_apostrophes(doc[i].text.lower()) in self.of:
            i -= 1
        return self._of_word(doc[i], relative) if i >= 0 else None

    def _of_word(self, token: Token, relative: bool) -> str | None:
        lemma = fold_apostrophes(token.lemma_ or token.text.lower())
        if lemma in self.relative_only and not relative:
            return None
        return self.directions.get(lemma)

    def _introduced_by_of(self, figure: Token) -> bool:
        return any(child.dep_ == "case" and fold_apostrophes(child.text) in self.of for child in figure.children)

    def _level_between(self, doc: Doc, word: Token, number: Token) -> bool:
        """A level marker between the word of change and the figure's number: the figure is the level reached."""
        low, high = sorted((word.i, number.i))
        return any(fold_apostrophes(token.text) in self.level_markers for token in doc[low + 1 : high])
