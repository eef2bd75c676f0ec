"""Readable figures: the one formatter used wherever a person reads a quantity (summary, claims groups, the store's
``claims_readable`` view and its exports, the HTML report's labels).

Stored values stay canonical (``2e9`` "W"); only what is shown changes: "2 GW", "1,2 Md€" / "€1.2bn", "74 322 m²",
"15 ans", "≥ 1 000 %", and a change shows its direction ("+20 %", "−20 %", "÷2"). The integer part of a figure is
never rounded (a count of 12 345 GPUs stays 12 345); decimals are kept up to four significant digits, which removes
float noise (66.666667 -> 66,67) without hiding a figure the press wrote with two decimals (25,53 Md$).

The words and typography below are display conventions of each locale, not extraction data, so they live here rather
than in ``pipeline/resources``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.records import Quantity

SIGNIFICANT_DIGITS = 4
BOUND_SIGNS = {"approx": "≈", "min": "≥", "max": "≤"}
RANGE_DASH = "–"
# The sign of a change (a quantity's direction); a factor shows its operation instead ("×3", "÷2").
DIRECTION_SIGNS = {"up": "+", "down": "−"}
FACTOR_SIGNS = {"up": "×", "down": "÷"}
# A fall of more than 15 % is a change of at most −15 %: a signed fall swaps its floor and its ceiling.
_FALL_BOUNDS = {"min": "max", "max": "min"}

_SI_PREFIXES = ((1e24, "Y"), (1e21, "Z"), (1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))
_SI_UNITS = ("W", "Wh", "FLOP/s", "B", "B/s", "bit", "bit/s", "Hz", "J", "V")
_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CNY": "CN¥", "KRW": "₩"}
_YEAR = 365.25 * 86400  # the guideline's year (gold/GUIDELINES.md: "a year is 365.25 days")


@dataclass(frozen=True, slots=True)
class _Locale:
    thousands: str
    decimal: str
    percent: str  # pattern of a percentage
    money_steps: tuple[tuple[float, str], ...]  # scale words of money, largest first
    money_symbol_first: bool  # "$1.2bn" (English) or "1,2 Md$" (French)
    count_steps: tuple[tuple[float, str, str], ...]  # (scale, singular, plural)
    durations: tuple[tuple[float, str, str], ...]  # (seconds, singular, plural), longest first
    byte: str  # the byte's symbol: "o" (octet) in French, "B" in English
    plural_from: float  # French puts the plural from 2 ("1,5 an"), English from anything but 1 ("1.5 years")


_DURATION_SECONDS = (_YEAR, _YEAR / 12, 7 * 86400.0, 86400.0, 3600.0, 60.0, 1.0)

LOCALES: dict[str, _Locale] = {
    "fr": _Locale(
        thousands=" ", decimal=",", percent="{n} %",
        money_steps=((1e9, "Md"), (1e6, "M")), money_symbol_first=False,
        count_steps=((1e9, "milliard", "milliards"), (1e6, "million", "millions")),
        durations=tuple(zip(_DURATION_SECONDS, ("an", "mois", "semaine", "jour", "h", "min", "s"),
                            ("ans", "mois", "semaines", "jours", "h", "min", "s"), strict=True)),
        byte="o", plural_from=2,
    ),
    "en": _Locale(
        thousands=",", decimal=".", percent="{n}%",
        money_steps=((1e12, "tn"), (1e9, "bn"), (1e6, "m")), money_symbol_first=True,
        count_steps=((1e9, "billion", "billion"), (1e6, "million", "million")),
        durations=tuple(zip(_DURATION_SECONDS, ("year", "month", "week", "day", "h", "min", "s"),
                            ("years", "months", "weeks", "days", "h", "min", "s"), strict=True)),
        byte="B", plural_from=math.nan,
    ),
}
DEFAULT_LANG = "fr"


def format_number(value: float, lang: str = DEFAULT_LANG) -> str:
    """A number in the locale's typography: 74322.432 -> "74 322" (fr) / "74,322" (en); 1.2 -> "1,2" / "1.2"."""
    locale = _locale(lang)
    magnitude = abs(value)
    if magnitude >= 1:
        decimals = max(0, SIGNIFICANT_DIGITS - len(str(int(magnitude))))
    elif magnitude > 0:
        decimals = SIGNIFICANT_DIGITS - 1 - math.floor(math.log10(magnitude))
    else:
        decimals = 0
    text = f"{magnitude:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(",", "\0").replace(".", locale.decimal).replace("\0", locale.thousands)
    if text in ("0", "0" + locale.decimal):
        return "0"
    return ("-" if value < 0 else "") + text


