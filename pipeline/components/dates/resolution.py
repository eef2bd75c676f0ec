"""Resolution of the expressions found into TIMEX3 records (no spaCy): each against its reference date, which is
the date of the quoted post it is in, else the article's date, and for an anaphoric expression ("le lendemain",
"l'année suivante") the date mentioned last when that one is precise enough."""

from __future__ import annotations

import datetime as dt
import re

from pipeline.components.dates.expressions import Found
from pipeline.grammar.timex import resolve
from pipeline.records import Timex

# The precision an anaphoric expression of each unit needs from the date it counts from.
_ANCHOR_NEEDS = {"Y": "Y", "DE": "Y", "CE": "Y", "M": "M", "Q": "M", "HY": "M", "W": "D", "D": "D"}


def timexes(text: str, found: list[Found], dct: dt.date | None, scopes: list[tuple[int, int, dt.date]]) -> list[Timex]:
    """The records of ``found`` (ids t1.. in order), those that resolve; ``scopes``: the quoted posts' dates."""
    dates: list[Timex] = []
    last: tuple[dt.date, str] | None = None  # the date mentioned last, for "le lendemain", "l'année suivante"
    for start, end, expression in found:
        reference = next((date for s, e, date in scopes if s <= start < e), dct)
        if expression.anaphoric and last is not None and _fine_enough(last[1], expression.unit):
            reference = last[0]
        resolved = resolve(expression, reference)
        if resolved is None:
            continue
        last = _anchor(resolved[1]) or last
        dates.append(Timex(f"t{len(dates) + 1}", start, end, text[start:end], resolved[0], resolved[1]))
    return dates


def _anchor(value: str) -> tuple[dt.date, str] | None:
    """The date and precision ("Y", "M", "D") a resolved value gives an anaphoric expression that follows it."""
    found = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:$|T)", value)
    if found is None:
        return None
    year, month, day = found.groups()
    try:
        return dt.date(int(year), int(month or 1), int(day or 1)), ("D" if day else "M" if month else "Y")
    except ValueError:
        return None


def _fine_enough(precision: str, unit: str | None) -> bool:
    order = "YMD"
    need = _ANCHOR_NEEDS.get(unit or "", "D")
    return order.index(precision) >= order.index(need)
