"""The calendar period a TIMEX3 value covers, as two ISO dates an analyst can sort and filter on.

"2025" -> 2025-01-01..2025-12-31, "2025-Q1" -> 2025-01-01..2025-03-31, "2025-H2", "2025-W07" (ISO week), "2025-SP"
(meteorological seasons, as the date component resolves them: a winter starting in December is that year's),
"202" (a decade), "20" (a century), a day with a time or a part of the day ("2025-10-14TEV") -> that day, a range
"(2025-03-03,2025-03-10,P7D)" -> from the start of its first end to the end of its second. A duration ("P5Y"), a set,
a bare clock time or a value with an unknown year ("XXXX-10-31") places nothing in time: None.
"""

from __future__ import annotations

import datetime as dt
import re

_YEAR_PART = re.compile(r"(\d{4})(?:-(Q[1-4]|H[12]|W\d\d|SP|SU|FA|WI|\d\d)(?:-(\d\d))?)?(?:T.*)?")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # 14: February of the next year
_RANGE = re.compile(r"\(([^,]+),([^,]+),[^,]+\)")


def timex_period(value: str | None) -> tuple[str, str] | None:
    """(first day, last day) as ISO dates of the period ``value`` names, or None when it names none."""
    if not value:
        return None
    ranged = _RANGE.fullmatch(value)
    if ranged:
        first, second = timex_period(ranged.group(1)), timex_period(ranged.group(2))
        return (first[0], second[1]) if first and second and first[0] <= second[1] else None
    try:
        bounds = _bounds(value)
    except ValueError:  # an impossible day or week ("2025-02-30", "2025-W54")
        return None
    return None if bounds is None else (bounds[0].isoformat(), bounds[1].isoformat())


def _bounds(value: str) -> tuple[dt.date, dt.date] | None:
    if re.fullmatch(r"\d{3}", value):  # a decade: "202" -> the 2020s
        return dt.date(int(value) * 10, 1, 1), dt.date(int(value) * 10 + 9, 12, 31)
    if re.fullmatch(r"\d{2}", value):  # a century: "20" -> 2000-2099
        return dt.date(int(value) * 100, 1, 1), dt.date(int(value) * 100 + 99, 12, 31)
    match = _YEAR_PART.fullmatch(value)
    if match is None:
        return None
    year, part, day = int(match.group(1)), match.group(2), match.group(3)
    if part is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is not None:
        if not part.isdigit():
            return None
        date = dt.date(year, int(part), int(day))
        return date, date
    if part.isdigit():
        return _months(year, int(part), int(part))
    if part in _SEASON_MONTHS:
        return _months(year, *_SEASON_MONTHS[part])
    if part[0] == "Q":
        quarter = int(part[1])
        return _months(year, 3 * quarter - 2, 3 * quarter)
    if part[0] == "H":
        half = int(part[1])
        return _months(year, 6 * half - 5, 6 * half)
    monday = dt.date.fromisocalendar(year, int(part[1:]), 1)
    return monday, monday + dt.timedelta(days=6)


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """From the first day of month ``first`` to the last day of month ``last`` (13, 14: months of the next year)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    following = dt.date(end_year + end_month // 12, end_month % 12 + 1, 1)
    return dt.date(year, first, 1), following - dt.timedelta(days=1)
