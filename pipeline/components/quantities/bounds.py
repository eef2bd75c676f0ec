"""Reading the words around a number that qualify it: the sign or word written before it (currency, factor,
percent), its bound ("plus de", "dépasserons largement le", "500 ou plus") and whether that bound is inclusive.

A pure reader over plain text and the compiled :class:`BoundPatterns`. Searches before a number end at the number
and look back a bounded window: twice the longest phrase for words and signs, :data:`LEFT_WINDOW` for verbs.
"""

from __future__ import annotations

from pipeline.components.quantities.found import UnitRead
from pipeline.components.quantities.patterns import LEFT_WINDOW, BoundPatterns, normal_phrase


class BoundReader:
    """The words and signs before a number and the bounds around it, in one language."""

    def __init__(self, patterns: BoundPatterns) -> None:
        self.patterns = patterns

    def left(self, text: str, start: int) -> tuple[int, int, str | None, UnitRead | None]:
        """What precedes a number: (start with the bound, start without it, bound, prefix unit)."""
        p = self.patterns
        window_start = max(0, start - LEFT_WINDOW)
        near = max(0, start - p.phrase_window)
        prefix_unit = None
        match = p.currency_before.search(text, near, start)
        if match and match.group("unit") in p.currency_symbols:
            unit, factor = p.currency_symbols[match.group("unit")]
            prefix_unit = UnitRead(unit, factor, start, match.span("unit"))
            start = match.start()
        else:
            match = p.multiply_before.search(text, window_start, start) or p.factor_before.search(text, near, start)
            if match:
                prefix_unit = UnitRead("x", 1.0, start, match.span(1))
                start = match.start()
            elif match := p.percent_before.search(text, near, start):
                prefix_unit = UnitRead("%", 1.0, start, match.span("unit"))
                start = match.start()
        bound_start, bound = self.bound_before(text, start)
        return bound_start, start, bound, prefix_unit

    def bound_before(self, text: str, start: int) -> tuple[int, str | None]:
        """The bound word or verb that ends at ``start`` ("plus de", "dépasserons largement le"): (its start, kind)."""
        p = self.patterns
        match = p.bound_re.search(text, max(0, start - p.phrase_window), start)
        if match is None and p.bound_verb_re is not None:
            match = p.bound_verb_re.search(text, max(0, start - LEFT_WINDOW), start)
        if match:
            return match.start(), match.lastgroup
        return start, None

    def bound_after(self, text: str, end: int) -> tuple[int, str | None]:
        """The bound written after a number ("500 ou plus"): (its end, kind)."""
        match = self.patterns.bound_after_re.match(text, end)
        return (match.end(), match.lastgroup) if match else (end, None)

    def is_inclusive(self, phrase: str) -> bool:
        """Whether a bound phrase includes its number ("au moins", "ou plus"; not "plus de", "moins de")."""
        return normal_phrase(phrase) in self.patterns.inclusive_bounds
