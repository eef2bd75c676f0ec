"""Canonical units from quantulum3's unit catalogue.

quantulum3 ships a language-neutral catalogue (``quantulum3/units.json``): unit names, symbols, the SI prefixes each
symbol takes, dimensions of derived units and ISO currency codes. It has no conversion factors, so this module maps
its base units to the canonical units of ``gold/GUIDELINES.md`` (USD, EUR, W, Wh, FLOP/s, %, B, m, m2, s, rad, ...) and
derives the rest: SI prefixes (``gigawatt`` = 1e9 W), prefixed names (``centimetre``), ratios (``mile per hour``
= 0.44704 m/s), currency subunits (``cent`` = 0.01 USD), powers of a base
(``square foot`` = 0.09290304 m2) and ISO codes for every currency. Nothing here is specific to a language; the
words that name units live in ``pipeline/resources/<lang>/quantities.json``.
"""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

from quantulum3 import load as quantulum_load

# Units the catalogue lacks (or lists without prefixes), in the catalogue's own format.
EXTRA_UNITS: dict[str, dict[str, Any]] = {
    "watt hour": {"symbols": ["Wh"], "prefixes": ["k", "M", "G", "T", "P", "E"], "dimensions": []},
    "flop per second": {
        "symbols": ["FLOPS", "FLOP/s"],
        "prefixes": ["k", "M", "G", "T", "P", "E", "Z"],
        "dimensions": [],
    },
    "byte": {
        "symbols": ["B"],
        "prefixes": ["k", "M", "G", "T", "P", "E", "Z", "Ki", "Mi", "Gi", "Ti", "Pi"],
        "dimensions": [],
    },
    "bit": {"symbols": ["bit"], "prefixes": ["k", "M", "G", "T"], "dimensions": []},
    "hertz": {"symbols": ["Hz"], "prefixes": ["k", "M", "G", "T"], "dimensions": []},
    "joule": {"symbols": ["J"], "prefixes": ["k", "M", "G", "T", "P"], "dimensions": []},
    "gram": {"symbols": ["g"], "prefixes": ["k", "m", "µ"], "dimensions": []},
    "hong kong dollar": {"symbols": ["HK$", "HKD"], "prefixes": [], "dimensions": [], "currency_code": "HKD"},
    "new taiwan dollar": {"symbols": ["NT$", "TWD"], "prefixes": [], "dimensions": [], "currency_code": "TWD"},
    "french franc": {"symbols": ["FRF"], "prefixes": [], "dimensions": [], "currency_code": "FRF"},
    "cfa franc": {"symbols": ["XOF"], "prefixes": [], "dimensions": [], "currency_code": "XOF"},
    "finnish markka": {"symbols": ["FIM"], "prefixes": [], "dimensions": [], "currency_code": "FIM"},
    "netherlands guilder": {"symbols": ["NLG"], "prefixes": [], "dimensions": [], "currency_code": "NLG"},
    "ghanaian cedi": {"symbols": ["GHS"], "prefixes": [], "dimensions": [], "currency_code": "GHS"},
    "euro cent": {"symbols": [], "prefixes": [], "dimensions": []},
    "pesewa": {"symbols": [], "prefixes": [], "dimensions": []},
}

# Base units -> (canonical unit, factor). Everything else is derived from these.
CANONICAL: dict[str, tuple[str, float]] = {
    "watt": ("W", 1.0),
    "watt hour": ("Wh", 1.0),
    "joule": ("J", 1.0),
    "flop per second": ("FLOP/s", 1.0),
    "byte": ("B", 1.0),
    "bit": ("bit", 1.0),
    "hertz": ("Hz", 1.0),
    "percentage": ("%", 1.0),
    "count": ("count", 1.0),
    "dimensionless": ("x", 1.0),
    "metre": ("m", 1.0),
    "foot": ("m", 0.3048),
    "inch": ("m", 0.0254),
    "yard": ("m", 0.9144),
    "mile": ("m", 1609.344),
    "acre": ("m2", 4046.8564224),
    "hectare": ("m2", 1e4),
    "litre": ("m3", 1e-3),
    "gallon": ("m3", 0.003785411784),
    "barrel": ("m3", 0.158987294928),
    "gram": ("g", 1.0),
    "tonne": ("g", 1e6),
    "pound-mass": ("g", 453.59237),
    "ounce": ("g", 28.349523125),
    "second": ("s", 1.0),
    "minute": ("s", 60.0),
    "hour": ("s", 3600.0),
    "day": ("s", 86400.0),
    "week": ("s", 7 * 86400.0),
    "year": ("s", 365.25 * 86400.0),
    "month": ("s", 365.25 * 86400.0 / 12),
    # angles; a turn also makes rotation speeds ratios of it ("revolutions per minute", rpm -> rad/s)
    "radian": ("rad", 1.0),
    "degree angle": ("rad", math.pi / 180),
    "turn": ("rad", 2 * math.pi),
    # currency subunits: a hundredth of their currency
    "cent": ("USD", 0.01),
    "euro cent": ("EUR", 0.01),
    "penny": ("GBP", 0.01),
    "pesewa": ("GHS", 0.01),
}

