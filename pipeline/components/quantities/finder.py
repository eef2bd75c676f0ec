"""The language-neutral quantity search over plain text: numbers, then what makes each one a quantity.

:class:`QuantityFinder` reads every number (:class:`pipeline.grammar.numbers.NumberGrammar`), then for each one a
range with the next number, or a single quantity: the words before it (:class:`BoundReader`), its unit or counted
noun (:class:`UnitReader`), a bound after it and a currency subunit that completes it ("15 dollars et 15 cents").
Factors written without a separate number ("doubler", "x5") are found on their own. No spaCy: what the text alone
does not show is asked of a :class:`TextContext`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from itertools import accumulate
from typing import Any

from pipeline.components.quantities.bounds import BoundReader
from pipeline.components.quantities.found import COUNT, Found, TextContext, UnitRead, without_overlaps
from pipeline.components.quantities.patterns import (
    LEFT_WINDOW,
    BoundPatterns,
    ExclusionPatterns,
    FactorPatterns,
    RangePatterns,
    UnitPatterns,
)
from pipeline.components.quantities.units import UnitReader, is_subunit
from pipeline.grammar import units as unit_catalogue
from pipeline.grammar.numbers import NumberGrammar, NumberMatch
from pipeline.language.text import fold_apostrophes


class QuantityFinder:
    """The compiled quantity grammar of one language; :meth:`find` is a pure function of the text."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.grammar = NumberGrammar(data["numbers"])
        unit_patterns = UnitPatterns.from_data(data)
        self.units = UnitReader(unit_patterns)
        self.bounds = BoundReader(BoundPatterns.from_data(data, unit_patterns.symbols))
        self.ranges = RangePatterns.from_data(data["ranges"])
        self.factors = FactorPatterns.from_data(data)
        self.exclusions = ExclusionPatterns.from_data(data)

    # -- numbers ------------------------------------------------------------------------------------------------

    def masked_spans(self, text: str) -> list[tuple[int, int]]:
        """The spans of ``text`` that hold no number (times, phone numbers, list markers, URLs, keycap digits), in
        order."""
        return sorted(m.span() for pattern in self.exclusions.masks for m in pattern.finditer(text))

    def numbers(self, text: str, standalone: bool = False) -> list[NumberMatch]:
        """Every number of ``text`` outside times, phone numbers, list markers and URLs.

        With ``standalone``, only numbers that are not glued to a following word ("180ml", "29km" are quantities,
        not numbers on their own).
        """
        masked = self.masked_spans(text)
        found = [_without_bullet(text, number) for number in self.grammar.find(text)]
        if standalone:
            found = [n for n in found if not text[n.end : n.end + 1].isalpha()]
        if not masked:
            return found
        # A number is masked when a mask starting before its end ends after its start: the masks are sorted by
        # start, so the latest end among those starting before the number's end decides (a bisection, not a scan
        # of every mask per number, which is quadratic in a text of thousands of times or numbers).
        starts = [start for start, _ in masked]
        latest_ends = list(accumulate((end for _, end in masked), max))
        kept = []
        for number in found:
            before = bisect_left(starts, number.end)
            if before == 0 or latest_ends[before - 1] <= number.start:
                kept.append(number)
        return kept

    # -- quantities ---------------------------------------------------------------------------------------------

    def find(self, text: str, context: TextContext | None = None, currency: str | None = None) -> list[Found]:
        """Every quantity of ``text`` in order, never overlapping.

        ``currency`` is the currency of money written without one ("des milliards"); None leaves such amounts out.
        """
        context = context or TextContext()
        numbers = self.numbers(text)
        found: list[Found] = []
        limit = 0
        i = 0
        while i < len(numbers):
            number = numbers[i]
            if number.start < limit:
                i += 1
                continue
            ranged = self._range(text, numbers, i, context)
            if ranged is not None:
                found.append(ranged)
                limit = ranged.end
                i += 2
                continue
            single = self._single(text, number, context, currency)
            if single is not None:
                if i + 1 < len(numbers):
                    compound = self._with_subunit(text, single, numbers[i], numbers[i + 1], context)
                    if compound is not None:
                        single = compound
                        i += 1
                found.append(single)
                limit = single.end
            i += 1
        # appended after the numbers' quantities: at one span, those win (without_overlaps keeps the first)
        found.extend(self._factors(text))
        return without_overlaps(found)

    def _factors(self, text: str) -> list[Found]:
        """Factors with no separate number: a factor verb not after an article ("doubler"), then "x5"."""
        factors = self.factors
        found: list[Found] = []
        for match in factors.verb_re.finditer(text):
            if factors.article_before.search(text, max(0, match.start() - 20), match.start()):
                continue
            value = factors.verbs[match.group("stem").lower()]
            found.append(
                Found(match.start(), match.end(), value, None, "x", "exact", False, match.span(), match.start())
            )
        for match in factors.symbol_re.finditer(text):
            value = self.grammar.read_digits(match.group("digits"))
            found.append(
                Found(
                    match.start(),
                    match.end(),
                    value,
                    None,
                    "x",
                    "exact",
                    False,
                    match.span("unit"),
                    match.start("digits"),
                )
            )
        return found

    def _with_subunit(
        self, text: str, amount: Found, number: NumberMatch, following: NumberMatch, context: TextContext
    ) -> Found | None:
        """'15 dollars et 15 cents', 'treize euros et quarante-cinq cents', '15 dollars 50': one amount."""
        if (
            unit_catalogue.unit_kind(amount.unit) != "currency"
            or amount.head is None
            or amount.head[1] != amount.end
            or number.scale != 1.0
            or number.value != int(number.value)
            or amount.value != number.value  # the main unit is a whole currency, not a subunit or a scaled one
            or following.scale != 1.0
            or following.fraction
            or following.article
            or not 0 <= following.value < 100
            or following.value != int(following.value)
            or not self.units.patterns.subunit_joiner.fullmatch(text, amount.end, following.start)
        ):
            return None
        end = following.end
        unit = self.units.read(text, end)
        if unit is not None:
            if is_subunit(unit):
                end = unit.end
            else:
                return None
        elif context.noun_after(end) is not None:
            return None
        value = amount.value + following.value / 100 * (amount.value / number.value if number.value else 1.0)
        return replace(amount, end=end, value=value)

    def _unit_or_count(
        self, text: str, number: NumberMatch, context: TextContext, currency: str | None
    ) -> UnitRead | None:
        unit = self.units.read(text, number.end, number)
        if unit is not None:
            if number.article and unit.unit in ("x", "%", COUNT):  # "un pourcentage", "une fois"
                return None
            placers = self.exclusions.placers
            window = max(0, number.start - LEFT_WINDOW)
            if unit.unit == "s" and (placers.search(text, window, number.start)
                                     or self.exclusions.comparison_period.search(text, window, number.start)):
                return None
            if unit.unit == "x" and self._year(number):
                return None
            return unit
        count = self.units.read_count(text, number, context)
        if count is not None:
            if self._year(number):
                return None
            return count
        if currency is not None and number.scale >= 1e6 and not number.article:
            return UnitRead(currency, 1.0, number.end, None)
        return None

    def _year(self, number: NumberMatch) -> bool:
        """Whether ``number`` is a bare run of digits in the year range (a date, not a count or a factor)."""
        year_range = self.exclusions.year_range
        return number.plain and year_range[0] <= number.value <= year_range[1]

    def _single(self, text: str, number: NumberMatch, context: TextContext, currency: str | None) -> Found | None:
        start, core_start, bound, prefix_unit = self.bounds.left(text, number.start)
        if number.fraction:
            return self._fraction(text, number, start, core_start, bound)
        unit = None
        if (
            prefix_unit is not None
            and prefix_unit.unit == "%"
            and self.units.read(text, number.end, number) is not None
        ):
            return None  # "pourcentage de 20 %" is read from its own sign
        if prefix_unit is not None:
            unit = prefix_unit
            after = self.units.read(text, number.end, number)
            if after is not None and after.unit == "x" and prefix_unit.unit != "x":
                after = None
            end = number.end
        else:
            # a bound sign written against the number, before its unit: "200+ MW"
            attached_end, attached = self.bounds.bound_after(text, number.end)
            if attached is not None and text[number.end : number.end + 1].isspace():
                attached = None
            read_from = replace(number, end=attached_end) if attached is not None else number
            unit = self._unit_or_count(text, read_from, context, currency)
            if unit is None:
                return None
            if attached is not None and bound is None:
                bound = attached
            end = unit.end
        if number.plain and unit.unit in (COUNT, "x") and context.name_before(number.start):
            return None
        after_end, after = self.bounds.bound_after(text, end)
        if after is not None and bound is None:
            bound, end = after, after_end
        if bound is None:
            bound = "min" if number.vague else "approx" if number.approx else "exact"
        return Found(
            start, end, number.value * unit.factor, None, unit.unit, bound, number.vague, unit.head, core_start
        )

    def _fraction(self, text: str, number: NumberMatch, start: int, core_start: int, bound: str | None) -> Found | None:
        """A fraction: of a unit ("1/4 kilomètre"), else of a whole, in % ("un cinquième des revenus" -> 20 %).

        An ordinal before its noun is no fraction ("un cinquième mandat"): a fraction is followed by "de" or nothing.
        """
        unit = self.units.read(text, number.end, number)
        if unit is not None and unit.unit not in ("x", "%", COUNT):
            value = number.value * unit.factor
            return Found(start, unit.end, value, None, unit.unit, bound or "exact", False, unit.head, core_start)
        follower = self.exclusions.word_after.match(text, number.end)
        if (
            follower is not None
            and fold_apostrophes(follower.group("word")) not in self.exclusions.fraction_followers
        ):
            return None
        return Found(start, number.end, number.value * 100, None, "%", bound or "exact", False, None, core_start)

    def _currency_before(self, text: str, number: NumberMatch) -> UnitRead | None:
        """The currency written right before ``number`` ("$", "€"), with its span as ``head``."""
        prefix = self.bounds.left(text, number.start)[3]
        if prefix is None or prefix.head is None or unit_catalogue.unit_kind(prefix.unit) != "currency":
            return None
        return prefix

    def _range(self, text: str, numbers: list[NumberMatch], i: int, context: TextContext) -> Found | None:
        if i + 1 >= len(numbers):
            return None
        first, second = numbers[i], numbers[i + 1]
        # a currency written before each number, or before the first only: "$31.8 billion to $33 billion", "$91–93bn"
        first_currency, second_currency = self._currency_before(text, first), self._currency_before(text, second)
        first_start = first.start if first_currency is None else first_currency.head[0]
        second_start = second.start if second_currency is None else second_currency.head[0]
        connector = self.ranges.connector.match(text[first.end : second_start])
        if connector is None or first.vague or second.vague:
            return None
        word = connector.group("conn").lower()
        start = first_start
        opener = self.ranges.openers.get(word)
        if opener is not None:
            match = opener.search(text, max(0, first_start - LEFT_WINDOW), first_start)
            if match:
                start = match.start()
            elif word in self.ranges.required:
                return None
        unit = self._unit_or_count(text, second, context, None)
        currency = second_currency or first_currency
        if unit is None and currency is not None:
            unit = replace(currency, end=second.end)
        if unit is None:
            return None
        low = first.value
        if first.scale == 1.0 and second.scale > 1.0 and low * second.scale <= second.value:
            low *= second.scale
        if low >= second.value:
            return None  # a range goes up ("le 1 janvier 1990 à 1015 francs" is none)
        return Found(
            start,
            unit.end,
            low * unit.factor,
            second.value * unit.factor,
            unit.unit,
            "range",
            False,
            unit.head,
            first.start,
        )


