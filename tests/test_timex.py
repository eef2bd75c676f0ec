"""TIMEX3 resolution of parsed expressions, without a pipeline."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.grammar.timex import (
    Expression,
    duration_value,
    parse_iso_date,
    range_length,
    resolve,
    shift,
    weekday_date,
)

REF = dt.date(2025, 2, 23)  # a Sunday, ISO week 2025-W08


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        (Expression("calendar", year=2025, month=7, day=20), ("DATE", "2025-07-20")),
        (Expression("calendar", month=1, day=5), ("DATE", "2025-01-05")),
        (Expression("calendar", year=2026, month=1, part="END"), ("DATE", "2026-01")),
        (Expression("calendar", year=2025, part="MID"), ("DATE", "2025")),
        (Expression("calendar", year=2025, quarter=3), ("DATE", "2025-Q3")),
        (Expression("calendar", half=1), ("DATE", "2025-H1")),
        (Expression("calendar", year=2026, season="SP"), ("DATE", "2026-SP")),
        (Expression("calendar", decade=202), ("DATE", "202")),
        (Expression("time", year=2025, month=2, day=23, hour=19, minute=19), ("TIME", "2025-02-23T19:19")),
        (Expression("time", hour=19, minute=30), ("TIME", "T19:30")),
        (Expression("relative", unit="Y", offset=-1), ("DATE", "2024")),
        (Expression("relative", unit="Y", offset=0, part="END"), ("DATE", "2025")),
        (Expression("relative", unit="W", offset=-1), ("DATE", "2025-W07")),
        (Expression("relative", unit="M", offset=-2), ("DATE", "2024-12")),
        (Expression("relative", unit="D", offset=-1), ("DATE", "2025-02-22")),
        (Expression("relative", unit="Q", offset=1), ("DATE", "2025-Q2")),
        (Expression("named", month=1, offset=-1), ("DATE", "2025-01")),
        (Expression("named", month=3, offset=-1), ("DATE", "2024-03")),
        (Expression("named", month=2, offset=-1), ("DATE", "2024-02")),
        (Expression("named", month=2, offset=1), ("DATE", "2026-02")),
        (Expression("named", season="SU", offset=-1), ("DATE", "2024-SU")),
        (Expression("named", weekday=1, offset=-1), ("DATE", "2025-02-17")),
        (Expression("ago", unit="Y", amount=2), ("DATE", "2023")),
        (Expression("ago", unit="M", amount=3), ("DATE", "2024-11")),
        (Expression("duration", unit="Y", amount=5), ("DURATION", "P5Y")),
        (Expression("duration", unit="H", amount=24), ("DURATION", "PT24H")),
        (Expression("duration", unit="Y", amount=3.5), ("DURATION", "P3.5Y")),
        (Expression("set", unit="Y"), ("SET", "P1Y")),
        (Expression("set", unit="W", amount=3), ("SET", "P3W")),
        (Expression("set", weekday=1), ("SET", "XXXX-WXX-1")),
    ],
)
def test_timex_resolve_against_reference(expression: Expression, expected: tuple[str, str]) -> None:
    assert resolve(expression, REF) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        (Expression("calendar", month=1, day=5), ("DATE", "XXXX-01-05")),
        (Expression("named", month=1, offset=-1), ("DATE", "XXXX-01")),
        (Expression("named", weekday=5), ("DATE", "XXXX-WXX-5")),
        (Expression("calendar", year=2030), ("DATE", "2030")),
        (Expression("duration", unit="M", amount=3), ("DURATION", "P3M")),
        (Expression("relative", unit="Y", offset=-1), None),
        (Expression("relative", unit="D", offset=0), None),
        (Expression("ago", unit="Y", amount=2), None),
        (Expression("calendar", half=1), ("DATE", "XXXX-H1")),
    ],
)
def test_timex_resolve_without_reference(expression: Expression, expected: tuple[str, str] | None) -> None:
    assert resolve(expression, None) == expected


@pytest.mark.parametrize(
    "expression",
    [
        Expression("calendar", year=2025, month=2, day=30),
        Expression("calendar", month=13),
        Expression("ago", unit="Y", amount=1.5),
        Expression("duration", unit="Y"),
    ],
)
def test_timex_resolve_rejects_impossible(expression: Expression) -> None:
    assert resolve(expression, REF) is None


@pytest.mark.parametrize(
    ("expression", "reference"),
    [
        (Expression("relative", unit="Y", offset=-1), dt.date(1, 1, 1)),  # "l'an dernier" in year 1
        (Expression("relative", unit="M", offset=-1), dt.date(1, 1, 1)),
        (Expression("relative", unit="DE", offset=-1), dt.date(1, 1, 1)),
        (Expression("relative", unit="CE", offset=1), dt.date(9999, 12, 31)),
        (Expression("named", weekday=1, offset=1), dt.date(9999, 12, 31)),  # "lundi prochain"
        (Expression("named", month=1, offset=1), dt.date(9999, 12, 31)),
        (Expression("ago", unit="D", amount=10.0**20), REF),  # "il y a 100000000000000000000 jours"
        (Expression("ago", unit="Y", amount=10.0**20, direction=1), REF),
    ],
)
def test_timex_resolve_leaves_out_dates_outside_the_calendar(expression: Expression, reference: dt.date) -> None:
    assert resolve(expression, reference) is None


def test_timex_resolve_keeps_the_calendar_ends() -> None:
    assert resolve(Expression("relative", unit="Y", offset=-1), dt.date(2, 6, 1)) == ("DATE", "0001")
    assert resolve(Expression("relative", unit="CE", offset=0), dt.date(9999, 1, 1)) == ("DATE", "99")


def test_timex_shift_crosses_year_boundaries() -> None:
    assert shift(dt.date(2025, 1, 15), "M", -1) == "2024-12"
    assert shift(dt.date(2025, 1, 15), "Q", -1) == "2024-Q4"
    assert shift(dt.date(2025, 1, 15), "HY", -1) == "2024-H2"
    assert shift(dt.date(2025, 1, 1), "W", 0) == "2025-W01"
    assert shift(dt.date(2025, 1, 15), "DE", 0) == "202"


@pytest.mark.parametrize(
    ("weekday", "offset", "direction", "expected"),
    [
        (7, None, -1, dt.date(2025, 2, 23)),  # the reference day itself
        (1, None, -1, dt.date(2025, 2, 17)),
        (1, None, 1, dt.date(2025, 2, 24)),
        (7, -1, -1, dt.date(2025, 2, 16)),
        (7, 1, -1, dt.date(2025, 3, 2)),
        (1, 0, -1, dt.date(2025, 2, 17)),
    ],
)
def test_timex_weekday_date(weekday: int, offset: int | None, direction: int, expected: dt.date) -> None:
    assert weekday_date(REF, weekday, offset, direction) == expected


def test_timex_duration_value_units() -> None:
    assert duration_value("HY", 1) == "P6M"
    assert duration_value("MIN", 30) == "PT30M"
    assert duration_value("DE", 1) == "P1DE"
    assert duration_value("X", 1) is None


def test_timex_parse_iso_date() -> None:
    assert parse_iso_date("2025-02-23") == REF
    assert parse_iso_date("2025-02-23T19:19") == REF
    assert parse_iso_date("23/02/2025") is None
    assert parse_iso_date(None) is None


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        (
            Expression("calendar", month=3, day=3, until=Expression("calendar", month=3, day=10)),
            ("DATE", "(2025-03-03,2025-03-10,P7D)"),
        ),
        (Expression("time", hour=16, until=Expression("time", hour=18)), ("TIME", "(T16,T18,PT2H)")),
        (Expression("calendar", year=2020, until=Expression("calendar", year=2024)), ("DATE", "(2020,2024,P4Y)")),
        (
            Expression("named", weekday=2, hour=9, until=Expression("named", weekday=2, hour=17)),
            ("TIME", "(2025-02-18T09,2025-02-18T17,PT8H)"),
        ),
        (Expression("named", weekday=2, day_part="MO"), ("TIME", "2025-02-18TMO")),
        (Expression("relative", unit="D", offset=1, hour=19, minute=30), ("TIME", "2025-02-24T19:30")),
        (Expression("set", weekday=1, hour=16), ("SET", "XXXX-WXX-1T16")),
        (Expression("calendar", day=5), ("DATE", "2025-02-05")),
        (Expression("calendar", month=2, day=29), ("DATE", "XXXX-02-29")),
        (Expression("time", hour=19, minute=56, second=30), ("TIME", "T19:56:30")),
        (Expression("ago", unit="Y", amount=5, direction=1), ("DATE", "2030")),
    ],
)
def test_timex_resolve_ranges_and_attached_times(expression: Expression, expected: tuple[str, str]) -> None:
    assert resolve(expression, REF) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2025-03-03", "2025-03-10", "P7D"),
        ("2024-01", "2024-03", "P2M"),
        ("T10:00", "T11:30", "PT1H30M"),
        ("XXXX-09-03", "XXXX-09-12", "P9D"),
        ("2025-03-10", "2025-03-03", None),
        ("2025", "2025-03", None),
    ],
)
def test_timex_range_length(start: str, end: str, expected: str | None) -> None:
    assert range_length(start, end) == expected