SI_EXPONENTS: dict[str, float] = {
    "yotta": 1e24,
    "zetta": 1e21,
    "exa": 1e18,
    "peta": 1e15,
    "tera": 1e12,
    "giga": 1e9,
    "mega": 1e6,
    "kilo": 1e3,
    "hecto": 1e2,
    "deca": 1e1,
    "deci": 1e-1,
    "centi": 1e-2,
    "milli": 1e-3,
    "micro": 1e-6,
    "nano": 1e-9,
    "pico": 1e-12,
    "femto": 1e-15,
    "atto": 1e-18,
    "zepto": 1e-21,
    "yocto": 1e-24,
    "kibi": 2.0**10,
    "mebi": 2.0**20,
    "gibi": 2.0**30,
    "tebi": 2.0**40,
    "pebi": 2.0**50,
    "exbi": 2.0**60,
    "zebi": 2.0**70,
    "yobi": 2.0**80,
}

# Prefix symbol -> prefix name ("k" -> "kilo"), quantulum3's table.
PREFIX_NAMES: dict[str, str] = dict(quantulum_load.METRIC_PREFIXES)


@cache
def catalogue() -> dict[str, dict[str, Any]]:
    """quantulum3's general unit catalogue plus :data:`EXTRA_UNITS` (symbols and prefixes merged)."""
    path = quantulum_load.TOPDIR / "units.json"
    units: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    for name, extra in EXTRA_UNITS.items():
        entry = units.setdefault(name, {"surfaces": [name], "entity": "unknown", "dimensions": []})
        entry["symbols"] = sorted(set(entry.get("symbols", [])) | set(extra["symbols"]))
        entry["prefixes"] = sorted(set(entry.get("prefixes", [])) | set(extra["prefixes"]))
        if "currency_code" in extra:
            entry["currency_code"] = extra["currency_code"]
    return units


@cache
def canonical(name: str) -> tuple[str, float] | None:
    """(canonical unit, factor) of a quantulum3 unit name, or None when it has no canonical unit here."""
    if name in CANONICAL:
        return CANONICAL[name]
    entry = catalogue().get(name)
    if entry is not None and entry.get("currency_code"):
        return entry["currency_code"], 1.0
    for prefix, factor in SI_EXPONENTS.items():
        if name.startswith(prefix) and len(name) > len(prefix):
            base = canonical(name[len(prefix) :].lstrip(" -"))
            if base is not None:
                return base[0], base[1] * factor
    if entry is not None and entry.get("dimensions"):
        # a power of one base ("square foot" -> m2) or a ratio of two ("mile per hour" -> m/s)
        dimensions = entry["dimensions"]
        if len(dimensions) > 2 or (len(dimensions) == 2 and [d["power"] for d in dimensions] != [1, -1]):
            return None
        parts, factor = [], 1.0
        for dimension in dimensions:
            base = canonical(dimension["base"])
            power = dimension["power"]
            if base is None or base[0] in ("x", "count", "%") or unit_kind(base[0]) == "currency":
                return None
            parts.append(base[0] + (str(abs(power)) if abs(power) > 1 else ""))
            factor *= base[1] ** power
        if len(dimensions) == 1 and dimensions[0]["power"] < 1:
            return None
        return "/".join(parts), factor
    for prefix in ("square ", "cubic "):
        if name.startswith(prefix):
            base = canonical(name[len(prefix) :])
            if base is not None:
                power = 2 if prefix == "square " else 3
                return base[0] + str(power), base[1] ** power
    return None


def prefixed(name: str, prefix_name: str) -> tuple[str, float] | None:
    """(canonical unit, factor) of ``name`` with an SI prefix given by its name ("giga")."""
    base = canonical(name)
    if base is None or prefix_name not in SI_EXPONENTS:
        return None
    return base[0], base[1] * SI_EXPONENTS[prefix_name]


@cache
def symbol_table(ignored: frozenset[str] = frozenset()) -> dict[str, tuple[str, float]]:
    """Every catalogue symbol (with its SI prefixes) that has a canonical unit -> (canonical unit, factor).

    ``ignored`` holds symbols that are ordinary words or letters in the text's language ("a", "h").
    """
    table: dict[str, tuple[str, float]] = {}
    for name, entry in catalogue().items():
        target = canonical(name)
        if target is None:
            continue
        for symbol in entry.get("symbols", []):
            if symbol not in ignored:
                table.setdefault(symbol, target)
            for prefix in entry.get("prefixes", []):
                scaled = prefixed(name, PREFIX_NAMES.get(prefix, ""))
                if scaled is not None and prefix + symbol not in ignored:
                    table.setdefault(prefix + symbol, scaled)
    return table


def unit_kind(canonical_unit: str) -> str:
    """ "currency" for ISO currency codes, else the canonical unit itself."""
    return "currency" if len(canonical_unit) == 3 and canonical_unit.isupper() else canonical_unit
