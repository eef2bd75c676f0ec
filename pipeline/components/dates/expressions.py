"""Pure operations on read expressions (no spaCy): what an expression is (a clock time, a day, a daily set), how two
combine (a day and its time, a clock time in a part of the day, the two ends of a range), and a calendar date built
only when it exists. Also the shapes expressions take through the component: a Matcher candidate, a read expression
on tokens while composing, the same on characters once found."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from pipeline.components.dates.text import in_year_range
from pipeline.grammar.timex import Expression

Chosen = tuple[int, int, Expression]  # (start token, end token, expression)
Found = tuple[int, int, Expression]  # (start_char, end_char, expression)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A Matcher match, not yet read: its rule label and its tokens."""

    label: str
    start: int
    end: int


def as_clock(expression: Expression) -> Expression:
    """An hour count read as a duration ("17 heures" in "16-17 heures") as the clock time it is in a range."""
    if expression.kind == "duration" and expression.unit == "H" and expression.amount in range(25):
        return Expression("time", hour=int(expression.amount) % 24)
    return expression


def is_clock(expression: Expression) -> bool:
    ends = [expression] if expression.until is None else [expression, expression.until]
    return all(e.kind == "time" and e.hour is not None and e.day is None and e.year is None for e in ends)


def is_day(expression: Expression) -> bool:
    if expression.until is not None or expression.hour is not None or expression.day_part is not None:
        return False
    if expression.kind == "calendar":
        return expression.day is not None
    return (expression.kind == "named" and expression.weekday is not None) or (
        expression.kind == "relative" and expression.unit == "D"
    )


def is_daily_set(expression: Expression) -> bool:
    return (
        expression.kind == "set"
        and expression.hour is None
        and (expression.weekday is not None or (expression.unit == "D" and expression.amount == 1))
    )


def with_time(day: Expression, clock: Expression) -> Expression:
    kind = "time" if day.kind == "calendar" else day.kind
    at = replace(day, kind=kind, hour=clock.hour, minute=clock.minute, second=clock.second)
    if clock.until is None:
        return at
    end = clock.until
    return replace(at, until=replace(day, kind=kind, hour=end.hour, minute=end.minute, second=end.second))


def in_part(clock: Expression, part: str | None) -> Expression:
    """A clock time read in a part of the day: "6 de l'après-midi" -> 18, "10 heures du soir" -> 22."""
    hour = clock.hour
    if hour is not None and ((part in ("AF", "EV") and hour < 12) or (part == "NI" and 6 <= hour < 12)):
        hour += 12
    return replace(clock, hour=hour)


def compatible(first: Expression, second: Expression) -> bool:
    """Two expressions that can be the ends of one range."""
    if first.until is not None or second.until is not None:
        return False
    if is_clock(first) and is_clock(as_clock(second)):
        return True
    calendar = ("calendar", "time")
    return (
        first.kind in calendar
        and second.kind in calendar
        and first.part is None
        and second.part is None
        and (first.day is None) == (second.day is None)
        and (first.hour is None) == (second.hour is None)
        and (first.month is None) == (second.month is None)
        and first.season is None
        and second.season is None
        and first.quarter is None
        and second.quarter is None
        and first.decade is None
        and second.decade is None
    )


def join(first: Expression, second: Expression) -> Expression:
    """The range from ``first`` to ``second``; a first end without a year takes the second's."""
    second = as_clock(second)
    if first.kind in ("calendar", "time") and first.year is None and first.month is not None:
        first = replace(first, year=second.year)
    return replace(first, until=second)


def calendar_date(year: int | None, month: int, day: int) -> Expression | None:
    """The calendar date ``year-month-day``, or None when that day does not exist (a year-less one: in a leap year)."""
    if year is not None and not in_year_range(year):
        return None
    try:
        dt.date(year if year is not None else 2000, month, day)
    except ValueError:
        return None
    return Expression("calendar", year=year, month=month, day=day)
