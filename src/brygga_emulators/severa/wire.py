"""JSON and date-time on the wire: Decimal for every number with a fraction, UTC timestamps with ``Z``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import simplejson

__all__ = ["Clock", "dumps", "format_datetime", "loads", "parse_date", "parse_datetime", "utc_now"]

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def dumps(value: Any) -> bytes:
    return simplejson.dumps(value, use_decimal=True, ensure_ascii=False).encode("utf-8")


def loads(raw: bytes | str) -> Any:
    return simplejson.loads(raw, use_decimal=True)


def format_datetime(moment: datetime) -> str:
    """Millisecond precision, always UTC; ``changedSince`` comparisons parse it back, never compare text."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_datetime(text: str) -> datetime:
    """ISO 8601; a time without offset is taken as UTC. Raises ValueError on anything else."""
    text = text.strip().replace("Z", "+00:00")
    if "T" in text:
        # an unencoded "+01:00" in a query string arrives as " 01:00"
        text = text.replace(" ", "+")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_date(text: str) -> date:
    return date.fromisoformat(text)
