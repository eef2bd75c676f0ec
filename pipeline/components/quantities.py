"""The ``news_quantities`` component: every quantity of a news text, normalized to the guideline's canonical units.

Sets ``doc._.news_quantities`` (list of :class:`pipeline.records.Quantity`, ids q1.. in text order, never
overlapping) and ``doc._.news_quantity_heads`` (quantity id -> (start, end) characters of the counted noun or the
unit word). The words come from ``pipeline/resources/<nlp.lang>/quantities.json``; a language whose file names the
``quantulum3`` engine (English) is read by quantulum3's own parser behind the same interface.

:class:`QuantityFinder` is the language-neutral algorithm over plain text; it asks a :class:`TextContext` only two
things it cannot see in characters (is there a counted noun here, is there a proper name right before), which the
component answers from spaCy's tags and the benchmark script answers with "no".
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components import extensions  # noqa: F401  (registers the Doc attributes)
from pipeline.grammar import units as unit_catalogue
from pipeline.grammar.numbers import NumberGrammar, NumberMatch, phrase_pattern, words_pattern
from pipeline.language import LanguageDataError, load_language_data
from pipeline.records import Quantity

RULE_KEYS = frozenset(
    {
        "numbers",
        "bounds",
        "bounds_after",
        "inclusive_bounds",
        "bound_after_blockers",
        "bound_verbs",
        "bound_verb_adverbs",
        "ranges",
        "units",
        "factors",
        "exclusions",
    }
)
QUANTULUM_KEYS = frozenset({"engine", "quantulum_lang"})
LEFT_WINDOW = 80
COUNT = "count"
# The unit of money written without a currency, until the article's currency is known.
CONTEXT_CURRENCY = "<context currency>"


@dataclass(frozen=True, slots=True)
class Found:
    """One quantity found in a text, before ids are given.

    ``number_start`` is where the quantity begins without its bound words (the numeral, or a currency symbol or
    factor verb written before it).
    """

    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    bound: str
    vague: bool
    head: tuple[int, int] | None
    number_start: int


@dataclass(frozen=True, slots=True)
class UnitRead:
    unit: str
    factor: float
    end: int
    head: tuple[int, int] | None


# Words of a unit's context are separated by anything but a word character or a sentence end.
CONTEXT_GAP = r"[^\w.!?;]+"


@dataclass(frozen=True, slots=True)
class UnitContext:
    """Where a unit word that is also an ordinary word names its unit ("tourner à 90 degrés", not "il fait 30
    degrés"): a trigger word close before the number (``trigger_before``, searched up to the number) or close after
    the unit (``trigger_after``, matched at its end), no veto word in the sentence and no veto word right after the
    unit ("100° Celsius", "tours de table")."""

    trigger_before: re.Pattern[str] | None
    trigger_after: re.Pattern[str] | None
    vetoes: re.Pattern[str]
    next_word_vetoes: re.Pattern[str]

    @classmethod
    def from_data(cls, rule: dict[str, Any]) -> UnitContext:
        """From one entry of ``units.contextual_units``: ``triggers``, ``words_before`` / ``words_after`` (how many
        words may stand between a trigger and the number / the unit; null: no trigger on that side), ``vetoes``,
        ``next_word_vetoes``."""
        # whole words, though an elided article may touch them ("l'angle", "d'inclinaison")
        triggers = words_pattern(rule["triggers"], hyphens=True)
        before, after = rule["words_before"], rule["words_after"]
        ignore = re.IGNORECASE
        return cls(
            trigger_before=None
            if before is None
            else re.compile(rf"{triggers}(?:{CONTEXT_GAP}\w+){{0,{before}}}{CONTEXT_GAP}\Z", ignore),
            trigger_after=None
            if after is None
            else re.compile(rf"(?:{CONTEXT_GAP}\w+){{0,{after}}}?{CONTEXT_GAP}{triggers}", ignore),
            vetoes=re.compile(words_pattern(rule["vetoes"], hyphens=True), ignore),
            next_word_vetoes=re.compile(rf"\s*{words_pattern(rule['next_word_vetoes'], hyphens=True)}", ignore),
        )


def _canonical_unit(kind: str, word: str, target: str) -> tuple[str, float]:
    """(canonical unit, factor) of a quantulum3 unit the language data names; a unit without one is a data error."""
    resolved = unit_catalogue.canonical(target)
    if resolved is None:
        raise LanguageDataError(f"{kind} {word!r} maps to {target!r}, which has no canonical unit")
    return resolved


class TextContext:
    """What the finder cannot read in characters alone. This base answers from nothing (plain text)."""

    def noun_after(self, pos: int) -> tuple[int, int] | None:
        """The counted noun starting at ``pos`` (after spaces), as (start, end), or None."""
        return None

    def name_before(self, pos: int) -> bool:
        """Whether a proper name (a product: "Colossus 2", "S&P 500") ends right before ``pos``."""
        return False


class DocContext(TextContext):
    """Answers from a tagged spaCy Doc."""

    NOUNS = frozenset({"NOUN", "PROPN"})

    def __init__(self, doc: Doc, excluded_heads: frozenset[str]) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self.excluded = excluded_heads
        self._starts: list[int] | None = None

    def _token_at(self, pos: int) -> int | None:
        if self._starts is None:
            self._starts = [token.idx for token in self.doc]
        i = bisect_left(self._starts, pos)
        return i if i < len(self._starts) and self._starts[i] == pos else None

    def noun_after(self, pos: int) -> tuple[int, int] | None:
        text = self.text
        while pos < len(text) and text[pos].isspace():
            pos += 1
        i = self._token_at(pos)
        if i is None:
            return None
        token = self.doc[i]
        if token.pos_ == "ADJ" and i + 1 < len(self.doc) and self.doc[i + 1].pos_ in self.NOUNS:
            token = self.doc[i + 1]
        if token.pos_ not in self.NOUNS or not any(c.isalpha() for c in token.text):
            return None
        if token.lower_ in self.excluded:
            return None
        return token.idx, token.idx + len(token.text)

    def name_before(self, pos: int) -> bool:
        if self._starts is None:
            self._starts = [token.idx for token in self.doc]
        i = bisect_left(self._starts, pos) - 1
        if i < 0:
            return False
        token = self.doc[i]
        gap = self.text[token.idx + len(token.text) : pos]
        if gap.strip(" -"):
            return False
        return token.pos_ == "PROPN" or (token.text[:1].isupper() and not token.is_sent_start)


class QuantityFinder:
    """The compiled quantity grammar of one language; :meth:`find` is a pure function of the text."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.grammar = NumberGrammar(data["numbers"])
        numbers, units, factors, exclusions = data["numbers"], data["units"], data["factors"], data["exclusions"]
        ignore = re.IGNORECASE
        of = phrase_pattern(numbers["of"])
        self.of_re = re.compile(rf"\s*{of}\s*", ignore)
        self.fraction_followers = {word.lower() for word in numbers["fraction_followers"]}
        self.word_after = re.compile(r"\s*(?P<word>[^\W\d_]+['’]?)")
        self.masks = [re.compile(pattern) for pattern in exclusions["masks"]]
        self.year_range = tuple(exclusions["year_range"])
        self.excluded_heads = frozenset(word.lower() for word in exclusions["heads"])
        self.placers = re.compile(rf"{words_pattern(exclusions['time_placers'])}\s*\Z", ignore)

        # units by name (case-insensitive) and by symbol (case-sensitive), both as (canonical, factor)
        self.names: dict[str, tuple[str, float]] = {}
        for name, target in units["names"].items():
            self.names[name.lower()] = _canonical_unit("unit name", name, target)
        self.prefixable = {name.lower() for name in units["prefixable"]}
        self.prefix_names = {name.lower(): value for name, value in units["prefix_names"].items()}
        self.symbols = dict(unit_catalogue.symbol_table(frozenset(units["ignored_symbols"])))
        for symbol, target in units["symbols"].items():
            self.symbols[symbol] = _canonical_unit("unit symbol", symbol, target)
            for prefix in unit_catalogue.catalogue().get(target, {}).get("prefixes", []):
                scaled = unit_catalogue.prefixed(target, unit_catalogue.PREFIX_NAMES.get(prefix, ""))
                if scaled is not None:
                    self.symbols.setdefault(prefix + symbol, scaled)
        for symbol in units["ignored_symbols"]:
            self.symbols.pop(symbol, None)
        symbol_alt = "|".join(re.escape(s) for s in sorted(self.symbols, key=len, reverse=True))
        # "de" needs a space before the unit ("un demi" is not "un de mi"); a hyphen may join it ("2,5-km")
        of_unit = rf"(?:{of}(?:(?<=['’])\s*|\s+))"
        self.symbol_re = re.compile(rf"(?:\s?{of_unit}?|-)(?P<unit>{symbol_alt})(?![\w])")
        self.name_re = re.compile(
            rf"(?:\s*{of_unit}?|-)(?P<unit>(?P<prefix>{phrase_pattern(self.prefix_names)})?"
            rf"(?P<name>{phrase_pattern(self.names)}))(?![\w'’])",
            ignore,
        )
        self.ambiguous: dict[str, tuple[str, float]] = {}
        for name, target in units["ambiguous_names"].items():
            self.ambiguous[name.lower()] = _canonical_unit("unit name", name, target)
        self.money_context = re.compile(rf"(?<![\w]){phrase_pattern(units['money_context'])}", ignore)
        # every name and symbol of a unit that needs its context, by quantulum3 unit name
        self.contextual_names: dict[str, UnitContext] = {}
        self.contextual_symbols: dict[str, UnitContext] = {}
        for target, rule in units["contextual_units"].items():
            _canonical_unit("contextual unit", target, target)
            unit_context = UnitContext.from_data(rule)
            for name, name_target in units["names"].items():
                if name_target == target:
                    self.contextual_names[name.lower()] = unit_context
            catalogue_symbols = unit_catalogue.catalogue().get(target, {}).get("symbols", [])
            data_symbols = [symbol for symbol, symbol_target in units["symbols"].items() if symbol_target == target]
            for symbol in [*catalogue_symbols, *data_symbols]:
                self.contextual_symbols[symbol] = unit_context
        self.sentence_end = re.compile(r"[.!?;]\s")
        self.subunit_joiner = re.compile(rf"\s+(?:{phrase_pattern(units['subunit_joiners'])}\s+)?", ignore)
        self.percent_before = re.compile(rf"(?<![\w])(?P<unit>{phrase_pattern(units['percent_before'])})\s*\Z", ignore)
        self.percent_re = re.compile(rf"\s?(?P<unit>{phrase_pattern(units['percent'])})(?![\w])", ignore)
        currency_prefixes = phrase_pattern(units["currency_prefix_symbols"])
        self.currency_before = re.compile(rf"(?<![\w])(?P<unit>{currency_prefixes})\s?\Z")
        self.currency_symbols = {s: self.symbols[s] for s in units["currency_prefix_symbols"] if s in self.symbols}

        # factors
        times = words_pattern(factors["times"])
        self.times_re = re.compile(
            rf"\s+(?P<unit>{times})(?:\s+(?P<comparative>{words_pattern(factors['comparatives'])}))?", ignore
        )
        factor_symbols = phrase_pattern(factors["symbols"])
        self.factor_after = re.compile(rf"\s?(?P<unit>{factor_symbols})(?![\w])")
        self.factor_before = re.compile(rf"(?<![\w])(?P<unit>{factor_symbols})\s?\Z")
        # "x5": the symbol touches the digits, so the number reader (rightly) sees a model name there
        self.factor_symbol_re = re.compile(
            rf"(?<![\w])(?P<unit>{factor_symbols})(?P<digits>\d+(?:{re.escape(numbers['decimal_separator'])}\d+)?)"
            rf"(?![\w])"
        )
        self.multiply_before = re.compile(
            rf"(?<![\w])(?P<verb>{phrase_pattern(factors['multiply_stems'])}\w*)(?:\s+[^\s\d]+){{0,3}}?"
            rf"\s+{words_pattern(factors['multiply_by'])}\s*\Z",
            ignore,
        )
        endings = phrase_pattern(factors["verb_endings"])
        self.factor_verbs = {stem.lower(): float(value) for stem, value in factors["verb_stems"].items()}
        self.factor_verb_re = re.compile(
            rf"(?<![\w])(?P<stem>{phrase_pattern(self.factor_verbs)}){endings}(?![\w])", ignore
        )
        articles = numbers["indefinite_articles"] + numbers["definite_articles"]
        self.article_before = re.compile(rf"{words_pattern(articles)}\s*\Z", ignore)

        # bounds
        bound_groups = "|".join(
            rf"(?P<{kind}>{phrase_pattern(phrases)})" for kind, phrases in data["bounds"].items() if phrases
        )
        after_groups = "|".join(
            rf"(?P<{kind}>{phrase_pattern(phrases)})" for kind, phrases in data["bounds_after"].items() if phrases
        )
        # "5000 ou plus de 6000": the bound belongs to the next number
        blockers = words_pattern(data["bound_after_blockers"])
        self.bound_after_re = re.compile(rf"\s*(?:{after_groups})(?![\w])(?!\s*(?:{blockers}|\d))", ignore)
        self.inclusive_bounds = frozenset(normal_phrase(phrase) for phrase in data["inclusive_bounds"])
        # phrases written right before a number are searched in a window twice as long as the longest one
        phrases = [p for kind in data["bounds"].values() for p in kind]
        phrases += units["currency_prefix_symbols"] + units["percent_before"] + factors["symbols"]
        self.phrase_window = 2 * max(len(p) for p in phrases)
        self.bound_re = re.compile(rf"(?:(?<![\w'’])|(?<=[\w]['’]))(?:{bound_groups})\s*\Z", ignore)
        adverbs = phrase_pattern(data["bound_verb_adverbs"])
        definite = phrase_pattern(numbers["definite_articles"])
        verb_groups = "|".join(
            rf"(?P<{kind}>{phrase_pattern(stems)}\w*)" for kind, stems in data["bound_verbs"].items() if stems
        )
        self.bound_verb_re = (
            re.compile(rf"(?<![\w])(?:{verb_groups})(?:\s+{adverbs})?(?:\s+{definite}(?<![\w]))?\s*\Z", ignore)
            if verb_groups
            else None
        )

        # ranges
        ranges = data["ranges"]
        connectors = [pair[1] for pair in ranges["between"] + ranges["from"]] + ranges["bare"]
        self.range_connector = re.compile(rf"\s*(?P<conn>{phrase_pattern(connectors)})\s*\Z", ignore)
        openers: dict[str, list[str]] = {}
        for opener, connector in ranges["between"] + ranges["from"]:
            openers.setdefault(connector.lower(), []).append(opener)
        self.range_openers = {
            connector: re.compile(rf"{words_pattern(words)}\s*\Z", ignore) for connector, words in openers.items()
        }
        self.range_required = {pair[1].lower() for pair in ranges["between"]}

    # -- numbers ------------------------------------------------------------------------------------------------

    def masked_spans(self, text: str) -> list[tuple[int, int]]:
        return sorted(m.span() for pattern in self.masks for m in pattern.finditer(text))

    def numbers(self, text: str, standalone: bool = False) -> list[NumberMatch]:
        """Every number of ``text`` outside times, phone numbers, list markers and URLs.

        With ``standalone``, only numbers that are not glued to a following word ("180ml", "29km" are quantities,
        not numbers on their own).
        """
        masked = self.masked_spans(text)
        found = self.grammar.find(text)
        if standalone:
            found = [n for n in found if not text[n.end : n.end + 1].isalpha()]
        if not masked:
            return found
        return [n for n in found if not any(s < n.end and n.start < e for s, e in masked)]

    # -- units --------------------------------------------------------------------------------------------------

    def read_unit(self, text: str, pos: int, number: NumberMatch | None = None) -> UnitRead | None:
        """The unit written at ``pos`` (percent, factor, symbol or name), if any.

        A unit word that is also an ordinary word ("degrés", "tours") is one only after ``number`` in its context.
        """
        for pattern, fixed in ((self.percent_re, ("%", 1.0)), (self.times_re, ("x", 1.0))):
            match = pattern.match(text, pos)
            if match:
                end = match.end()
                return UnitRead(fixed[0], fixed[1], end, match.span("unit"))
        candidates: list[tuple[int, UnitRead]] = []
        match = self.symbol_re.match(text, pos)
        if match and self._names_unit(text, number, self.contextual_symbols.get(match.group("unit")), match.end()):
            unit, factor = self.symbols[match.group("unit")]
            candidates.append((match.end(), UnitRead(unit, factor, match.end(), match.span("unit"))))
        match = self.name_re.match(text, pos)
        if match:
            name = re.sub(r"\s+", " ", match.group("name").lower()).replace("’", "'")
            resolved = self.names.get(name)
            if match.group("prefix"):
                prefix = self.prefix_names.get(match.group("prefix").lower(), "")
                resolved = None
                if name in self.prefixable and prefix in unit_catalogue.SI_EXPONENTS:
                    base = self.names[name]
                    resolved = (base[0], base[1] * unit_catalogue.SI_EXPONENTS[prefix])
            if name in self.ambiguous and self._money_context(text, pos):
                resolved = self.ambiguous[name]
            if resolved is not None and self._names_unit(text, number, self.contextual_names.get(name), match.end()):
                candidates.append((match.end(), UnitRead(resolved[0], resolved[1], match.end(), match.span("unit"))))
        if not candidates:
            match = self.factor_after.match(text, pos)
            if match:
                return UnitRead("x", 1.0, match.end(), match.span("unit"))
            return None
        return max(candidates, key=lambda item: item[0])[1]

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
        sentence_start = max(0, start - LEFT_WINDOW)
        for match in self.sentence_end.finditer(text, sentence_start, start):
            sentence_start = match.end()
        match = self.sentence_end.search(text, end, end + LEFT_WINDOW)
        return sentence_start, match.start() + 1 if match else min(len(text), end + LEFT_WINDOW)

    def _money_context(self, text: str, pos: int) -> bool:
        """Whether a word about money comes before ``pos`` in its sentence ("résultat ... 361 millions de livres")."""
        start, _ = self._sentence(text, pos, pos)
        return self.money_context.search(text, start, pos) is not None

    def read_count(self, text: str, number: NumberMatch, context: TextContext) -> UnitRead | None:
        """A counted noun after the number ("40 000 entreprises", "un million de puces")."""
        if number.article:
            return None
        pos = number.end
        after_of = self.of_re.match(text, pos)
        needs_of = number.scale > 1.0 or number.vague or number.approx
        if needs_of:
            if not after_of:
                return None
            pos = after_of.end()
        head = context.noun_after(pos)
        if head is None:
            return None
        return UnitRead(COUNT, 1.0, head[1], head)

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
        for match in self.factor_verb_re.finditer(text):
            if self.article_before.search(text, max(0, match.start() - 20), match.start()):
                continue
            value = self.factor_verbs[match.group("stem").lower()]
            found.append(
                Found(match.start(), match.end(), value, None, "x", "exact", False, match.span(), match.start())
            )
        for match in self.factor_symbol_re.finditer(text):
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
        return without_overlaps(found)

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
            or not self.subunit_joiner.fullmatch(text, amount.end, following.start)
        ):
            return None
        end = following.end
        unit = self.read_unit(text, end)
        if unit is not None:
            if unit_kind_is_subunit(unit):
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
        unit = self.read_unit(text, number.end, number)
        if unit is not None:
            if number.article and unit.unit in ("x", "%", COUNT):  # "un pourcentage", "une fois"
                return None
            if unit.unit == "s" and self.placers.search(text, max(0, number.start - LEFT_WINDOW), number.start):
                return None
            if unit.unit == "x" and number.plain and self.year_range[0] <= number.value <= self.year_range[1]:
                return None
            return unit
        count = self.read_count(text, number, context)
        if count is not None:
            if number.plain and self.year_range[0] <= number.value <= self.year_range[1]:
                return None
            return count
        if currency is not None and number.scale >= 1e6 and not number.article:
            return UnitRead(currency, 1.0, number.end, None)
        return None

    def _left(self, text: str, start: int) -> tuple[int, int, str | None, UnitRead | None]:
        """What precedes a number: (start with the bound, start without it, bound, prefix unit)."""
        window_start = max(0, start - LEFT_WINDOW)
        near = max(0, start - self.phrase_window)
        prefix_unit = None
        match = self.currency_before.search(text, near, start)
        if match and match.group("unit") in self.currency_symbols:
            unit, factor = self.currency_symbols[match.group("unit")]
            prefix_unit = UnitRead(unit, factor, start, match.span("unit"))
            start = match.start()
        else:
            match = self.multiply_before.search(text, window_start, start) or self.factor_before.search(
                text, near, start
            )
            if match:
                prefix_unit = UnitRead("x", 1.0, start, match.span(1))
                start = match.start()
            elif match := self.percent_before.search(text, near, start):
                prefix_unit = UnitRead("%", 1.0, start, match.span("unit"))
                start = match.start()
        bound_start, bound = self.bound_before(text, start)
        return bound_start, start, bound, prefix_unit

    def bound_before(self, text: str, start: int) -> tuple[int, str | None]:
        """The bound word or verb that ends at ``start`` ("plus de", "dépasserons largement le"): (its start, kind)."""
        match = self.bound_re.search(text, max(0, start - self.phrase_window), start)
        if match is None and self.bound_verb_re is not None:
            match = self.bound_verb_re.search(text, max(0, start - LEFT_WINDOW), start)
        if match:
            return match.start(), match.lastgroup
        return start, None

    def bound_after(self, text: str, end: int) -> tuple[int, str | None]:
        """The bound written after a number ("500 ou plus"): (its end, kind)."""
        match = self.bound_after_re.match(text, end)
        return (match.end(), match.lastgroup) if match else (end, None)

    def is_inclusive(self, phrase: str) -> bool:
        """Whether a bound phrase includes its number ("au moins", "ou plus"; not "plus de", "moins de")."""
        return normal_phrase(phrase) in self.inclusive_bounds

    def _single(self, text: str, number: NumberMatch, context: TextContext, currency: str | None) -> Found | None:
        start, core_start, bound, prefix_unit = self._left(text, number.start)
        if number.fraction:
            return self._fraction(text, number, start, core_start, bound)
        unit = None
        if prefix_unit is not None and prefix_unit.unit == "%" and self.read_unit(text, number.end, number) is not None:
            return None  # "pourcentage de 20 %" is read from its own sign
        if prefix_unit is not None:
            unit = prefix_unit
            after = self.read_unit(text, number.end, number)
            if after is not None and after.unit == "x" and prefix_unit.unit != "x":
                after = None
            end = number.end
        else:
            unit = self._unit_or_count(text, number, context, currency)
            if unit is None:
                return None
            end = unit.end
        if number.plain and unit.unit in (COUNT, "x") and context.name_before(number.start):
            return None
        after_end, after = self.bound_after(text, end)
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
        unit = self.read_unit(text, number.end, number)
        if unit is not None and unit.unit not in ("x", "%", COUNT):
            value = number.value * unit.factor
            return Found(start, unit.end, value, None, unit.unit, bound or "exact", False, unit.head, core_start)
        follower = self.word_after.match(text, number.end)
        if follower is not None and follower.group("word").lower().replace("’", "'") not in self.fraction_followers:
            return None
        return Found(start, number.end, number.value * 100, None, "%", bound or "exact", False, None, core_start)

    def _range(self, text: str, numbers: list[NumberMatch], i: int, context: TextContext) -> Found | None:
        if i + 1 >= len(numbers):
            return None
        first, second = numbers[i], numbers[i + 1]
        connector = self.range_connector.match(text[first.end : second.start])
        if connector is None or first.vague or second.vague:
            return None
        word = connector.group("conn").lower()
        start = first.start
        opener = self.range_openers.get(word)
        if opener is not None:
            match = opener.search(text, max(0, first.start - LEFT_WINDOW), first.start)
            if match:
                start = match.start()
            elif word in self.range_required:
                return None
        unit = self._unit_or_count(text, second, context, None)
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