def format_figure(
    value: float,
    unit: str,
    value_max: float | None = None,
    bound: str = "exact",
    lang: str = DEFAULT_LANG,
    direction: str | None = None,
) -> str:
    """The readable figure of a quantity: its bound sign, its value (or range) in a readable unit.

    A range is "1,5–2 Md$", both ends in the unit chosen for the larger one. A figure that states a change shows its
    direction: "+20 %", "−20 %" (each end of a range signed: "−10–−15 %"), a factor its operation ("×3", "÷2"); the
    text's number is kept as its size, so "-3 %" read as -3 with direction down shows "−3 %".
    """
    locale = _locale(lang)
    largest = max(abs(value), abs(value_max) if value_max is not None else 0.0)
    scale, singular, plural = _shape(unit, largest, locale, direction)
    sign = DIRECTION_SIGNS.get(direction or "", "") if unit != "x" else ""
    if sign:
        value, value_max = abs(value), None if value_max is None else abs(value_max)
        if direction == "down":
            bound = _FALL_BOUNDS.get(bound, bound)
    # A single figure takes its sign in front ("+20 %", "+$1.2bn"); each end of a range takes its own.
    end_sign = sign if value_max is not None else ""
    numbers = end_sign + format_number(value / scale, lang)
    if value_max is not None:
        numbers += RANGE_DASH + end_sign + format_number(value_max / scale, lang)
    shown = largest / scale
    is_plural = shown >= locale.plural_from if not math.isnan(locale.plural_from) else shown != 1
    text = ("" if end_sign else sign) + (plural if is_plural else singular).format(n=numbers)
    bound_sign = BOUND_SIGNS.get(bound, "") if value_max is None else ""
    return f"{bound_sign} {text}" if bound_sign else text


def quantity_figure(quantity: Quantity, lang: str = DEFAULT_LANG) -> str:
    """The readable figure of a quantity record, its direction included."""
    return format_figure(quantity.value, quantity.unit, quantity.value_max, quantity.bound, lang, quantity.direction)


def _locale(lang: str) -> _Locale:
    return LOCALES.get(lang, LOCALES[DEFAULT_LANG])


def _shape(unit: str, largest: float, locale: _Locale, direction: str | None = None) -> tuple[float, str, str]:
    """(scale, singular pattern, plural pattern) of a unit at the size of ``largest``; "{n}" stands for the number.
    A factor's pattern shows the operation of its direction ("÷{n}" for a division)."""
    if unit in _SI_UNITS:
        symbol = unit.replace("B", locale.byte) if unit in ("B", "B/s") else unit
        scale, prefix = _step(largest, _SI_PREFIXES)
        return _same(scale, f"{{n}} {prefix}{symbol}")
    if unit == "%":
        return _same(1.0, locale.percent)
    if unit == "x":
        return _same(1.0, FACTOR_SIGNS.get(direction or "", FACTOR_SIGNS["up"]) + "{n}")
    if unit == "count":
        scale, singular, plural = next(((s, one, many) for s, one, many in locale.count_steps if largest >= s),
                                       (1.0, "", ""))
        return (scale, f"{{n}} {singular}".rstrip(), f"{{n}} {plural}".rstrip())
    if unit == "s":
        return _duration(largest, locale)
    if unit == "m2":
        # Hectares from 10 ha and km² from 10 km²: a squared unit never takes a linear prefix (90 000 m² is not
        # "90 km2").
        from_, scale, name = next(step for step in ((1e7, 1e6, "km²"), (1e5, 1e4, "ha"), (0.0, 1.0, "m²"))
                                  if largest >= step[0])
        return _same(scale, f"{{n}} {name}")
    if unit == "m3":
        return _same(*((1.0, "{n} m³") if largest >= 1 or largest == 0 else (1e-3, "{n} L")))
    if unit == "m":
        return _same(*_metric(largest, ((1e3, "km"), (1.0, "m"), (1e-2, "cm"), (1e-3, "mm"), (1e-6, "µm"),
                                        (1e-9, "nm"))))
    if unit == "g":
        return _same(*_metric(largest, ((1e12, "Mt"), (1e9, "kt"), (1e6, "t"), (1e3, "kg"), (1.0, "g"))))
    if len(unit) == 3 and unit.isupper():
        return _money(unit, largest, locale)
    return _same(1.0, f"{{n}} {unit}")


def _same(scale: float, pattern: str) -> tuple[float, str, str]:
    return scale, pattern, pattern


def _step(largest: float, steps: tuple[tuple[float, str], ...]) -> tuple[float, str]:
    return next(((scale, name) for scale, name in steps if largest >= scale), (1.0, ""))


def _metric(largest: float, steps: tuple[tuple[float, str], ...]) -> tuple[float, str]:
    """The first step the figure reaches (the smallest one below them all; the base unit for zero)."""
    if largest == 0:
        return next((1.0, f"{{n}} {name}") for scale, name in steps if scale == 1.0)
    scale, name = next(((s, n) for s, n in steps if largest >= s), steps[-1])
    return scale, f"{{n}} {name}"


def _money(code: str, largest: float, locale: _Locale) -> tuple[float, str, str]:
    """"1,2 Md€", "150 M$", "3 000 €" (French); "$1.2bn", "€150m", "CHF 3,000" (English)."""
    symbol = _CURRENCY_SYMBOLS.get(code)
    scale, word = _step(largest, locale.money_steps)
    if locale.money_symbol_first:
        return _same(scale, f"{symbol or code + ' '}{{n}}{word}")
    if symbol is None:
        return _same(scale, f"{{n}} {word} {code}".replace("  ", " "))
    return _same(scale, f"{{n}} {word}{symbol}")


def _duration(largest: float, locale: _Locale) -> tuple[float, str, str]:
    """The largest unit in which the duration is a whole number ("18 mois", not "1,5 an"; "90 jours"), else the
    largest unit it reaches."""
    reached = [entry for entry in locale.durations if largest >= entry[0]] or [locale.durations[-1]]
    whole = [entry for entry in reached if _is_whole(largest / entry[0])]
    seconds, singular, plural = (whole or reached)[0]
    return seconds, f"{{n}} {singular}", f"{{n}} {plural}"


def _is_whole(number: float) -> bool:
    return abs(number - round(number)) < 1e-6 * max(1.0, abs(number))
