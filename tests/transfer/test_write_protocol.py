"""Create-once (X6): the intent is committed before the create is sent, a pending intent is reconciled by
lookup before anything is sent again, and a POST is never resent blindly."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from brygga.errors import RejectedError, StateError, TransportError
from brygga.store import Link, Store
from brygga.transfer.write_protocol import create_once

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/postgres/plugin.py)

CATEGORY, TARGET, SOURCE = "customers", "eekonomi", "pm-1"
WHERE: dict[str, Any] = {"system": "eekonomi", "method": "POST", "path": "/v2/customers"}


class ProcessDied(Exception):
    """Stands for the process being killed between sending and committing (not a BryggaError)."""


@dataclass
class FakeRemote:
    """eEkonomi as the protocol sees it: a lookup by number and a create, with scripted failures."""

    store: Store
    existing: dict[str, str] = field(default_factory=dict)  # natural key -> remote id
    fail_with: Exception | None = None
    land_before_failing: bool = False
    sent: int = 0
    looked_up: int = 0
    intent_states_at_send: list[str] = field(default_factory=list)

    async def lookup(self) -> str | None:
        self.looked_up += 1
        return self.existing.get("1001")

    async def send(self) -> str:
        self.sent += 1
        pending = self.store.protocol.pending_intent(CATEGORY, TARGET, SOURCE, "create")
        self.intent_states_at_send.append(pending.state if pending else "missing")
        if self.fail_with is not None:
            if self.land_before_failing:
                self.existing["1001"] = f"eek-{self.sent}"
            error, self.fail_with = self.fail_with, None
            raise error
        self.existing["1001"] = f"eek-{self.sent}"
        return self.existing["1001"]


async def create(store: Store, remote: FakeRemote) -> tuple[str, bool]:
    result = await create_once(
        store.protocol,
        category=CATEGORY,
        target=TARGET,
        source_id=SOURCE,
        natural_key="1001",
        payload_hash="hash-1",
        lookup=remote.lookup,
        send=remote.send,
        link_for=lambda eek_id: Link(CATEGORY, SOURCE, eek_id, "pm-hash", "eek-hash"),
    )
    return result.remote, result.created


def linked_eek_ids(store: Store) -> list[str]:
    return [link.eek_id for link in store.protocol.links(CATEGORY)]


async def test_x6_intent_is_committed_before_the_create_is_sent(store: Store) -> None:
    remote = FakeRemote(store)
    assert await create(store, remote) == ("eek-1", True)
    assert remote.intent_states_at_send == ["pending"]
    assert store.protocol.pending_intents(CATEGORY) == []  # closed with the link
    assert linked_eek_ids(store) == ["eek-1"]


@pytest.mark.parametrize(
    "failure",
    [ProcessDied(), TransportError("read timeout", outcome_unknown=True, **WHERE)],
    ids=["process died", "answer lost"],
)
async def test_x6_pending_intent_is_reconciled_not_resent(store: Store, failure: Exception) -> None:
    remote = FakeRemote(store, fail_with=failure, land_before_failing=True)
    with pytest.raises(type(failure)):
        await create(store, remote)
    assert [i.source_id for i in store.protocol.pending_intents(CATEGORY)] == [SOURCE]
    assert linked_eek_ids(store) == []

    assert await create(store, remote) == ("eek-1", False)
    assert remote.sent == 1  # the customer that landed was adopted, not created again
    assert linked_eek_ids(store) == ["eek-1"]
    assert store.protocol.pending_intents(CATEGORY) == []


async def test_x6_pending_intent_whose_create_never_landed_is_sent_again(store: Store) -> None:
    remote = FakeRemote(store, fail_with=TransportError("connect timeout", outcome_unknown=True, **WHERE))
    with pytest.raises(TransportError):
        await create(store, remote)
    assert await create(store, remote) == ("eek-2", True)
    assert (remote.looked_up, remote.sent) == (1, 2)
    assert linked_eek_ids(store) == ["eek-2"]


async def test_x6_definite_refusal_closes_the_intent_so_the_next_run_does_not_look_up(store: Store) -> None:
    remote = FakeRemote(store, fail_with=RejectedError("bad name", status=400, **WHERE))
    with pytest.raises(RejectedError):
        await create(store, remote)
    assert store.protocol.pending_intents(CATEGORY) == []
    assert await create(store, remote) == ("eek-2", True)
    assert remote.looked_up == 0


async def test_x6_link_and_intent_close_commit_together_or_not_at_all(store: Store) -> None:
    """A link that cannot be written (the eEk customer is linked to another PM customer) leaves the intent
    pending, so the next run reconciles instead of believing the create finished."""
    store.protocol.save_link(Link(CATEGORY, "pm-other", "eek-1", "h", "h"))
    remote = FakeRemote(store)
    with pytest.raises(StateError):
        await create(store, remote)
    assert [i.source_id for i in store.protocol.pending_intents(CATEGORY)] == [SOURCE]
    assert [(k.pm_id, k.eek_id) for k in store.protocol.links(CATEGORY)] == [("pm-other", "eek-1")]


@pytest.mark.parametrize(("target", "source"), [("eekonomi", "pm-7"), ("pm", "eek-7")])
def test_x6_a_link_found_by_the_planner_closes_the_pending_create_of_either_side(
    store: Store, target: str, source: str
) -> None:
    protocol = store.protocol
    protocol.open_intent("customers", target, source, "create", "1007", "hash")
    other = protocol.open_intent("customers", "eekonomi", "pm-8", "create", "1008", "hash")
    protocol.link_and_close(None, Link("customers", "pm-7", "eek-7", "a", "b"))  # matched by number, no intent id
    assert [intent.source_id for intent in protocol.pending_intents("customers")] == ["pm-8"]
    assert protocol.pending_intent("customers", "eekonomi", "pm-8", "create") == other
