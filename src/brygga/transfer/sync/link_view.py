"""A category's links, as compact as a planning view of a whole register needs them (issue 16, goal 2).

A run reads what changed on each side and asks, per object read, for its link. With 100,000 links a
:class:`~brygga.store.Link` per link (an object and four strings, two of them 64-character hex fingerprints) was
about 0.6 KB; here each link is its two ids, one tuple and its two fingerprints as 32-byte digests, and a
:class:`Link` is made when one is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeVar

from brygga.store import Link
from brygga.transfer.sync.planner import Syncable

if TYPE_CHECKING:
    from brygga.transfer.sync.compact import SideView

__all__ = ["LinkView"]

ItemT = TypeVar("ItemT", bound=Syncable)
# pm id -> (eEkonomi id, PM fingerprint, eEkonomi fingerprint); a fingerprint as its digest when it is lowercase
# hex (every one brygga makes), else as the text stored, so that it always comes back exactly as it was.
_Hash = bytes | str | None
_Entry = tuple[str, _Hash, _Hash]


def _compact(fingerprint: str | None) -> _Hash:
    if fingerprint is None or fingerprint != fingerprint.lower():
        return fingerprint
    try:
        return bytes.fromhex(fingerprint)
    except ValueError:  # not hex (a made-up value): kept as its text
        return fingerprint


def _text(value: _Hash) -> str | None:
    return value.hex() if isinstance(value, bytes) else value


class LinkView:
    """A category's links by PM id (``by_pm``) and by eEkonomi id (``by_eek``), both read-only mappings."""

    def __init__(self, links: Iterable[Link]) -> None:
        self._category = ""
        self._by_pm: dict[str, _Entry] = {}
        self._by_eek: dict[str, str] = {}  # eEkonomi id -> PM id
        for link in links:
            self._category = link.category
            self._by_pm[link.pm_id] = (link.eek_id, _compact(link.pm_hash), _compact(link.eek_hash))
            self._by_eek[link.eek_id] = link.pm_id
        self.by_pm: Mapping[str, Link] = _Links(self._by_pm, self._link)
        self.by_eek: Mapping[str, Link] = _Links(self._by_eek, lambda eek_id: self._link(self._by_eek[eek_id]))

    def _link(self, pm_id: str) -> Link:
        eek_id, pm_hash, eek_hash = self._by_pm[pm_id]
        return Link(self._category, pm_id, eek_id, _text(pm_hash), _text(eek_hash))

    def relevant(self, pm: SideView[ItemT], eek: SideView[ItemT]) -> list[Link]:
        """The links the planner can ask about: of the objects it plans and of those its indexes point to."""
        pm_ids = pm.changed.keys() | {object_id for object_id, _ in pm.by_number.values()}
        eek_ids = eek.changed.keys() | {object_id for object_id, _ in eek.by_number.values()}
        found = {pm_id: link for pm_id in pm_ids if (link := self.by_pm.get(pm_id)) is not None}
        found.update((link.pm_id, link) for i in eek_ids if (link := self.by_eek.get(i)) is not None)
        return list(found.values())


class _Links(Mapping[str, Link]):
    """One side's ids -> links of a :class:`LinkView`: membership from that side's dict, a Link made per look-up."""

    def __init__(self, ids: Mapping[str, object], link: Callable[[str], Link]) -> None:
        self._ids, self._link = ids, link

    def __getitem__(self, object_id: str) -> Link:
        if object_id not in self._ids:
            raise KeyError(object_id)
        return self._link(object_id)

    def __contains__(self, object_id: object) -> bool:
        return object_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)