_DASHES = "-−–"


def _without_bullet(text: str, number: NumberMatch) -> NumberMatch:
    """A dash and a space opening a line of a list ("consommation prévue :\n- 23,71 TWh en 2024 ;") mark an item,
    not a negative number: the number starts after them and is positive. A line is an item when the line before it
    introduces a list (ends with ":" or ";") or is an item too, or when the line after it is one. Only the lines
    around the number are read (never the text before or after them), so a text of many such lines stays linear."""
    start = number.start
    if number.value >= 0 or text[start : start + 1] not in _DASHES or (start > 0 and text[start - 1] != "\n"):
        return number
    digit = start + 1
    while digit < number.end and text[digit].isspace():
        digit += 1
    if digit == start + 1:
        return number  # "-5 %": a sign glued to its number
    before_end = start - 1
    while before_end > 0 and text[before_end - 1].isspace():  # blank lines between the items
        before_end -= 1
    before = text[text.rfind("\n", 0, before_end) + 1 : before_end].strip() if before_end > 0 else ""
    line_end = text.find("\n", start)
    after_start = line_end
    while after_start != -1 and after_start < len(text) and text[after_start].isspace():
        after_start += 1
    after = text[after_start : after_start + 2] if line_end != -1 else ""
    in_list = before.endswith((":", ";")) or before[:2] in {f"{dash} " for dash in _DASHES} or (
        after[:1] in _DASHES and after[1:2].isspace()
    )
    return replace(number, start=digit, value=-number.value) if in_list else number
