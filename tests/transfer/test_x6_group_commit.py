"""Group commit of links (issue 16): while a category runs, links and the closing of their intents are committed
together, still each link with its intent in the same commit; a run stopped before the group commit leaves the
intents pending (reconciled by the next run, like a kill between POST and commit), and a clash found at the group
commit fails that object only."""

from __future__ import annotations

import asyncio

import pytest

from brygga.errors import StateError
from brygga.store import Link, ProtocolStore, Store
from brygga.transfer.write_protocol import create_once

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/postgres/plugin.py)

CATEGORY = "customers"


def _other_view(store: Store) -> ProtocolStore:
    """What another process (the next run, the web page) reads from the database."""
    return ProtocolStore(store.db, store.tenant)


def _open(store: Store, source_id: str) -> int:
    return store.protocol.open_intent(CATEGORY, "eekonomi", source_id, "create", source_id, "hash").id


def test_x6_group_commit_writes_links_and_closes_intents_together(store: Store) -> None:
    protocol = store.protocol
    protocol.start_batch()
    ids = [_open(store, f"pm-{n}") for n in range(3)]
    for n, intent_id in enumerate(ids):
        protocol.link_and_close(intent_id, Link(CATEGORY, f"pm-{n}", f"eek-{n}", "p", "e"))
    assert _other_view(store).links(CATEGORY) == []  # not yet committed
    assert len(_other_view(store).pending_intents(CATEGORY)) == 3
    assert protocol.flush() == []
    linked = {link.pm_id: link.eek_id for link in _other_view(store).links(CATEGORY)}
    assert linked == {"pm-0": "eek-0", "pm-1": "eek-1", "pm-2": "eek-2"}
    assert _other_view(store).pending_intents(CATEGORY) == []


def test_x6_stopped_batch_leaves_intents_pending_for_the_next_run(store: Store) -> None:
    protocol = store.protocol
    protocol.start_batch()
    intent_id = _open(store, "pm-1")
    protocol.link_and_close(intent_id, Link(CATEGORY, "pm-1", "eek-1", "p", "e"))
    protocol.discard_batch()
    next_run = _other_view(store)
    assert next_run.links(CATEGORY) == []
    pending = next_run.pending_intent(CATEGORY, "eekonomi", "pm-1", "create")
    assert pending is not None and pending.id == intent_id  # the next run looks before sending again


def test_x6_pending_intents_are_read_once_and_kept_current_while_batching(store: Store) -> None:
    earlier = _open(store, "pm-9")  # left pending by an earlier, interrupted run
    protocol = store.protocol
    protocol.start_batch()
    found = protocol.pending_intent(CATEGORY, "eekonomi", "pm-9", "create")
    assert found is not None and found.id == earlier
    protocol.link_and_close(earlier, Link(CATEGORY, "pm-9", "eek-9", "p", "e"))
    assert protocol.pending_intent(CATEGORY, "eekonomi", "pm-9", "create") is None
    opened = _open(store, "pm-10")
    again = protocol.pending_intent(CATEGORY, "eekonomi", "pm-10", "create")
    assert again is not None and again.id == opened
    protocol.flush()
    assert _other_view(store).pending_intents(CATEGORY) == [again]


def test_x6_clash_at_group_commit_refuses_that_link_only(store: Store) -> None:
    store.protocol.save_link(Link(CATEGORY, "pm-a", "eek-shared", "p", "e"))
    protocol = store.protocol
    protocol.start_batch()
    clashing, fine = _open(store, "pm-b"), _open(store, "pm-c")
    protocol.link_and_close(clashing, Link(CATEGORY, "pm-b", "eek-shared", "p", "e"))
    protocol.link_and_close(fine, Link(CATEGORY, "pm-c", "eek-c", "p", "e"))
    clashes = protocol.flush()
    assert [c.link.pm_id for c in clashes] == ["pm-b"]
    assert "redan kopplat till pm-a" in str(clashes[0].error)
    view = _other_view(store)
    assert {link.pm_id for link in view.links(CATEGORY)} == {"pm-a", "pm-c"}
    assert [i.source_id for i in view.pending_intents(CATEGORY)] == ["pm-b"]


def test_x6_link_outside_a_batch_is_committed_at_once_and_a_clash_raises(store: Store) -> None:
    store.protocol.link_and_close(_open(store, "pm-a"), Link(CATEGORY, "pm-a", "eek-1", "p", "e"))
    assert [link.pm_id for link in _other_view(store).links(CATEGORY)] == ["pm-a"]
    with pytest.raises(StateError, match="redan kopplat"):
        store.protocol.link_and_close(None, Link(CATEGORY, "pm-b", "eek-1", "p", "e"))


async def test_x6_grouped_intents_are_committed_before_any_send(store: Store) -> None:
    """Creates running side by side open their intents in one commit, and each POST goes out only after it."""
    protocol = store.protocol
    protocol.start_batch()
    seen_at_send: dict[str, bool] = {}

    async def one(n: int) -> None:
        source = f"pm-{n}"

        async def send() -> str:
            committed = _other_view(store).pending_intents(CATEGORY)
            seen_at_send[source] = source in {i.source_id for i in committed}
            return f"eek-{n}"

        async def lookup() -> str | None:
            raise AssertionError("nothing was pending before: no lookup")

        await create_once(
            protocol,
            category=CATEGORY,
            target="eekonomi",
            source_id=source,
            natural_key=source,
            payload_hash="hash",
            lookup=lookup,
            send=send,
            link_for=lambda remote: Link(CATEGORY, source, remote, "p", "e"),
        )

    await asyncio.gather(*(one(n) for n in range(6)))
    assert protocol.flush() == []
    assert seen_at_send == {f"pm-{n}": True for n in range(6)}
    assert len(_other_view(store).links(CATEGORY)) == 6
