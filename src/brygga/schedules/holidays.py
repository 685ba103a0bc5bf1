"""Swedish public holidays ("helgdagar"), computed for any year, and the three de facto days off ("aftnar").

Public holidays by the Act on general holidays (1989:253): nyårsdagen, trettondedag jul, långfredagen, påskdagen,
annandag påsk, första maj, Kristi himmelsfärdsdag, nationaldagen, pingstdagen, midsommardagen (the Saturday
20–26 June), alla helgons dag (the Saturday 31 October–6 November), juldagen and annandag jul. The eves most
workplaces also close on (midsommarafton, julafton, nyårsafton) are not public holidays and are skipped only when
asked for.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

__all__ = ["easter_sunday", "is_eve", "is_public_holiday", "public_holidays", "swedish_eves"]


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher")."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _saturday_from(first: date) -> date:
    """The Saturday on or after ``first`` (weekday 5)."""
    return first + timedelta(days=(5 - first.weekday()) % 7)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> dict[date, str]:
    """Every public holiday of ``year``, with its Swedish name (two names when two fall on one day, as Kristi
    himmelsfärdsdag and första maj did in 2008)."""
    easter = easter_sunday(year)
    named = [
        (date(year, 1, 1), "nyårsdagen"),
        (date(year, 1, 6), "trettondedag jul"),
        (easter - timedelta(days=2), "långfredagen"),
        (easter, "påskdagen"),
        (easter + timedelta(days=1), "annandag påsk"),
        (date(year, 5, 1), "första maj"),
        (easter + timedelta(days=39), "Kristi himmelsfärdsdag"),
        (date(year, 6, 6), "nationaldagen"),
        (easter + timedelta(days=49), "pingstdagen"),
        (_saturday_from(date(year, 6, 20)), "midsommardagen"),
        (_saturday_from(date(year, 10, 31)), "alla helgons dag"),
        (date(year, 12, 25), "juldagen"),
        (date(year, 12, 26), "annandag jul"),
    ]
    days: dict[date, str] = {}
    for day, name in named:
        days[day] = f"{days[day]}, {name}" if day in days else name
    return days


@lru_cache(maxsize=64)
def swedish_eves(year: int) -> dict[date, str]:
    """The de facto days off: midsommarafton (the Friday 19–25 June), julafton and nyårsafton."""
    return {
        _saturday_from(date(year, 6, 20)) - timedelta(days=1): "midsommarafton",
        date(year, 12, 24): "julafton",
        date(year, 12, 31): "nyårsafton",
    }


def is_public_holiday(day: date) -> bool:
    return day in public_holidays(day.year)


def is_eve(day: date) -> bool:
    return day in swedish_eves(day.year)
