"""Pass rates of our French number and quantity reader on Microsoft Recognizers-Text's French specs.

Usage: ``python bench/recognizers_numbers.py [BENCHMARK_DIR]`` (default ``../shared/benchmarks/recognizers-text-fr``
relative to the repository root). Not a test: pytest never collects it.

Pass rule (the benchmark README's): a case passes when the set of (Text, resolution value) pairs we produce equals
the expected set. Texts are compared lower-cased with spaces collapsed; values as floats rounded to 12 significant
digits. What we produce per file, with the rule-based finder of ``pipeline/components/quantities/`` on plain text
(no spaCy model, so no counted nouns):

- NumberModel: every standalone number (:meth:`QuantityFinder.numbers` with ``standalone``: not glued to a unit,
  "180ml"), its surface and value.
- PercentModel: the quantities in "%"; the text starts at the numeral (bound words such as "environ" are not part
  of a Recognizers span).
- CurrencyModel / DimensionModel: the quantities whose unit is a currency or a physical unit. Expected unit names are
  mapped to our canonical units with a factor (``CURRENCY_UNITS``, ``DIMENSION_UNITS``: "Kilomètres" -> m x 1000,
  "Dollar" -> USD, "Livre" -> GBP in currency and pound-mass -> g in dimensions, "Cent" -> USD x 0.01, "Pence" -> GBP
  x 0.01, "Franc" -> CHF (our reading of a bare "francs"), "Miles par heure" -> m/s x 0.44704, angles -> rad:
  "Degree" x pi/180, "Turn" x 2 pi, ...) so "1,6 km" expected as (1,6, Kilomètres) is compared with our (1600, m).
  Recognizers' unit models have no ranges (a unit belongs to the number written right before it: "huit à 10 pieds"
  is "10 pieds"), so a range of ours is compared by its upper end, from its last number to its end, with value_max.
  An expected unit we cannot map keeps its own name and so never matches; expected records without a value (a bare
  unit word, "dollar") cannot match either. Durations (our unit "s") are left out of DimensionModel: Recognizers
  reads them with its DateTime models.
- NumberRangeModel: bare numbers with a bound before them or a range connector between two of them, written as
  intervals: "[a,b)" for "entre a et b" / "de a à b", "(a,)" for a minimum, "(,a)" for a maximum, with a square
  bracket when the bound includes the number ("au moins 30" -> "[30,)", "500 ou moins" -> "(,500]").

Cases are "supported" unless their NotSupported/NotSupportedByDesign field names python; the published rates of the
Recognizers python package are on the supported cases.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.components.quantities import QuantityFinder, TextContext, load_finder  # noqa: E402
from pipeline.grammar.units import unit_kind  # noqa: E402

DEFAULT_DIR = ROOT / ".." / "shared" / "benchmarks" / "recognizers-text-fr"
PUBLISHED = {"NumberModel": 0.922, "PercentModel": 1.0, "CurrencyModel": 0.953, "DimensionModel": 0.923}
FILES = {
    "NumberModel": "Number/French/NumberModel.json",
    "PercentModel": "Number/French/PercentModel.json",
    "CurrencyModel": "NumberWithUnit/French/CurrencyModel.json",
    "DimensionModel": "NumberWithUnit/French/DimensionModel.json",
    "NumberRangeModel": "Number/French/NumberRangeModel.json",
}
CURRENCY_UNITS: dict[str, tuple[str, float]] = {
    "Dollar": ("USD", 1.0),
    "Dollar États-Unis": ("USD", 1.0),
    "Euro": ("EUR", 1.0),
    "Livre": ("GBP", 1.0),
    "Yen Japonais": ("JPY", 1.0),
    "Yuan Chinois": ("CNY", 1.0),
    "Franc Suisse": ("CHF", 1.0),
    "Dollar Canadien": ("CAD", 1.0),
    "Dollar Australien": ("AUD", 1.0),
    "Dollar néo-zélandais": ("NZD", 1.0),
    "Roupie": ("INR", 1.0),
    "Roupie indienne": ("INR", 1.0),
    "Mexican peso": ("MXN", 1.0),
    "Dollar de Hong Kong": ("HKD", 1.0),
    "Franc": ("CHF", 1.0),
    "Mark Finlandais": ("FIM", 1.0),
    "Florins Néerlandais": ("NLG", 1.0),
    "Cent": ("USD", 0.01),
    "Centimes": ("EUR", 0.01),
    "Pence": ("GBP", 0.01),
    "Penny": ("GBP", 0.01),
    "Pesewa": ("GHS", 0.01),
}
DIMENSION_UNITS: dict[str, tuple[str, float]] = {
    "Litre": ("m3", 1e-3),
    "Millilitre": ("m3", 1e-6),
    "Gallon": ("m3", 0.003785411784),
    "Baril": ("m3", 0.158987294928),
    "Pieds cube": ("m3", 0.3048**3),
    "Pouce": ("m", 0.0254),
    "Pied": ("m", 0.3048),
    "Mile": ("m", 1609.344),
    "Mètres": ("m", 1.0),
    "Kilomètres": ("m", 1e3),
    "Hectomètre": ("m", 1e2),
    "Décimètres": ("m", 0.1),
    "Centimètres": ("m", 1e-2),
    "Millimètres": ("m", 1e-3),
    "Mètre carré": ("m2", 1.0),
    "Kilomètre carré": ("m2", 1e6),
    "Acre": ("m2", 4046.8564224),
    "Livre": ("g", 453.59237),
    "Onces": ("g", 28.349523125),
    "Microgramme": ("g", 1e-6),
    "Tonne": ("g", 1e6),
    "Tonne métrique": ("g", 1e6),
    "Bit": ("bit", 1.0),
    "Miles par heure": ("m/s", 0.44704),
    "Radian": ("rad", 1.0),
    "Degree": ("rad", math.pi / 180),
    "Turn": ("rad", 2 * math.pi),
}

# Recognizers reads durations with its DateTime models, not as dimensions.
NOT_DIMENSIONS = ("%", "x", "count", "s")

Pair = tuple[str, Any]


def norm_text(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip()


def norm_value(value: float) -> float:
    return float(f"{value:.12g}")


def parse_value(value: str) -> float:
    return float(value.replace(",", ".").replace("%", ""))


def supported(case: dict[str, Any]) -> bool:
    skipped = f"{case.get('NotSupported', '')},{case.get('NotSupportedByDesign', '')}".lower()
    return "python" not in skipped


# -- expected pairs ----------------------------------------------------------------------------------------------


def expected_pairs(model: str, case: dict[str, Any]) -> set[Pair]:
    pairs: set[Pair] = set()
    units = CURRENCY_UNITS if model == "CurrencyModel" else DIMENSION_UNITS
    for result in case["Results"]:
        resolution = result.get("Resolution") or {}
        value = resolution.get("value")
        text = norm_text(result["Text"])
        if model in ("NumberModel", "PercentModel"):
            pairs.add((text, norm_value(parse_value(value)) if value else value))
        elif model == "NumberRangeModel":
            pairs.add((text, re.sub(r"\s+", "", str(value))))
        else:
            unit, factor = units.get(resolution.get("unit"), (resolution.get("unit"), 1.0))
            pairs.add((text, (unit, norm_value(parse_value(value) * factor) if value else None)))
    return pairs


# -- our pairs -----------------------------------------------------------------------------------------------------


def number_pairs(finder: QuantityFinder, text: str) -> set[Pair]:
    return {(norm_text(text[n.start : n.end]), norm_value(n.value)) for n in finder.numbers(text, standalone=True)}


def unit_pairs(finder: QuantityFinder, text: str, keep: Callable[[str], bool]) -> set[Pair]:
    pairs: set[Pair] = set()
    numbers = finder.numbers(text)
    for found in finder.find(text, TextContext()):
        if keep(found.unit):
            start, value = found.number_start, found.value
            if found.value_max is not None:
                # Recognizers' unit models have no ranges: a unit belongs to the number written before it, so
                # "huit à 10 pieds" is its "10 pieds", our range's upper end (its lower end is a bare number)
                start = max(n.start for n in numbers if found.number_start <= n.start < found.end)
                value = found.value_max
            surface = norm_text(text[start : found.end])
            pairs.add((surface, norm_value(value)) if found.unit == "%" else (surface, (found.unit, norm_value(value))))
    return pairs


def range_pairs(finder: QuantityFinder, text: str) -> set[Pair]:
    numbers = finder.numbers(text)
    pairs: set[Pair] = set()
    i = 0
    while i < len(numbers):
        number = numbers[i]
        if i + 1 < len(numbers):
            second = numbers[i + 1]
            connector = finder.ranges.connector.match(text[number.end : second.start])
            if connector:
                start = number.start
                opener = finder.ranges.openers.get(connector.group("conn").lower())
                match = opener.search(text, max(0, start - 40), start) if opener else None
                if match:
                    start = match.start()
                interval = f"[{number.value:g},{second.value:g})"
                pairs.add((norm_text(text[start : second.end]), interval))
                i += 2
                continue
        start, bound = finder.bounds.bound_before(text, number.start)
        end = number.end
        if bound not in ("min", "max"):
            start = number.start
            end, bound = finder.bounds.bound_after(text, number.end)
        if bound in ("min", "max"):
            inclusive = finder.bounds.is_inclusive(
                text[start : number.start] if start < number.start else text[number.end : end]
            )
            if bound == "min":
                interval = f"{'[' if inclusive else '('}{number.value:g},)"
            else:
                interval = f"(,{number.value:g}{']' if inclusive else ')'}"
            pairs.add((norm_text(text[start:end]), interval))
        i += 1
    return pairs


def our_pairs(model: str, finder: QuantityFinder, text: str) -> set[Pair]:
    if model == "NumberModel":
        return number_pairs(finder, text)
    if model == "PercentModel":
        return unit_pairs(finder, text, lambda unit: unit == "%")
    if model == "CurrencyModel":
        return unit_pairs(finder, text, lambda unit: unit_kind(unit) == "currency")
    if model == "DimensionModel":
        return unit_pairs(finder, text, lambda unit: unit_kind(unit) != "currency" and unit not in NOT_DIMENSIONS)
    return range_pairs(finder, text)


def evaluate(folder: Path, show_failures: int = 0) -> dict[str, dict[str, Any]]:
    """Per model: counts and pass rates on the supported cases and on the whole file."""
    finder = load_finder("fr")
    if not isinstance(finder, QuantityFinder):
        raise SystemExit("the French data file must use the rule-based finder")
    results: dict[str, dict[str, Any]] = {}
    for model, relative in FILES.items():
        cases = json.loads((folder / relative).read_text(encoding="utf-8-sig"))
        passed_supported = passed_all = n_supported = 0
        failures = []
        for case in cases:
            ok = our_pairs(model, finder, case["Input"]) == expected_pairs(model, case)
            passed_all += ok
            if supported(case):
                n_supported += 1
                passed_supported += ok
                if not ok:
                    failures.append(case)
        results[model] = {
            "supported": n_supported,
            "supported_pass": passed_supported,
            "supported_rate": passed_supported / n_supported if n_supported else None,
            "cases": len(cases),
            "pass": passed_all,
            "rate": passed_all / len(cases) if cases else None,
            "published": PUBLISHED.get(model),
        }
        for case in failures[:show_failures]:
            print(f"[{model}] {case['Input'][:100]!r}")
            print(f"    expected {sorted(expected_pairs(model, case), key=str)}")
            print(f"    got      {sorted(our_pairs(model, finder, case['Input']), key=str)}")
    return results


def percent(rate: float | None) -> str:
    return "n/a" if rate is None else f"{rate:.1%}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR, help="Recognizers-Text French specs")
    parser.add_argument("--failures", type=int, default=0, help="print up to N failing supported cases per file")
    args = parser.parse_args(argv)
    results = evaluate(args.folder.resolve(), args.failures)
    print(f"{'file':<18} {'supported':>18} {'whole file':>18} {'Recognizers (python)':>22}")
    for model, row in results.items():
        supported_cell = f"{row['supported_pass']}/{row['supported']} {percent(row['supported_rate'])}"
        whole_cell = f"{row['pass']}/{row['cases']} {percent(row['rate'])}"
        print(f"{model:<18} {supported_cell:>18} {whole_cell:>18} {percent(row['published']):>22}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
