"""Planning views that do not grow with the register (issue 16, goal 2).

A two-way transfer reads what changed on each side; after a first run or a lost cursor that can be the whole
register. Most of it is *quiet*: linked, with the fingerprint its link holds, so the planner would do nothing with
it. :class:`SideView` keeps only the objects that may need a change and, for the quiet ones, what the by-number
index needs (id and name, for rule C2/A2's comparison), and :func:`read_changed_pages` walks an eEkonomi list one
page at a time so no whole list of wire models is ever held.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Collection, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from brygga.domain.packed import PackedMap
from brygga.eekonomi import field as odata_field
from brygga.eekonomi.models import WireModel
from brygga.eekonomi.services import ListService
from brygga.store import Link
from brygga.transfer.sync.eek_reads import CURSOR_OVERLAP
from brygga.transfer.sync.link_view import LinkView
from brygga.transfer.sync.planner import Known, Named, Side, Syncable

__all__ = ["ChangedPages", "LinkView", "SideView", "read_changed_pages"]

ItemT = TypeVar("ItemT", bound=Syncable)
WireT = TypeVar("WireT", bound=WireModel)


@dataclass
class SideView(Generic[ItemT]):
    """One side's planning view, built object by object while reading.

    ``links``: this side's id -> link; ``own_hash``: the link's fingerprint of this side. An object whose
    fingerprint equals it is quiet: it leaves only an index entry behind."""

    links: Mapping[str, Link]
    own_hash: Callable[[Link], str | None]
    changed: MutableMapping[str, ItemT] = field(default_factory=dict)
    by_number: dict[str, tuple[str, Named]] = field(default_factory=dict)
    wanted: Collection[str] | None = None  # when known: the only numbers a quiet object is indexed by
    unlinked: set[str] = field(default_factory=set)  # the numbers of the changed objects without a link
    watch: Collection[str] = ()  # ids asked about after the read (the retry set): was each read?
    count: int = 0  # objects read, quiet or not
    _watched_read: set[str] = field(default_factory=set, init=False, repr=False)

    @classmethod
    def packed(
        cls, kind: type[ItemT], links: Mapping[str, Link], own_hash: Callable[[Link], str | None], **kw: Any
    ) -> SideView[ItemT]:
        """A view keeping its changed objects packed (brygga.domain.packed): what a whole register costs."""
        return cls(links, own_hash, PackedMap(kind), **kw)

    def add(self, object_id: str, item: ItemT) -> bool:
        """Take one object read; True when it may need a change (kept), False when it is quiet."""
        self.count += 1
        if object_id in self.watch:  # not every id read is kept: a rerun reads a whole register of quiet ones
            self._watched_read.add(object_id)
        link = self.links.get(object_id)
        quiet = link is not None and item.fingerprint() == self.own_hash(link)
        if item.number and not (quiet and self.wanted is not None and item.number not in self.wanted):
            # The by-number index is asked only for a name (rules C2/A2): the object itself stays in ``changed``.
            self.by_number[item.number] = (object_id, Known(item.name))
        if quiet:
            return False
        if link is None and item.number:
            self.unlinked.add(item.number)
        self.changed[object_id] = item
        return True

    def unread(self) -> set[str]:
        """The watched ids this read did not meet (a retry whose object did not change: read it by itself)."""
        return {object_id for object_id in self.watch if object_id not in self._watched_read}

    def only(self, keep: Callable[[str, ItemT], bool]) -> None:
        """Leave out changed objects (``keep`` False), e.g. one an interrupted create left half-made."""
        for object_id in [i for i, item in self.changed.items() if not keep(i, item)]:
            del self.changed[object_id]

    def keep_numbers(self, wanted: Collection[str]) -> None:
        """The index is only asked for the numbers of the other side's unlinked objects: drop the rest."""
        self.by_number = {n: entry for n, entry in self.by_number.items() if n in wanted}

    def side(self) -> Side[ItemT]:
        return Side(self.changed, self.by_number)


@dataclass
class ChangedPages(Generic[WireT]):
    """Objects changed after ``since`` (all when None), one page at a time; ``server_time`` (the first page's
    server clock) becomes the next cursor once the pages have been walked."""

    service: ListService[WireT]
    since: datetime | None
    server_time: datetime | None = None

    async def __aiter__(self) -> AsyncIterator[WireT]:
        query = odata_field("ChangedUtc").gt(self.since - CURSOR_OVERLAP) if self.since is not None else None
        page = await self.service.list(page=1, filter=query)
        self.server_time = page.meta.server_time_utc
        pages = page.meta.total_number_of_pages
        for item in page.data:
            yield item
        for number in range(2, pages + 1):
            for item in (await self.service.list(page=number, filter=query)).data:
                yield item


def read_changed_pages(service: ListService[WireT], since: datetime | None) -> ChangedPages[WireT]:
    return ChangedPages(service, since)
