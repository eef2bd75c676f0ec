"""TIMEX3 normalization of parsed temporal expressions: language-neutral pure functions.

The ``news_dates`` component reads words into an :class:`Expression` (calendar fields, a unit and an offset, an
amount...) using the language data; :func:`resolve` turns it into a TIMEX3 ``(type, value)`` against a reference date.

Reference rule: relative expressions resolve against ``reference``. Without one, an expression keeps X placeholders
where TIMEX3 has a form for the unknown part ("le 5 janvier" -> "XXXX-01-05", "janvier dernier" -> "XXXX-01",
"lundi" -> "XXXX-WXX-1"); an expression whose value would carry no known field at all ("hier", "l'an dernier",
"il y a deux ans") is left out (``resolve`` returns None).

Ranges ("du 3 au 10 mars", "de 16h à 18h", "entre janvier et mars 2024") are one expression whose value is the
interval written as Recognizers-Text writes it, "(start,end,length)": "(2025-03-03,2025-03-10,P7D)", "(T16,T18,PT2H)",
"(2024-01,2024-03,P2M)"; the length is end minus start in the unit of the two ends' precision.
A part of the day attached to a day is a TIMEX3 part-of-day suffix ("mardi matin" -> "2025-02-18TMO").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

KINDS = ("calendar", "relative", "named", "ago", "duration", "set", "time")
UNITS = ("Y", "M", "W", "D", "H", "MIN", "S", "Q", "HY", "DE", "CE")
SEASONS = ("SP", "SU", "FA", "WI")
_DURATION_LETTERS = {"Y": "Y", "M": "M", "W": "W", "D": "D", "Q": "Q", "DE": "DE", "CE": "CE"}
_TIME_LETTERS = {"H": "H", "MIN": "M", "S": "S"}


@dataclass(frozen=True, slots=True)
class Expression:
    """A temporal expression as read from text, before normalization.

    kind: "calendar" (explicit fields, the year possibly missing), "relative" (``offset`` units from the reference:
    "l'an dernier", "hier", "la fin de l'année"), "named" (a month, season or weekday counted from the reference:
    ``offset`` -1 the last one strictly before, +1 the next strictly after, 0 the one of the current year/week;
    with ``offset`` None, ``direction`` -1 the last on or before, +1 the next on or after), "ago" (``amount`` units
    before the reference, or after it with ``direction`` +1), "duration", "set" (every ``amount`` units or every
    ``weekday``), "time" (a clock time, with calendar fields when the date is given).
    Any day-precision kind may carry a clock time (``hour``...) or a ``day_part`` ("MO", "AF", "EV", "NI");
    ``until`` is the end of a range that starts here; ``anaphoric`` marks an expression counted from the date
    mentioned last ("le lendemain", "l'année suivante"), which the caller passes as ``reference``.
    """

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    decade: int | None = None
    weekday: int | None = None
    unit: str | None = None
    amount: float | None = None
    offset: int | None = None
    direction: int = -1
    part: str | None = None
    second: int | None = None
    day_part: str | None = None
    anaphoric: bool = False
    until: Expression | None = None


def resolve(expression: Expression, reference: dt.date | None) -> tuple[str, str] | None:
    """TIMEX3 ``(type, value)`` of ``expression`` against ``reference``; None when it has no normalizable value,
    or when it falls outside the calendar (years 1-9999: "l'an dernier" in year 1, "il y a 10^20 jours")."""
    try:
        return _resolve(expression, reference)
    except OverflowError:  # raised by date arithmetic past the calendar's ends, and by _in_calendar
        return None


def _resolve(expression: Expression, reference: dt.date | None) -> tuple[str, str] | None:
    if expression.until is not None:
        return _range(expression, reference)
    resolved = _point(expression, reference)
    if resolved is None or expression.kind in ("calendar", "time", "duration"):
        return resolved
    kind, value = resolved
    if expression.hour is not None and expression.kind == "set" and expression.weekday is None:
        return "SET", _clock(expression.hour, expression.minute, expression.second)
    if not _DAY_VALUE.fullmatch(value):
        return resolved
    kind = "SET" if kind == "SET" else "TIME"
    if expression.hour is not None:
        return kind, value + _clock(expression.hour, expression.minute, expression.second)
    if expression.day_part is not None:
        return kind, f"{value}T{expression.day_part}"
    return resolved


_DAY_VALUE = re.compile(r"(\d{4}|XXXX)-(\d\d-\d\d|WXX-\d|XX-\d\d)")
_RANGE_END = re.compile(r"(?:(\d{4})(?:-(\d\d)(?:-(\d\d))?)?)?(?:T(\d\d)(?::(\d\d))?)?")


def _range(expression: Expression, reference: dt.date | None) -> tuple[str, str] | None:
    first = _resolve(replace(expression, until=None), reference)
    second = _resolve(expression.until, reference) if expression.until is not None else None
    if first is None or second is None or first[0] not in ("DATE", "TIME") or second[0] not in ("DATE", "TIME"):
        return None
    length = range_length(first[1], second[1])
    if length is None:
        return None
    return first[0], f"({first[1]},{second[1]},{length})"


def range_length(start: str, end: str) -> str | None:
    """ISO duration from ``start`` to ``end`` at their common precision: ("2025-03-03", "2025-03-10") -> "P7D"."""
    if start.startswith("XXXX") and end.startswith("XXXX"):
        start, end = "2000" + start[4:], "2000" + end[4:]
    a, b = _RANGE_END.fullmatch(start), _RANGE_END.fullmatch(end)
    if a is None or b is None or [g is None for g in a.groups()[:4]] != [g is None for g in b.groups()[:4]]:
        return None
    year, month, day, hour, minute = (None if g is None else int(g) for g in a.groups())
    year2, month2, day2, hour2, minute2 = (None if g is None else int(g) for g in b.groups())
    try:
        if hour is not None:
            base = dt.datetime(year or 2000, month or 1, day or 1, hour, minute or 0)
            later = dt.datetime(year2 or 2000, month2 or 1, day2 or 1, hour2, minute2 or 0)
            minutes = int((later - base).total_seconds() // 60)
            if minutes <= 0:
                return None
            hours, rest = divmod(minutes, 60)
            return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "")
        if day is not None:
            days = (dt.date(year2, month2, day2) - dt.date(year, month, day)).days
            return f"P{days}D" if days > 0 else None
    except (TypeError, ValueError):
        return None
    if month is not None:
        months = (year2 - year) * 12 + month2 - month
        return f"P{months}M" if months > 0 else None
    if year is not None:
        return f"P{year2 - year}Y" if year2 > year else None
    return None


def _point(expression: Expression, reference: dt.date | None) -> tuple[str, str] | None:
    kind = expression.kind
    if kind == "duration":
        value = duration_value(expression.unit, expression.amount)
        return None if value is None else ("DURATION", value)
    if kind == "set":
        if expression.weekday is not None:
            return "SET", f"XXXX-WXX-{expression.weekday}"
        value = duration_value(expression.unit, 1 if expression.amount is None else expression.amount)
        return None if value is None else ("SET", value)
    if kind in ("calendar", "time"):
        return _calendar(expression, reference)
    if kind == "relative":
        if reference is None or expression.offset is None or expression.unit is None:
            return None
        value = shift(reference, expression.unit, expression.offset)
        return None if value is None else ("DATE", value)
    if kind == "ago":
        amount = expression.amount
        if reference is None or expression.unit is None or amount is None or amount != int(amount):
            return None
        value = shift(reference, expression.unit, int(amount) * (1 if expression.direction > 0 else -1))
        return None if value is None else ("DATE", value)
    if kind == "named":
        return _named(expression, reference)
    return None


def shift(reference: dt.date, unit: str, offset: int) -> str | None:
    """The TIMEX3 value of the ``unit``-long period ``offset`` periods away from the one holding ``reference``."""
    if unit == "Y":
        return _year(reference.year + offset)
    if unit == "M":
        year, month = divmod(reference.year * 12 + reference.month - 1 + offset, 12)
        return f"{_year(year)}-{month + 1:02d}"
    if unit == "W":
        year, week, _ = (reference + dt.timedelta(weeks=offset)).isocalendar()
        return f"{_year(year)}-W{week:02d}"
    if unit == "D":
        return (reference + dt.timedelta(days=offset)).isoformat()
    if unit in ("Q", "HY"):
        size = 3 if unit == "Q" else 6
        year, index = divmod(reference.year * (12 // size) + (reference.month - 1) // size + offset, 12 // size)
        return f"{_year(year)}-{'Q' if unit == 'Q' else 'H'}{index + 1}"
    if unit == "DE":
        return f"{_in_calendar(reference.year // 10 + offset, dt.MAXYEAR // 10):03d}"
    if unit == "CE":
        return f"{_in_calendar(reference.year // 100 + offset, dt.MAXYEAR // 100):02d}"
    return None


def duration_value(unit: str | None, amount: float | None) -> str | None:
    """ISO 8601 duration: ("Y", 5) -> "P5Y", ("H", 3) -> "PT3H", ("HY", 1) -> "P6M" (a half-year)."""
    if unit is None or amount is None or amount < 0:
        return None
    if unit == "HY":
        unit, amount = "M", amount * 6
    number = _number(amount)
    if unit in _DURATION_LETTERS:
        return f"P{number}{_DURATION_LETTERS[unit]}"
    if unit in _TIME_LETTERS:
        return f"PT{number}{_TIME_LETTERS[unit]}"
    return None


def _number(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else f"{amount:g}"


def _year(year: int) -> str:
    return f"{_in_calendar(year, dt.MAXYEAR, dt.MINYEAR):04d}"


def _in_calendar(value: int, highest: int, lowest: int = 0) -> int:
    """``value`` (a year, decade or century number) when the calendar has it; else OverflowError, as ``datetime``
    raises past its ends, so that :func:`resolve` leaves out both alike."""
    if not lowest <= value <= highest:
        raise OverflowError(f"{value} is outside the calendar")
    return value


def _valid_day(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year if year is not None else 2000, month, day)
    except ValueError:
        return False
    return True


def _calendar(expression: Expression, reference: dt.date | None) -> tuple[str, str] | None:
    e = expression
    if e.decade is not None:
        return "DATE", f"{e.decade:03d}"
    year = e.year if e.year is not None else (reference.year if reference is not None else None)
    has_date = any(v is not None for v in (e.year, e.month, e.day, e.quarter, e.half, e.season))
    if e.kind == "time" and not has_date:
        if e.hour is None:
            return None
        return "TIME", _clock(e.hour, e.minute, e.second)
    if e.month is not None and not 1 <= e.month <= 12:
        return None
    if e.day is not None and e.month is None and e.year is None:  # "le 23": a day of the reference month
        if reference is None:
            return ("DATE", f"XXXX-XX-{e.day:02d}") if 1 <= e.day <= 31 else None
        e = Expression("calendar", year=reference.year, month=reference.month, day=e.day)
        year = reference.year
    if e.day is not None and e.month is not None and e.year is None and not _valid_day(year, e.month, e.day):
        year = None  # "29/2" in a common year: the day exists, its year is unknown
    if e.day is not None and (e.month is None or not _valid_day(year, e.month, e.day)):
        return None
    value = _year(year) if year is not None else "XXXX"
    if e.quarter is not None:
        value += f"-Q{e.quarter}"
    elif e.half is not None:
        value += f"-H{e.half}"
    elif e.season is not None:
        value += f"-{e.season}"
    elif e.month is not None:
        value += f"-{e.month:02d}"
        if e.day is not None:
            value += f"-{e.day:02d}"
    elif year is None:
        return None
    if e.hour is not None and e.day is not None:
        return "TIME", value + _clock(e.hour, e.minute, e.second)
    if e.day_part is not None and e.day is not None:
        return "TIME", f"{value}T{e.day_part}"
    return "DATE", value


def _clock(hour: int, minute: int | None, second: int | None = None) -> str:
    if minute is None:
        return f"T{hour:02d}"
    return f"T{hour:02d}:{minute:02d}" + ("" if second is None else f":{second:02d}")


def _named(expression: Expression, reference: dt.date | None) -> tuple[str, str] | None:
    e = expression
    if e.weekday is not None:
        if reference is None:
            return "DATE", f"XXXX-WXX-{e.weekday}"
        return "DATE", weekday_date(reference, e.weekday, e.offset, e.direction).isoformat()
    if e.month is not None:
        if reference is None:
            return "DATE", f"XXXX-{e.month:02d}"
        if e.offset is None:  # the last one on or before the reference (direction -1), or the next on or after
            behind = e.month <= reference.month if e.direction < 0 else e.month >= reference.month
            return "DATE", f"{_year(reference.year if behind else reference.year + e.direction)}-{e.month:02d}"
        return "DATE", f"{_year(_named_year(reference.month, reference.year, e.month, e.offset))}-{e.month:02d}"
    if e.season is not None and e.season in SEASONS:
        if reference is None:
            return "DATE", f"XXXX-{e.season}"
        if not e.offset:
            return "DATE", f"{_year(reference.year)}-{e.season}"
        # a winter starting in December is that year's winter: January and February belong to the year before
        year = reference.year - 1 if reference.month <= 2 else reference.year
        current = _season_index(reference)
        return "DATE", f"{_year(_named_year(current, year, SEASONS.index(e.season), e.offset))}-{e.season}"
    return None


def _season_index(reference: dt.date) -> int:
    """Index in SEASONS of the (meteorological) season holding ``reference``: December-February is winter."""
    return {12: 3, 1: 3, 2: 3, 3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1}.get(reference.month, 2)


def _named_year(current: int, year: int, target: int, offset: int | None) -> int:
    """Year of the ``target``-th month (or season) that is last (-1), this (0/None) or next (+1) from ``current``."""
    if offset is None or offset == 0:
        return year
    if offset < 0:
        return year if target < current else year - 1
    return year if target > current else year + 1


def weekday_date(reference: dt.date, weekday: int, offset: int | None, direction: int = -1) -> dt.date:
    """The date of ISO ``weekday`` relative to ``reference``.

    offset -1 / +1: the last one strictly before / the next strictly after; 0: the one of the reference's ISO week;
    None: the last on or before (``direction`` -1) or the next on or after (+1).
    """
    delta = weekday - reference.isoweekday()
    if offset == 0:
        return reference + dt.timedelta(days=delta)
    if offset is None:
        forward = direction > 0
        strict = False
    else:
        forward = offset > 0
        strict = True
    if forward:
        days = delta % 7
        if days == 0 and strict:
            days = 7
    else:
        days = -((-delta) % 7)
        if days == 0 and strict:
            days = -7
    return reference + dt.timedelta(days=days)


def parse_iso_date(value: str | None) -> dt.date | None:
    """The date of an ISO "YYYY-MM-DD" string (the first ten characters of a date-time), or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
