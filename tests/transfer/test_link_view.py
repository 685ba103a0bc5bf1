"""The compact view of a category's links (issue 16, goal 2): every link comes back exactly as it was stored,
by either side's id, while the view keeps fingerprints as digests."""

from __future__ import annotations

import hashlib

from brygga.store import Link
from brygga.transfer.sync.link_view import LinkView


def _fp(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


LINKS = [
    Link("customers", "p1", "e1", _fp("a"), _fp("b")),
    Link("customers", "p2", "e2", None, _fp("c")),  # a link made before fingerprints were stored
    Link("customers", "p3", "e3", "old", "Not-Hex-" * 8),  # made-up values in older tests and stores
    Link("customers", "p4", "e4", _fp("d").upper(), _fp("e")),  # upper-case hex is kept as its text
]


def test_x3_every_link_comes_back_exactly_by_either_id() -> None:
    view = LinkView(iter(LINKS))
    assert [view.by_pm[link.pm_id] for link in LINKS] == LINKS
    assert [view.by_eek[link.eek_id] for link in LINKS] == LINKS
    assert "p1" in view.by_pm and "e1" not in view.by_pm and "e1" in view.by_eek
    assert view.by_pm.get("p9") is None and view.by_eek.get("e9") is None
    assert len(view.by_pm) == len(view.by_eek) == 4 and sorted(view.by_eek) == ["e1", "e2", "e3", "e4"]


def test_x3_fingerprints_are_kept_as_32_byte_digests() -> None:
    view = LinkView(LINKS[:1])
    eek_id, pm_hash, eek_hash = view._by_pm["p1"]
    assert eek_id == "e1" and isinstance(pm_hash, bytes) and len(pm_hash) == 32 and isinstance(eek_hash, bytes)


def test_x3_an_empty_category_has_an_empty_view() -> None:
    view = LinkView([])
    assert dict(view.by_pm) == {} and dict(view.by_eek) == {}
