"""Reading what follows a number: its unit (percent, factor, symbol or name) or the noun it counts.

A pure reader over plain text and the compiled :class:`UnitPatterns`; the only thing it cannot see in characters,
whether a counted noun starts somewhere, it asks a :class:`TextContext`.
"""

from __future__ import annotations

import re

from pipeline.components.quantities.found import COUNT, TextContext, UnitRead
from pipeline.components.quantities.patterns import LEFT_WINDOW, UnitContext, UnitPatterns
from pipeline.grammar import units as unit_catalogue
from pipeline.grammar.numbers import NumberMatch
from pipeline.language.text import fold_apostrophes


def is_subunit(unit: UnitRead) -> bool:
    """A hundredth of a currency (cents, centimes, pence)."""
    return unit_catalogue.unit_kind(unit.unit) == "currency" and abs(unit.factor - 0.01) < 1e-12


class UnitReader:
    """The units and counted nouns written after a number, in one language."""

    def __init__(self, patterns: UnitPatterns) -> None:
        self.patterns = patterns

    def read(self, text: str, pos: int, number: NumberMatch | None = None) -> UnitRead | None:
        """The unit written at ``pos`` (percent, factor, symbol or name), if any.

        A unit word that is also an ordinary word ("degrés", "tours") is one only after ``number`` in its context.
        """
        p = self.patterns
        for pattern, fixed in ((p.percent_re, ("%", 1.0)), (p.times_re, ("x", 1.0))):
            match = pattern.match(text, pos)
            if match:
                end = match.end()
                return UnitRead(fixed[0], fixed[1], end, match.span("unit"))
        candidates: list[tuple[int, UnitRead]] = []
        match = p.symbol_re.match(text, pos)
        if match and self._names_unit(text, number, p.contextual_symbols.get(match.group("unit")), match.end()):
            unit, factor = p.symbols[match.group("unit")]
            candidates.append((match.end(), UnitRead(unit, factor, match.end(), match.span("unit"))))
        match = p.name_re.match(text, pos)
        if match:
            name = fold_apostrophes(re.sub(r"\s+", " ", match.group("name")))
            resolved = p.names.get(name)
            if match.group("prefix"):
                prefix = p.prefix_names.get(match.group("prefix").lower(), "")
                resolved = None
                if name in p.prefixable and prefix in unit_catalogue.SI_EXPONENTS:
                    base = p.names[name]
                    resolved = (base[0], base[1] * unit_catalogue.SI_EXPONENTS[prefix])
            if name in p.ambiguous and self._money_context(text, pos):
                resolved = p.ambiguous[name]
            if resolved is not None and self._names_unit(text, number, p.contextual_names.get(name), match.end()):
                candidates.append((match.end(), UnitRead(resolved[0], resolved[1], match.end(), match.span("unit"))))
        if not candidates:
            match = p.factor_after.match(text, pos)
            if match:
                return UnitRead("x", 1.0, match.end(), match.span("unit"))
            return None
        return max(candidates, key=lambda item: item[0])[1]

    def read_count(self, text: str, number: NumberMatch, context: TextContext) -> UnitRead | None:
        """A counted noun after the number ("40 000 entreprises", "un million de puces")."""
        if number.article:
            return None
        pos = number.end
        after_of = self.patterns.of_re.match(text, pos)
        # "un million de puces", "hundreds of GPUs"; but "1.5 million customers" where the language allows it
        needs_of = number.vague or number.approx or (number.scale > 1.0 and self.patterns.of_after_scale)
        if needs_of:
            if not after_of:
                return None
            pos = after_of.end()
        head = context.noun_after(pos)
        if head is None:
            return None
        # "352 centres de données", "3 data centers": a compound noun is counted whole
        compound = self.patterns.compound_nouns.match(text, head[0])
        if compound is not None and compound.end() > head[1]:
            head = (head[0], compound.end())
        return UnitRead(COUNT, 1.0, head[1], head)

    def _names_unit(
        self, text: str, number: NumberMatch | None, unit_context: UnitContext | None, unit_end: int
    ) -> bool:
        """Whether the unit word ending at ``unit_end`` names its unit here: always, unless it needs a context.

        Such a word needs a written number, not an article: "faire un tour" is a stroll, not one turn.
        """
        if unit_context is None:
            return True
        if number is None or number.article:
            return False
        start, end = self._sentence(text, number.start, unit_end)
        if unit_context.next_word_vetoes.match(text, unit_end) or unit_context.vetoes.search(text, start, end):
            return False
        before, after = unit_context.trigger_before, unit_context.trigger_after
        return bool(
            (before is not None and before.search(text, start, number.start))
            or (after is not None and after.match(text, unit_end, end))
        )

    def _sentence(self, text: str, start: int, end: int) -> tuple[int, int]:
        """The part of the sentence around ``text[start:end]`` within :data:`LEFT_WINDOW` characters each side."""
        sentence_end = self.patterns.sentence_end
        sentence_start = max(0, start - LEFT_WINDOW)
        for match in sentence_end.finditer(text, sentence_start, start):
            sentence_start = match.end()
        match = sentence_end.search(text, end, end + LEFT_WINDOW)
        return sentence_start, match.start() + 1 if match else min(len(text), end + LEFT_WINDOW)

    def _money_context(self, text: str, pos: int) -> bool:
        """Whether a word about money comes before ``pos`` in its sentence ("résultat ... 361 millions de livres")."""
        start, _ = self._sentence(text, pos, pos)
        return self.patterns.money_context.search(text, start, pos) is not None
