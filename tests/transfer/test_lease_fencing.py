"""X2 and issue 14: one run per company, and a fencing token that stops a run whose lease was taken over from
committing anything (a worker paused past its lease's expiry, then woken)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from brygga.store import LeaseLostError, Link, Store

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/postgres/plugin.py)


def test_x2_each_new_holding_gets_a_higher_token(store: Store) -> None:
    first = store.lease.acquire("host-a:1")
    assert first == 1
    assert store.lease.acquire("host-a:1") == first  # the holder renewing keeps its token
    store.lease.release("host-a:1", first)
    second = store.lease.acquire("host-b:2")
    assert second is not None and second > first  # a released lease keeps its row and its count
    assert store.lease.token() == second


def test_x2_fencing_token_refuses_a_stale_commit(store: Store) -> None:
    stale = store.lease.acquire("paused-worker:1", ttl=timedelta(seconds=-1))  # paused until its lease expired
    assert stale is not None
    taken = store.lease.acquire("other-worker:2")
    assert taken is not None and taken > stale

    with pytest.raises(LeaseLostError) as refused:
        store.fenced(stale).protocol.save_link(Link("customers", "pm-1", "eek-1", "h1", "h2"))
    assert "tog över" in refused.value.message and refused.value.hint  # said in words, with what to do
    assert store.protocol.links("customers") == []  # rolled back: nothing half-written

    store.fenced(taken).protocol.save_link(Link("customers", "pm-1", "eek-1", "h1", "h2"))  # the holder writes
    assert [link.pm_id for link in store.protocol.links("customers")] == ["pm-1"]


def test_x2_renew_fails_once_the_lease_is_lost(store: Store) -> None:
    stale = store.lease.acquire("paused-worker:1", ttl=timedelta(seconds=-1))
    assert stale is not None
    assert store.lease.renew("paused-worker:1", stale)  # still its own: renewing works
    store.lease.release("paused-worker:1", stale)
    assert store.lease.acquire("other-worker:2") is not None
    assert not store.lease.renew("paused-worker:1", stale)
    store.lease.release("paused-worker:1", stale)  # a stale release leaves the new holder's lease alone
    assert store.lease.acquire("third:3") is None


def test_x2_fenced_store_writes_for_its_own_company_only(store: Store) -> None:
    token = store.lease.acquire("host:1")
    assert token is not None
    with pytest.raises(ValueError):
        store.fenced(token).db.for_tenant("another-company")