class QuantulumFinder:
    """A language read by quantulum3's own parser (English), behind :meth:`QuantityFinder.find`'s interface."""

    def __init__(self, data: dict[str, Any]) -> None:
        with warnings.catch_warnings():  # it warns that its optional classifier is not installed
            warnings.simplefilter("ignore", UserWarning)
            from quantulum3 import parser  # slow to import: only when a language uses it

        self.parser = parser
        self.lang = data["quantulum_lang"]

    def find(self, text: str, context: TextContext | None = None, currency: str | None = None) -> list[Found]:
        found: list[Found] = []
        for quantity in self.parser.parse(text, lang=self.lang):
            unit = quantity.unit
            resolved = unit_catalogue.canonical(unit.name)
            if resolved is None and unit.currency_code:
                resolved = (unit.currency_code, 1.0)
            if resolved is None or resolved[0] == "x":
                continue
            start, end = quantity.span
            found.append(
                Found(start, end, quantity.value * resolved[1], None, resolved[0], "exact", False, None, start)
            )
        return without_overlaps(found)


def normal_phrase(phrase: str) -> str:
    """A phrase lower-cased with one space between words and straight apostrophes, to compare surfaces."""
    return " ".join(phrase.lower().replace("’", "'").split())


def unit_kind_is_subunit(unit: UnitRead) -> bool:
    """A hundredth of a currency (cents, centimes, pence)."""
    return unit_catalogue.unit_kind(unit.unit) == "currency" and abs(unit.factor - 0.01) < 1e-12


