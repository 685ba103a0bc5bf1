"""Rule S7, beyond ``test_period``: Swedish (ISO) weeks at their edges and across the new year, months of every
length, and which period a supplier-invoice transfer actually uses (Stockholm's today, the command line first)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brygga.transfer.context import TransferContext
from brygga.transfer.options import TransferOptions
from brygga.transfer.supplier_costs.period import period_dates
from brygga.transfer.supplier_costs.transfer import SupplierCostsTransfer
from tests.transfer.invoice_fakes import NoCalls

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@pytest.mark.parametrize(
    ("today", "monday"),
    [
        (date(2026, 11, 16), date(2026, 11, 16)),  # a Monday is the first day of its own week
        (date(2026, 11, 22), date(2026, 11, 16)),  # a Sunday is the last
        (date(2027, 1, 1), date(2026, 12, 28)),  # week 53 of 2026 runs into 2027
        (date(2024, 2, 29), date(2024, 2, 26)),
    ],
)
def test_s7_this_week_runs_monday_to_sunday(today: date, monday: date) -> None:
    assert period_dates("this_week", today) == (monday, monday + timedelta(days=6))


def test_s7_last_week_on_a_monday_is_the_whole_previous_week() -> None:
    assert period_dates("last_week", date(2027, 1, 4)) == (date(2026, 12, 28), date(2027, 1, 3))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 31), (date(2026, 2, 1), date(2026, 2, 28))),
        (date(2024, 3, 1), (date(2024, 2, 1), date(2024, 2, 29))),
        (date(2026, 5, 31), (date(2026, 4, 1), date(2026, 4, 30))),
    ],
)
def test_s7_last_month_has_its_own_length(today: date, expected: tuple[date, date]) -> None:
    assert period_dates("last_month", today) == expected


@pytest.mark.parametrize("period", ["yesterday", "", "custom"])
def test_s7_unknown_period_or_custom_without_dates_is_an_error(period: str) -> None:
    with pytest.raises(ValueError, match="period"):
        period_dates(period, date(2026, 11, 19))


@given(days)
def test_s7_weeks_are_seven_days_from_monday_and_follow_each_other(day: date) -> None:
    this_start, this_end = period_dates("this_week", day)
    last_start, last_end = period_dates("last_week", day)
    assert this_start.isoweekday() == last_start.isoweekday() == 1
    assert (this_end - this_start).days == (last_end - last_start).days == 6
    assert last_end + timedelta(days=1) == this_start


@given(days)
def test_s7_months_are_whole_and_last_month_ends_where_this_one_starts(day: date) -> None:
    this_start, this_end = period_dates("this_month", day)
    last_start, last_end = period_dates("last_month", day)
    assert this_start.day == last_start.day == 1
    assert (this_end + timedelta(days=1)).day == 1 and this_end.month == this_start.month
    assert last_end + timedelta(days=1) == this_start


@given(days, st.integers(0, 400))
def test_s7_custom_period_is_taken_as_given(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    assert period_dates("custom", date(2026, 11, 19), start, end) == (start, end)


# the period a run uses -------------------------------------------------------------------------------------
def transfer_at(
    moment: datetime, options: TransferOptions, given: tuple[date, date] | None = None
) -> SupplierCostsTransfer:
    ctx = SimpleNamespace(
        options=options,
        clock=lambda: moment,
        supplier_period=given,
        store=SimpleNamespace(protocol=NoCalls("protocol")),
        eek=NoCalls("eek"),
        pm=NoCalls("pm"),
    )
    return SupplierCostsTransfer(cast(TransferContext, ctx))


def test_s7_today_is_stockholms_today_not_utcs() -> None:
    # 23:30 UTC on Sunday 22 November is already Monday 23 November in Stockholm: a new week.
    transfer = transfer_at(
        datetime(2026, 11, 22, 23, 30, tzinfo=UTC), TransferOptions(supplier_invoice_period="this_week")
    )
    assert transfer._period() == (date(2026, 11, 23), date(2026, 11, 29))


def test_s7_summer_time_midnight_in_stockholm_is_22_utc() -> None:
    transfer = transfer_at(datetime(2026, 6, 30, 22, 0, tzinfo=UTC), TransferOptions(supplier_invoice_period="today"))
    assert transfer._period() == (date(2026, 7, 1), date(2026, 7, 1))


def test_s7_custom_setting_is_used() -> None:
    options = TransferOptions(
        supplier_invoice_period="custom", supplier_invoice_from=date(2026, 1, 1), supplier_invoice_to=date(2026, 3, 31)
    )
    assert transfer_at(datetime(2026, 11, 19, tzinfo=UTC), options)._period() == (date(2026, 1, 1), date(2026, 3, 31))


def test_s7_a_period_given_for_the_run_overrides_the_setting() -> None:
    given = (date(2025, 12, 1), date(2025, 12, 31))
    transfer = transfer_at(datetime(2026, 11, 19, tzinfo=UTC), TransferOptions(supplier_invoice_period="today"), given)
    assert transfer._period() == given
