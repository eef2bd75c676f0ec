"""Pure number reading (pipeline/grammar/numbers.py) and the unit catalogue mapping (pipeline/grammar/units.py): no
spaCy model."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.components.quantities import RULE_KEYS, load_finder
from pipeline.grammar import units
from pipeline.grammar.numbers import NumberGrammar, read_number
from pipeline.language import load_language_data


@pytest.fixture(scope="module")
def grammar() -> NumberGrammar:
    return NumberGrammar(load_language_data("fr", "quantities", RULE_KEYS)["numbers"])


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        ("2 000", 2000),
        ("550\u00a0000", 550000),
        ("550\u202f000", 550000),
        ("1.500.000", 1500000),
        ("2,39", 2.39),
        ("1 234 567,89", 1234567.89),
        ("deux mille", 2000),
        ("vingt et un", 21),
        ("quatre-vingt-dix-sept", 97),
        ("mille milliards", 1e12),
        ("un million", 1e6),
        ("1,5 million", 1.5e6),
        ("2,39 milliards", 2.39e9),
        ("3 Md", 3e9),
        ("12 M", 12e6),
        ("10k", 1e4),
        ("un demi-million", 5e5),
        ("3 millions et demi", 3.5e6),
        ("un billion", 1e12),
        ("trois douzaines", 36),
        ("deux cent virgule cinquante deux", 200.52),
        ("-4", -4),
    ],
)
def test_numbers_read_number(grammar: NumberGrammar, surface: str, value: float) -> None:
    assert read_number(grammar, surface) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "surface", "value", "scale"),
    [
        ("des milliers de milliards de dollars", "des milliers de milliards", 1e12, 1e12),
        ("des centaines de milliards", "des centaines de milliards", 1e11, 1e11),
        ("plusieurs dizaines de milliers de GPU", "plusieurs dizaines de milliers", 1e4, 1e4),
        ("plusieurs milliards", "plusieurs milliards", 1e9, 1e9),
    ],
)
def test_numbers_vague_plurals_read_their_lower_magnitude(
    grammar: NumberGrammar, text: str, surface: str, value: float, scale: float
) -> None:
    (found,) = grammar.find(text)
    assert text[found.start : found.end] == surface
    assert found.vague
    assert found.value == pytest.approx(value)
    assert found.scale == pytest.approx(scale)


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("vingt et un ou vingt-deux", ["vingt et un", "vingt-deux"]),
        ("entre 1 500 et 2 000 milliards", ["1 500", "2 000 milliards"]),
        ("plus d'un million", ["un million"]),
        ("192.168.1.2", ["192.168", "1", "2"]),
        ("1, 234, 567", ["1", "234", "567"]),
    ],
)
def test_numbers_find_splits_runs(grammar: NumberGrammar, text: str, surfaces: list[str]) -> None:
    assert [text[n.start : n.end] for n in grammar.find(text)] == surfaces


@pytest.mark.parametrize("text", ["H100", "GB200", "R1", "le 3e", "la 2ème place", "1er", "troisième"])
def test_numbers_ignore_ordinals_and_model_numbers(grammar: NumberGrammar, text: str) -> None:
    assert grammar.find(text) == []


def test_numbers_flags_plain_digits_and_articles(grammar: NumberGrammar) -> None:
    year, article = grammar.find("en 2025 une étude")
    assert year.plain and year.value == 2025
    assert article.article and not article.plain


@pytest.mark.parametrize(
    ("text", "surface", "value", "fraction"),
    [
        ("Il en garde un cinquième.", "un cinquième", 0.2, True),
        ("Il en garde trois cinquièmes.", "trois cinquièmes", 0.6, True),
        ("Il en garde un vingt-cinquième.", "un vingt-cinquième", 0.04, True),
        ("Il en garde un vingt et unième.", "un vingt et unième", 1 / 21, True),
        ("Il en garde un millième.", "un millième", 0.001, True),
        ("Il en garde un demi.", "un demi", 0.5, True),
        ("Il en garde un quart.", "un quart", 0.25, True),
        ("Il reste cent et trois quarts.", "cent et trois quarts", 100.75, False),
        ("Il reste trois et un cinquième.", "trois et un cinquième", 3.2, False),
        ("Il reste cinq milliards et trois quarts.", "cinq milliards et trois quarts", 5.75e9, False),
        ("Il reste cent trois et deux tiers.", "cent trois et deux tiers", 103 + 2 / 3, False),
        ("Un élève sur trois : un sur trois.", "un sur trois", 1 / 3, True),
        ("Le ratio est de 1 sur 4.", "1 sur 4", 0.25, True),
        ("La part est de 3/4.", "3/4", 0.75, True),
        ("La baisse est de -4/5.", "-4/5", -0.8, True),
        ("Il mesure 2 1/4 pouces.", "2 1/4", 2.25, False),
        ("Il en reste ½.", "½", 0.5, True),
        ("Il faut une demi-douzaine de puces.", "une demi-douzaine", 6, False),
    ],
)
def test_numbers_fractions(grammar: NumberGrammar, text: str, surface: str, value: float, fraction: bool) -> None:
    (found,) = [n for n in grammar.find(text) if text[n.start : n.end] == surface]
    assert found.value == pytest.approx(value)
    assert found.fraction is fraction


@pytest.mark.parametrize(
    "text",
    ["le vingt-cinquième anniversaire", "au vingt et unième siècle", "un deuxième mandat"],
)
def test_numbers_ordinals_are_not_fractions(grammar: NumberGrammar, text: str) -> None:
    assert not any(n.fraction for n in grammar.find(text))


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("un prêt de 1000 sur 3 ans", ["un", "1000", "3"]),
        ("ouvert 24/7", ["24", "7"]),
    ],
)
def test_numbers_ratios_need_a_smaller_numerator(grammar: NumberGrammar, text: str, surfaces: list[str]) -> None:
    assert [text[n.start : n.end] for n in grammar.find(text)] == surfaces


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        ("1,1^2", 1.21),
        ("2,5^-1", 0.4),
        ("-12e-1", -1.2),
        ("1e10", 1e10),
        ("12,32e+14", 1.232e15),
        ("5.00", 5.0),
        ("2.5", 2.5),
        ("1234567.0", 1234567.0),
        ("deux cent virgule zéro trois", 200.03),
        ("deux cent virgule soixante et onze", 200.71),
        ("négative cinq", -5),
        ("- 10  k", -1e4),
        ("30 mille", 3e4),
        ("-10 mille", -1e4),
        ("treize lakh", 1.3e6),
        ("un crore", 1e7),
    ],
)
def test_numbers_powers_decimals_and_signs(grammar: NumberGrammar, surface: str, value: float) -> None:
    assert read_number(grammar, surface) == pytest.approx(value)


def test_numbers_fraction_of_a_whole(grammar: NumberGrammar) -> None:
    (found,) = grammar.find("les deux tiers")
    assert found.fraction
    assert found.value == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    "surface",
    ["1e400", "10^400", "0^-1", "1,5e-400000", "9" * 400, "1e308 milliards", "1e" + "9" * 5000],
)
def test_numbers_without_a_finite_value_are_dropped(grammar: NumberGrammar, surface: str) -> None:
    text = f"Il y a {surface} et 3 euros."
    found = grammar.find(text)
    assert all(math.isfinite(n.value) for n in found)
    assert [text[n.start : n.end] for n in found][-1:] == ["3"]


# Pieces of hostile numbers: digit runs from one to hundreds of digits, exponents of every form, signs, separators,
# scale words, units and fraction words that the grammar combines with them.
_NUMBER_PIECES = st.one_of(
    st.integers(min_value=1, max_value=700).map(lambda n: "9" * n),
    st.integers(min_value=1, max_value=400).map(lambda n: "0," + "0" * n + "1"),
    st.sampled_from(
        ["e", "E", "^", "e+", "e-", "^-", "-", "0", "1", "10", ",", ".", " ", "/", "½", " milliards", " millions de",
         " mille", " km", " euros", " %", " tiers", " sur ", " et demi", "x", " doubler"]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_NUMBER_PIECES, max_size=12).map("".join))
def test_numbers_and_quantities_never_raise_and_stay_finite(text: str) -> None:
    grammar = FINDER.grammar
    for number in grammar.find(text):
        assert math.isfinite(number.value)
    for quantity in FINDER.find(text):
        assert math.isfinite(quantity.value)
        assert quantity.value_max is None or math.isfinite(quantity.value_max)


FINDER = load_finder("fr")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gigawatt", ("W", 1e9)),
        ("kilowatt hour", ("Wh", 1e3)),
        ("square foot", ("m2", 0.09290304)),
        ("kilometre", ("m", 1e3)),
        ("euro", ("EUR", 1.0)),
        ("united states dollar", ("USD", 1.0)),
        ("pound sterling", ("GBP", 1.0)),
        ("year", ("s", 365.25 * 86400)),
        ("percentage", ("%", 1.0)),
    ],
)
def test_units_canonical_from_quantulum_names(name: str, expected: tuple[str, float]) -> None:
    unit, factor = units.canonical(name)
    assert unit == expected[0]
    assert factor == pytest.approx(expected[1])


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [("GW", ("W", 1e9)), ("TWh", ("Wh", 1e12)), ("EFLOPS", ("FLOP/s", 1e18)), ("TB", ("B", 1e12)), ("€", ("EUR", 1.0))],
)
def test_units_symbol_table_expands_si_prefixes(symbol: str, expected: tuple[str, float]) -> None:
    unit, factor = units.symbol_table()[symbol]
    assert unit == expected[0]
    assert factor == pytest.approx(expected[1])