def without_overlaps(found: list[Found]) -> list[Found]:
    """Found quantities in text order, dropping any that overlaps an earlier (or, at one start, longer) one."""
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: (f.start, -f.end)):
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


def load_finder(lang: str) -> QuantityFinder | QuantulumFinder:
    """The finder of ``lang`` from ``resources/<lang>/quantities.json`` (rules, or the quantulum3 engine)."""
    try:
        return QuantityFinder(load_language_data(lang, "quantities", RULE_KEYS))
    except LanguageDataError as rules_error:
        try:
            data = load_language_data(lang, "quantities", QUANTULUM_KEYS)
        except LanguageDataError:
            raise rules_error from None
        if data["engine"] != "quantulum3":
            raise LanguageDataError(f"{lang}/quantities.json: unknown engine {data['engine']!r}") from None
        return QuantulumFinder(data)


def to_records(text: str, found: list[Found]) -> tuple[list[Quantity], dict[str, tuple[int, int]]]:
    """Quantity records with ids q1.. and the heads dict, from found quantities in text order."""
    quantities: list[Quantity] = []
    heads: dict[str, tuple[int, int]] = {}
    for n, item in enumerate(found, start=1):
        qid = f"q{n}"
        quantities.append(
            Quantity(
                id=qid,
                start=item.start,
                end=item.end,
                text=text[item.start : item.end],
                value=float(item.value),
                value_max=None if item.value_max is None else float(item.value_max),
                unit=item.unit,
                bound=item.bound,
                vague=item.vague,
            )
        )
        if item.head is not None:
            heads[qid] = item.head
    return quantities, heads


