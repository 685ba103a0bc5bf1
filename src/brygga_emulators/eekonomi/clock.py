"""Time as the emulator sees it: an injectable clock and eEkonomi's RFC 3339 ``Z`` notation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

__all__ = ["Clock", "fixed_clock", "format_utc", "parse_utc", "system_clock"]

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def fixed_clock(moment: datetime) -> Clock:
    """A clock that always says ``moment``: demo data is written at fixed times in the past."""
    return lambda: moment


def format_utc(moment: datetime) -> str:
    """``2025-01-31T12:00:00Z``; fractions are kept when present so that two changes within one
    second still order correctly for ``ChangedUtc gt …`` cursors."""
    utc = moment.astimezone(UTC)
    if utc.microsecond:
        return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> datetime:
    """Parse an ISO 8601 date or date-time; naive values are taken as UTC (eEk stores UTC).

    Raises ``ValueError`` for anything else.
    """
    value = datetime.fromisoformat(text.strip().replace("z", "Z"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
