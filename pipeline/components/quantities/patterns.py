"""The quantity grammar of one language compiled from ``resources/<lang>/quantities.json``: regexes and tables only.

Each group is built once per language and read by one part of the finder: :class:`UnitPatterns` by the unit reader
(units and counted nouns after a number), :class:`BoundPatterns` by the bound reader (the words and signs before a
number, bounds after it), :class:`RangePatterns` and :class:`FactorPatterns` and :class:`ExclusionPatterns` by the
finder itself. No spaCy here; the ``numbers`` section is compiled by :class:`pipeline.grammar.numbers.NumberGrammar`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipeline.grammar import units as unit_catalogue
from pipeline.grammar.phrases import phrase_pattern, words_pattern
from pipeline.language import LanguageDataError
from pipeline.language.text import fold_apostrophes

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
        "changes",
        "exclusions",
    }
)
# How far before a number (and around it, for its sentence) the words that qualify it are searched, in characters.
LEFT_WINDOW = 80
# Words of a unit's context are separated by anything but a word character or a sentence end.
CONTEXT_GAP = r"[^\w.!?;]+"
IGNORE = re.IGNORECASE


def normal_phrase(phrase: str) -> str:
    """A phrase lower-cased with one space between words and straight apostrophes, to compare surfaces."""
    return " ".join(fold_apostrophes(phrase).split())


def canonical_unit(kind: str, word: str, target: str) -> tuple[str, float]:
    """(canonical unit, factor) of a quantulum3 unit the language data names; a unit without one is a data error."""
    resolved = unit_catalogue.canonical(target)
    if resolved is None:
        raise LanguageDataError(f"{kind} {word!r} maps to {target!r}, which has no canonical unit")
    return resolved


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
        return cls(
            trigger_before=None
            if before is None
            else re.compile(rf"{triggers}(?:{CONTEXT_GAP}\w+){{0,{before}}}{CONTEXT_GAP}\Z", IGNORE),
            trigger_after=None
            if after is None
            else re.compile(rf"(?:{CONTEXT_GAP}\w+){{0,{after}}}?{CONTEXT_GAP}{triggers}", IGNORE),
            vetoes=re.compile(words_pattern(rule["vetoes"], hyphens=True), IGNORE),
            next_word_vetoes=re.compile(rf"\s*{words_pattern(rule['next_word_vetoes'], hyphens=True)}", IGNORE),
        )


@dataclass(frozen=True, slots=True)
class UnitPatterns:
    """What may follow a number: a percent sign or word, "fois", a unit symbol (case-sensitive) or name
    (case-insensitive, with an SI prefix name), a factor sign, "de" before a counted noun or a subunit amount.

    ``names``, ``symbols`` and ``ambiguous`` map a surface to its (canonical unit, factor); ``contextual_names`` and
    ``contextual_symbols`` give the :class:`UnitContext` of the surfaces that need one.
    """

    of_re: re.Pattern[str]
    of_after_scale: bool
    compound_nouns: re.Pattern[str]
    names: dict[str, tuple[str, float]]
    prefixable: set[str]
    prefix_names: dict[str, str]
    symbols: dict[str, tuple[str, float]]
    symbol_re: re.Pattern[str]
    name_re: re.Pattern[str]
    ambiguous: dict[str, tuple[str, float]]
    money_context: re.Pattern[str]
    contextual_names: dict[str, UnitContext]
    contextual_symbols: dict[str, UnitContext]
    sentence_end: re.Pattern[str]
    subunit_joiner: re.Pattern[str]
    percent_re: re.Pattern[str]
    times_re: re.Pattern[str]
    factor_after: re.Pattern[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> UnitPatterns:
        """From the ``numbers`` (the word "de"), ``units`` and ``factors`` sections."""
        numbers, units, factors = data["numbers"], data["units"], data["factors"]
        of = phrase_pattern(numbers["of"])
        names = {name.lower(): canonical_unit("unit name", name, target) for name, target in units["names"].items()}
        prefix_names = {name.lower(): value for name, value in units["prefix_names"].items()}
        symbols = _symbols(units)
        symbol_alt = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
        # "de" needs a space before the unit ("un demi" is not "un de mi"); a hyphen may join it ("2,5-km")
        of_unit = rf"(?:{of}(?:(?<=['’])\s*|\s+))"
        ambiguous = {
            name.lower(): canonical_unit("unit name", name, target) for name, target in units["ambiguous_names"].items()
        }
        contextual_names, contextual_symbols = _contextual_units(units)
        comparatives = words_pattern(factors["comparatives"])
        return cls(
            of_re=re.compile(rf"\s*{of}\s*", IGNORE),
            of_after_scale=bool(numbers["of_after_scale"]),
            compound_nouns=re.compile(rf"{phrase_pattern(numbers['compound_nouns'])}(?![\w])", IGNORE),
            names=names,
            prefixable={name.lower() for name in units["prefixable"]},
            prefix_names=prefix_names,
            symbols=symbols,
            symbol_re=re.compile(rf"(?:\s?{of_unit}?|-)(?P<unit>{symbol_alt})(?![\w])"),
            name_re=re.compile(
                rf"(?:\s*{of_unit}?|-)(?P<unit>(?P<prefix>{phrase_pattern(prefix_names)})?"
                rf"(?P<name>{phrase_pattern(names)}))(?![\w'’])",
                IGNORE,
            ),
            ambiguous=ambiguous,
            money_context=re.compile(rf"(?<![\w]){phrase_pattern(units['money_context'])}", IGNORE),
            contextual_names=contextual_names,
            contextual_symbols=contextual_symbols,
            sentence_end=re.compile(r"[.!?;]\s"),
            subunit_joiner=re.compile(rf"\s+(?:{phrase_pattern(units['subunit_joiners'])}\s+)?", IGNORE),
            percent_re=re.compile(rf"\s?(?P<unit>{phrase_pattern(units['percent'])})(?![\w])", IGNORE),
            times_re=re.compile(
                rf"\s+(?P<unit>{words_pattern(factors['times'])})(?:\s+(?P<comparative>{comparatives}))?", IGNORE
            ),
            factor_after=re.compile(rf"\s?(?P<unit>{phrase_pattern(factors['symbols'])})(?![\w])"),
        )


def _symbols(units: dict[str, Any]) -> dict[str, tuple[str, float]]:
    """Unit symbols -> (canonical unit, factor): the catalogue's, then the language's with the SI prefixes their
    unit takes, less the symbols that are ordinary words of the language."""
    symbols = dict(unit_catalogue.symbol_table(frozenset(units["ignored_symbols"])))
    for symbol, target in units["symbols"].items():
        symbols[symbol] = canonical_unit("unit symbol", symbol, target)
        for prefix in unit_catalogue.catalogue().get(target, {}).get("prefixes", []):
            scaled = unit_catalogue.prefixed(target, unit_catalogue.PREFIX_NAMES.get(prefix, ""))
            if scaled is not None:
                symbols.setdefault(prefix + symbol, scaled)
    for symbol in units["ignored_symbols"]:
        symbols.pop(symbol, None)
    return symbols


def _contextual_units(units: dict[str, Any]) -> tuple[dict[str, UnitContext], dict[str, UnitContext]]:
    """Every name and symbol of a unit that needs its context (``units.contextual_units``, by quantulum3 unit
    name), with that context: (by lower-cased name, by symbol)."""
    contextual_names: dict[str, UnitContext] = {}
    contextual_symbols: dict[str, UnitContext] = {}
    for target, rule in units["contextual_units"].items():
        canonical_unit("contextual unit", target, target)
        unit_context = UnitContext.from_data(rule)
        for name, name_target in units["names"].items():
            if name_target == target:
                contextual_names[name.lower()] = unit_context
        catalogue_symbols = unit_catalogue.catalogue().get(target, {}).get("symbols", [])
        data_symbols = [symbol for symbol, symbol_target in units["symbols"].items() if symbol_target == target]
        for symbol in [*catalogue_symbols, *data_symbols]:
            contextual_symbols[symbol] = unit_context
    return contextual_names, contextual_symbols


@dataclass(frozen=True, slots=True)
class BoundPatterns:
    """What may be written right before a number (a currency sign, "multiplier ... par", a factor sign, "pourcentage
    de", a bound word or verb) and the bounds written after it ("500 ou plus").

    Each ``*_before`` pattern ends at the number (``\\Z`` of a search that stops there). A bound pattern's named
    groups are the bound kinds (approx, min, max...): ``lastgroup`` of a match is its kind.
    """

    currency_before: re.Pattern[str]
    currency_symbols: dict[str, tuple[str, float]]
    multiply_before: re.Pattern[str]
    factor_before: re.Pattern[str]
    percent_before: re.Pattern[str]
    phrase_window: int
    bound_re: re.Pattern[str]
    bound_verb_re: re.Pattern[str] | None
    bound_after_re: re.Pattern[str]
    inclusive_bounds: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any], symbols: dict[str, tuple[str, float]]) -> BoundPatterns:
        """From the bound sections and the signs of ``units`` and ``factors``; ``symbols`` are the unit symbols
        (:attr:`UnitPatterns.symbols`), among which the currency signs written before an amount are looked up."""
        numbers, units, factors = data["numbers"], data["units"], data["factors"]
        factor_symbols = phrase_pattern(factors["symbols"])
        bound_groups = _kind_groups(data["bounds"], "")
        after_groups = _kind_groups(data["bounds_after"], "")
        # "5000 ou plus de 6000": the bound belongs to the next number
        blockers = words_pattern(data["bound_after_blockers"])
        # phrases written right before a number are searched in a window twice as long as the longest one
        phrases = [p for kind in data["bounds"].values() for p in kind]
        phrases += units["currency_prefix_symbols"] + units["percent_before"] + factors["symbols"]
        adverbs = phrase_pattern(data["bound_verb_adverbs"])
        definite = phrase_pattern(numbers["definite_articles"])
        verb_groups = _kind_groups(data["bound_verbs"], r"\w*")
        return cls(
            currency_before=re.compile(rf"(?<![\w])(?P<unit>{phrase_pattern(units['currency_prefix_symbols'])})\s?\Z"),
            currency_symbols={s: symbols[s] for s in units["currency_prefix_symbols"] if s in symbols},
            multiply_before=re.compile(
                rf"(?<![\w])(?P<verb>{phrase_pattern(factors['multiply_stems'])}\w*)(?:\s+[^\s\d]+){{0,3}}?"
                rf"\s+{words_pattern(factors['multiply_by'])}\s*\Z",
                IGNORE,
            ),
            factor_before=re.compile(rf"(?<![\w])(?P<unit>{factor_symbols})\s?\Z"),
            percent_before=re.compile(rf"(?<![\w])(?P<unit>{phrase_pattern(units['percent_before'])})\s*\Z", IGNORE),
            phrase_window=2 * max(len(p) for p in phrases),
            bound_re=re.compile(rf"(?:(?<![\w'’])|(?<=[\w]['’]))(?:{bound_groups})\s*\Z", IGNORE),
            bound_verb_re=re.compile(
                rf"(?<![\w])(?:{verb_groups})(?:\s+{adverbs})?(?:\s+{definite}(?<![\w]))?\s*\Z", IGNORE
            )
            if verb_groups
            else None,
            bound_after_re=re.compile(rf"\s*(?:{after_groups})(?![\w])(?!\s*(?:{blockers}|\d))", IGNORE),
            inclusive_bounds=frozenset(normal_phrase(phrase) for phrase in data["inclusive_bounds"]),
        )


def _kind_groups(phrases_by_kind: dict[str, list[str]], suffix: str) -> str:
    """An alternation with one named group per kind that has phrases, each phrase followed by ``suffix``."""
    return "|".join(
        rf"(?P<{kind}>{phrase_pattern(phrases)}{suffix})" for kind, phrases in phrases_by_kind.items() if phrases
    )


@dataclass(frozen=True, slots=True)
class RangePatterns:
    """Two numbers joined into a range: the connector between them ("et", "à", "-"), the opener a connector needs
    before the first number ("entre", "de"), and the connectors whose opener is required ("entre ... et")."""

    connector: re.Pattern[str]
    openers: dict[str, re.Pattern[str]]
    required: set[str]

    @classmethod
    def from_data(cls, ranges: dict[str, Any]) -> RangePatterns:
        """From the ``ranges`` section: ``between`` and ``from`` (opener, connector) pairs and ``bare`` connectors."""
        connectors = [pair[1] for pair in ranges["between"] + ranges["from"]] + ranges["bare"]
        openers: dict[str, list[str]] = {}
        for opener, connector in ranges["between"] + ranges["from"]:
            openers.setdefault(connector.lower(), []).append(opener)
        return cls(
            connector=re.compile(rf"\s*(?P<conn>{phrase_pattern(connectors)})\s*\Z", IGNORE),
            openers={
                connector: re.compile(rf"{words_pattern(words)}\s*\Z", IGNORE) for connector, words in openers.items()
            },
            required={pair[1].lower() for pair in ranges["between"]},
        )


@dataclass(frozen=True, slots=True)
class FactorPatterns:
    """Factors written without a separate number: a verb ("doubler", not after an article: "le double") and a
    factor sign touching its digits ("x5")."""

    verbs: dict[str, float]
    verb_re: re.Pattern[str]
    article_before: re.Pattern[str]
    symbol_re: re.Pattern[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> FactorPatterns:
        """From the ``factors`` section and the articles and decimal separator of ``numbers``."""
        numbers, factors = data["numbers"], data["factors"]
        verbs = {stem.lower(): float(value) for stem, value in factors["verb_stems"].items()}
        endings = phrase_pattern(factors["verb_endings"])
        articles = numbers["indefinite_articles"] + numbers["definite_articles"]
        decimal = re.escape(numbers["decimal_separator"])
        return cls(
            verbs=verbs,
            verb_re=re.compile(rf"(?<![\w])(?P<stem>{phrase_pattern(verbs)}){endings}(?![\w])", IGNORE),
            article_before=re.compile(rf"{words_pattern(articles)}\s*\Z", IGNORE),
            # "x5": the symbol touches the digits, so the number reader (rightly) sees a model name there
            symbol_re=re.compile(
                rf"(?<![\w])(?P<unit>{phrase_pattern(factors['symbols'])})(?P<digits>\d+(?:{decimal}\d+)?)(?![\w])"
            ),
        )


@dataclass(frozen=True, slots=True)
class ExclusionPatterns:
    """What reads as a number or a quantity but is none: masked spans (times, phone numbers, list markers, URLs),
    plain years, durations placed in time ("il y a 3 s") or naming the period a percentage compares ("en hausse de
    36 % sur un an"), nouns that are never counted, and ordinals taken for fractions (a fraction is followed by one
    of ``fraction_followers`` or by no word)."""

    masks: list[re.Pattern[str]]
    year_range: tuple[int, ...]
    excluded_heads: frozenset[str]
    placers: re.Pattern[str]
    comparison_period: re.Pattern[str]
    fraction_followers: set[str]
    word_after: re.Pattern[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ExclusionPatterns:
        """From the ``exclusions`` section and ``numbers.fraction_followers``."""
        exclusions = data["exclusions"]
        return cls(
            masks=[re.compile(pattern) for pattern in exclusions["masks"]],
            year_range=tuple(exclusions["year_range"]),
            excluded_heads=frozenset(word.lower() for word in exclusions["heads"]),
            placers=re.compile(rf"{words_pattern(exclusions['time_placers'])}\s*\Z", IGNORE),
            comparison_period=re.compile(rf"%\s*{words_pattern(exclusions['comparison_periods'])}\s*\Z", IGNORE),
            fraction_followers={word.lower() for word in data["numbers"]["fraction_followers"]},
            word_after=re.compile(r"\s*(?P<word>[^\W\d_]+['’]?)"),
        )