class QuantityRecognizer:
    """Finds quantities (``match``) then writes them on the Doc (``set_annotations``)."""

    def __init__(self, nlp: Language, name: str, default_currency: str) -> None:
        self.name = name
        self.default_currency = default_currency
        self.finder = load_finder(nlp.lang)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Found]:
        if not isinstance(self.finder, QuantityFinder):
            return self.finder.find(doc.text)
        context = DocContext(doc, self.finder.excluded_heads)
        found = self.finder.find(context.text, context, currency=CONTEXT_CURRENCY)
        currency = self._doc_currency(found)
        return [replace(f, unit=currency) if f.unit == CONTEXT_CURRENCY else f for f in found]

    def _doc_currency(self, found: list[Found]) -> str:
        """The article's currency: the most frequent one among its amounts, else the configured default."""
        counts: dict[str, int] = {}
        for item in found:
            if unit_catalogue.unit_kind(item.unit) == "currency":
                counts[item.unit] = counts.get(item.unit, 0) + 1
        return max(counts, key=lambda unit: counts[unit]) if counts else self.default_currency

    def set_annotations(self, doc: Doc, found: list[Found]) -> None:
        doc._.news_quantities, doc._.news_quantity_heads = to_records(doc.text, found)


@Language.factory(
    "news_quantities",
    assigns=["doc._.news_quantities", "doc._.news_quantity_heads"],
    default_config={"default_currency": "USD"},
)
def make_quantities(nlp: Language, name: str, default_currency: str) -> QuantityRecognizer:
    """The ``news_quantities`` component; ``default_currency`` is for money written without a currency."""
    return QuantityRecognizer(nlp, name, default_currency)
