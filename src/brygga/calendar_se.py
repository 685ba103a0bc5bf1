"""Dates as a Swedish company sees them: "today" for periods (S7) and invoice dates (S8) is Stockholm's today."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

__all__ = ["STOCKHOLM", "swedish_date"]

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def swedish_date(moment: datetime) -> date:
    """The calendar date in Sweden at ``moment`` (an aware datetime): 23:30 UTC on 31 March is 1 April there."""
    return moment.astimezone(STOCKHOLM).date()
