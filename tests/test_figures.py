from dataclasses import replace

import pytest

from pipeline.records import Quantity
from pipeline.views.figures import format_figure, format_number, quantity_figure

YEAR = 365.25 * 86400


@pytest.mark.parametrize(
    ("value", "unit", "french", "english"),
    [
        (2e9, "W", "2 GW", "2 GW"),
        (1.5e8, "W", "150 MW", "150 MW"),
        (2e20, "FLOP/s", "200 EFLOP/s", "200 EFLOP/s"),
        (1.2e9, "EUR", "1,2 Md€", "€1.2bn"),
        (1.2e9, "USD", "1,2 Md$", "$1.2bn"),
        (2.5e12, "USD", "2 500 Md$", "$2.5tn"),
        (1.5e8, "USD", "150 M$", "$150m"),
        (3000, "EUR", "3 000 €", "€3,000"),
        (1e9, "CHF", "1 Md CHF", "CHF 1bn"),
        (74322.432, "m2", "74 322 m²", "74,322 m²"),
        (90000, "m2", "90 000 m²", "90,000 m²"),
        (9e5, "m2", "90 ha", "90 ha"),
        (2e8, "m2", "200 km²", "200 km²"),
        (15 * YEAR, "s", "15 ans", "15 years"),
        (YEAR, "s", "1 an", "1 year"),
        (1.5 * YEAR, "s", "18 mois", "18 months"),
        (90 * 86400, "s", "90 jours", "90 days"),
        (80 * 3600, "s", "80 h", "80 h"),
        (75, "%", "75 %", "75%"),
        (66.666667, "%", "66,67 %", "66.67%"),
        (1000, "%", "1 000 %", "1,000%"),
        (5, "x", "×5", "×5"),
        (40000, "count", "40 000", "40,000"),
        (1e6, "count", "1 million", "1 million"),
        (2.5e6, "count", "2,5 millions", "2.5 million"),
        (8e10, "B", "80 Go", "80 GB"),
        (3e-9, "m", "3 nm", "3 nm"),
        (0.0002, "m3", "0,2 L", "0.2 L"),
        (1e6, "g", "1 t", "1 t"),
        (1.5708, "rad", "1,571 rad", "1.571 rad"),
    ],
)
def test_figures_readable_per_locale(value: float, unit: str, french: str, english: str) -> None:
    assert format_figure(value, unit, lang="fr") == french
    assert format_figure(value, unit, lang="en") == english


def test_figures_squared_units_never_take_a_linear_prefix() -> None:
    assert "km" not in format_figure(90000, "m2")
    assert format_figure(9e4, "m2") == "90 000 m²"


@pytest.mark.parametrize(
    ("bound", "shown"), [("exact", "1 000 %"), ("approx", "≈ 1 000 %"), ("min", "≥ 1 000 %"), ("max", "≤ 1 000 %")]
)
def test_figures_show_the_bound(bound: str, shown: str) -> None:
    assert format_figure(1000, "%", bound=bound) == shown


def test_figures_range_in_the_unit_of_its_larger_end() -> None:
    assert format_figure(1.5e12, "USD", value_max=2e12, bound="range") == "1 500–2 000 Md$"
    assert format_figure(1.5e12, "USD", value_max=2e12, bound="range", lang="en") == "$1.5–2tn"
    assert format_figure(500, "W", value_max=2e6, bound="range") == "0,0005–2 MW"


@pytest.mark.parametrize(
    ("value", "unit", "value_max", "bound", "direction", "french", "english"),
    [
        (20, "%", None, "exact", "up", "+20 %", "+20%"),
        (20, "%", None, "exact", "down", "−20 %", "−20%"),
        (-3, "%", None, "exact", "down", "−3 %", "−3%"),  # "-3 %" read as -3: its size, its direction
        (15, "%", None, "min", "down", "≤ −15 %", "≤ −15%"),  # "a perdu plus de 15 %": a change of at most −15 %
        (4, "%", None, "approx", "up", "≈ +4 %", "≈ +4%"),
        (10, "%", 15, "range", "down", "−10–−15 %", "−10–−15%"),
        (3, "x", None, "exact", "up", "×3", "×3"),
        (2, "x", None, "exact", "down", "÷2", "÷2"),
        (6.9e10, "USD", None, "approx", "down", "≈ −69 Md$", "≈ −$69bn"),
        (3e7, "W", None, "exact", "up", "+30 MW", "+30 MW"),
    ],
)
def test_figures_a_change_shows_its_direction(value: float, unit: str, value_max: float | None, bound: str,
                                              direction: str, french: str, english: str) -> None:
    assert format_figure(value, unit, value_max, bound, "fr", direction) == french
    assert format_figure(value, unit, value_max, bound, "en", direction) == english


def test_figures_a_level_has_no_sign_whatever_its_class() -> None:
    """The sign comes from the quantity's direction, never from the claim's class: "baisser de 20 %" shows −20 %,
    a growth rate whose direction is unknown shows no sign rather than a guessed "+"."""
    quantity = Quantity("q1", 0, 5, "20 %", 20.0, None, "%", "exact", False)
    assert quantity_figure(quantity) == "20 %"
    assert quantity_figure(replace(quantity, direction="down")) == "−20 %"
    assert format_figure(-3.5, "%") == "-3,5 %"  # a negative level keeps its minus


def test_figures_unknown_language_falls_back_to_french_and_integer_part_is_never_rounded() -> None:
    assert format_figure(1.2e9, "EUR", lang="de") == "1,2 Md€"
    assert format_number(12345.0) == "12 345"
    assert format_number(0.1 + 0.2) == "0,3"
    assert format_number(0.0) == "0"
