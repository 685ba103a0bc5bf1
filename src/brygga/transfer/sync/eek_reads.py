"""Incremental reads from eEkonomi shared by categories: what changed since a cursor, and the server's clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TypeVar

from brygga.eekonomi import field
from brygga.eekonomi.models import WireModel
from brygga.eekonomi.services import ListService

__all__ = ["CURSOR_OVERLAP", "read_changed"]

# ChangedUtc and the server time may be stamped in different instants of the same request; re-reading a short
# overlap costs nothing because unchanged linked objects are recognised by their fingerprint.
CURSOR_OVERLAP = timedelta(minutes=2)

ItemT = TypeVar("ItemT", bound=WireModel)


async def read_changed(service: ListService[ItemT], since: datetime | None) -> tuple[list[ItemT], datetime]:
    """Objects changed after ``since`` (all when None) and the server's time of the first page, which becomes
    the next cursor (the server's clock, so skew on our side cannot skip a change)."""
    query = field("ChangedUtc").gt(since - CURSOR_OVERLAP) if since is not None else None
    first = await service.list(page=1, filter=query)
    items = list(first.data)
    for page in range(2, first.meta.total_number_of_pages + 1):
        items.extend((await service.list(page=page, filter=query)).data)
    return items, first.meta.server_time_utc
