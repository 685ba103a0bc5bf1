"""Rule S7: which supplier invoices a run looks at ("Datum för leverantörsfakturor"), by invoice date.

Weeks are Swedish (ISO) weeks, Monday to Sunday. Both ends are inclusive.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

__all__ = ["period_dates"]


def _month(day: date) -> tuple[date, date]:
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def period_dates(period: str, today: date, start: date | None = None, end: date | None = None) -> tuple[date, date]:
    if period == "today":
        return today, today
    if period in ("this_week", "last_week"):
        monday = today - timedelta(days=today.weekday()) - timedelta(weeks=period == "last_week")
        return monday, monday + timedelta(days=6)
    if period == "this_month":
        return _month(today)
    if period == "last_month":
        return _month(today.replace(day=1) - timedelta(days=1))
    if period == "custom" and start is not None and end is not None:
        return start, end
    raise ValueError(f"okänd period {period!r} (eller custom utan från- och till-datum)")
