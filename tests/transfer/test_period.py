from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brygga.transfer.supplier_costs.period import period_dates

THU = date(2026, 11, 19)  # a Thursday in week 47


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("today", (THU, THU)),
        ("this_week", (date(2026, 11, 16), date(2026, 11, 22))),
        ("last_week", (date(2026, 11, 9), date(2026, 11, 15))),
        ("this_month", (date(2026, 11, 1), date(2026, 11, 30))),
        ("last_month", (date(2026, 10, 1), date(2026, 10, 31))),
    ],
)
def test_s7_periods(period: str, expected: tuple[date, date]) -> None:
    assert period_dates(period, THU) == expected


def test_s7_last_month_across_new_year_and_february() -> None:
    assert period_dates("last_month", date(2026, 1, 5)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert period_dates("this_month", date(2028, 2, 10)) == (date(2028, 2, 1), date(2028, 2, 29))


def test_s7_custom_needs_both_dates() -> None:
    assert period_dates("custom", THU, date(2026, 1, 1), date(2026, 3, 31)) == (date(2026, 1, 1), date(2026, 3, 31))
    with pytest.raises(ValueError, match="custom"):
        period_dates("custom", THU)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_s7_every_period_contains_its_reference_day_or_precedes_it(day: date) -> None:
    for period in ("today", "this_week", "this_month"):
        start, end = period_dates(period, day)
        assert start <= day <= end
    for period in ("last_week", "last_month"):
        start, end = period_dates(period, day)
        assert start <= end < day
