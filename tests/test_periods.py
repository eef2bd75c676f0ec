import pytest

from pipeline.views.periods import timex_period


@pytest.mark.parametrize(
    ("value", "period"),
    [
        ("2025", ("2025-01-01", "2025-12-31")),
        ("2025-10", ("2025-10-01", "2025-10-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2025-10-14", ("2025-10-14", "2025-10-14")),
        ("2025-10-14TEV", ("2025-10-14", "2025-10-14")),
        ("2025-02-23T19:19", ("2025-02-23", "2025-02-23")),
        ("2025-Q1", ("2025-01-01", "2025-03-31")),
        ("2025-Q4", ("2025-10-01", "2025-12-31")),
        ("2025-H2", ("2025-07-01", "2025-12-31")),
        ("2025-W07", ("2025-02-10", "2025-02-16")),
        ("2025-SP", ("2025-03-01", "2025-05-31")),
        ("2025-WI", ("2025-12-01", "2026-02-28")),
        ("202", ("2020-01-01", "2029-12-31")),
        ("20", ("2000-01-01", "2099-12-31")),
        ("(2018,2019,P1Y)", ("2018-01-01", "2019-12-31")),
        ("(2025-03-03,2025-03-10,P7D)", ("2025-03-03", "2025-03-10")),
    ],
)
def test_periods_of_calendar_values(value: str, period: tuple[str, str]) -> None:
    assert timex_period(value) == period


@pytest.mark.parametrize(
    "value", ["P5Y", "P1Y", "PT2H", "XXXX-10-31", "XXXX-WXX-1", "T16", "(T16,T18,PT2H)", "2025-02-30", "2025-W54", "",
              None],
)
def test_periods_none_for_durations_sets_clock_times_and_unknown_years(value: str | None) -> None:
    assert timex_period(value) is None


def test_periods_sort_as_text_in_time_order() -> None:
    values = ["2026", "2025-H2", "2025-Q1", "2025-10-14TEV"]
    starts = sorted(timex_period(v)[0] for v in values)  # type: ignore[index]
    assert starts == ["2025-01-01", "2025-07-01", "2025-10-14", "2026-01-01"]
