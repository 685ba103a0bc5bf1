"""Query strings the way Severa reads them.

Array filters are ``style: form, explode: true`` in the spec, i.e. one key per value
(``numbers=1&numbers=2``), and ``changedSince`` is an ISO 8601 date-time; both are built here so
every service formats them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

__all__ = ["QueryItems", "format_changed_since", "query_items"]

QueryItems = list[tuple[str, str]]

QueryValue = str | int | bool | datetime | Iterable[str | int] | None


def format_changed_since(moment: datetime) -> str:
    """``2024-05-01T10:15:30.123Z``: UTC, milliseconds, truncated.

    Truncating (never rounding up) keeps the "greater or equal" filter from skipping a change made
    in the same millisecond. A naive datetime is refused: its zone would be a guess.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("changedSince must be a timezone-aware datetime")
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def query_items(**filters: QueryValue) -> QueryItems:
    """Flatten keyword filters into query pairs; ``None`` is left out, iterables repeat the key."""
    items: QueryItems = []
    for name, value in filters.items():
        if value is None:
            continue
        if isinstance(value, bool):
            items.append((name, "true" if value else "false"))
        elif isinstance(value, datetime):
            items.append((name, format_changed_since(value)))
        elif isinstance(value, str | int):
            items.append((name, str(value)))
        else:
            items.extend((name, str(element)) for element in value)
    return items
