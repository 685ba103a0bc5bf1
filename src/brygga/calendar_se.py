"""Dates as a Swedish company sees them: "today" for periods (S7) and invoice dates (S8) is Stockholm's today."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

__all__ = ["STOCKHOLM", "local_time", "swedish_date"]

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def swedish_date(moment: datetime) -> date:
    """The calendar date in Sweden at ``moment`` (an aware datetime): 23:30 UTC on 31 March is 1 April there."""
    return moment.astimezone(STOCKHOLM).date()


def local_time(moment: datetime | None) -> str:
    """A stored moment (UTC; SQLite gives it back without its zone) as Swedish wall-clock time, 2026-12-07 07:10;
    empty for none. What every page, CLI table and alert shows."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
