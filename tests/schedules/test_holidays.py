"""Swedish public holidays and the de facto eves, computed for any year."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brygga.schedules.holidays import easter_sunday, is_eve, is_public_holiday, public_holidays, swedish_eves


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2000, date(2000, 4, 23)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_holidays_easter_sunday_is_computed(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_holidays_2026_are_the_thirteen_swedish_public_holidays() -> None:
    assert public_holidays(2026) == {
        date(2026, 1, 1): "nyårsdagen",
        date(2026, 1, 6): "trettondedag jul",
        date(2026, 4, 3): "långfredagen",
        date(2026, 4, 5): "påskdagen",
        date(2026, 4, 6): "annandag påsk",
        date(2026, 5, 1): "första maj",
        date(2026, 5, 14): "Kristi himmelsfärdsdag",
        date(2026, 6, 6): "nationaldagen",
        date(2026, 5, 24): "pingstdagen",
        date(2026, 6, 20): "midsommardagen",
        date(2026, 10, 31): "alla helgons dag",
        date(2026, 12, 25): "juldagen",
        date(2026, 12, 26): "annandag jul",
    }


def test_holidays_eves_are_midsummer_christmas_and_new_years_eve_and_not_public_holidays() -> None:
    assert swedish_eves(2025) == {
        date(2025, 6, 20): "midsommarafton",
        date(2025, 12, 24): "julafton",
        date(2025, 12, 31): "nyårsafton",
    }
    assert all(not is_public_holiday(day) for day in swedish_eves(2025))
    assert is_eve(date(2025, 12, 24)) and not is_eve(date(2025, 12, 25))


@given(st.integers(min_value=1900, max_value=2200))
def test_holidays_fall_where_the_law_puts_them(year: int) -> None:
    days = {name: day for day, names in public_holidays(year).items() for name in names.split(", ")}
    easter = easter_sunday(year)
    assert easter.weekday() == 6 and date(year, 3, 22) <= easter <= date(year, 4, 25)
    assert days["långfredagen"].weekday() == 4 and days["Kristi himmelsfärdsdag"].weekday() == 3
    assert days["midsommardagen"].weekday() == 5 and date(year, 6, 20) <= days["midsommardagen"] <= date(year, 6, 26)
    assert days["alla helgons dag"].weekday() == 5
    assert date(year, 10, 31) <= days["alla helgons dag"] <= date(year, 11, 6)
    assert len(days) == 13


def test_holidays_two_on_one_day_keep_both_names() -> None:
    assert public_holidays(2008)[date(2008, 5, 1)] == "första maj, Kristi himmelsfärdsdag"
