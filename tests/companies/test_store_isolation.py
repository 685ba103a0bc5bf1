"""Isolation through every store repository: company beta neither reads nor changes company alfa's rows, whatever
it asks for (the same keys, alfa's ids), and removing one company removes only its rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from brygga.errors import StateError
from brygga.orders.api_keys import create_api_key, list_api_keys, revoke_api_key, verify
from brygga.orders.models import Order
from brygga.schedules import OFF, WEEKDAYS, Schedule
from brygga.store import ItemRecord, Link, Store
from brygga.store.companies import CompanyRegistry
from brygga.store.orders import OrderStore
from brygga.tokens import OAuthTokens
from tests.orders.builders import order_document

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (row-level security there): tests/postgres/plugin.py

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_isolation_settings_of_one_company_are_not_another_companys(alfa: Store, beta: Store) -> None:
    alfa.settings.set_many({"master_customers": "eekonomi"})
    assert "master_customers" not in beta.settings.all()
    beta.settings.set_many({"master_customers": "pm"})
    assert alfa.settings.all()["master_customers"] == "eekonomi"


def test_isolation_connections_and_tokens_are_per_company(alfa: Store, beta: Store) -> None:
    alfa.connections.save("eekonomi", api_url="https://a", auth_url="https://id", client_id="a", client_secret="s")
    alfa.connections.token_store("eekonomi").save(OAuthTokens("alfa-token", "r", NOW))
    alfa.connections.set_company("eekonomi", "Alfa Bygg AB", "A-1", "556000-0001")
    assert beta.connections.get("eekonomi") is None
    assert beta.connections.token_store("eekonomi").load() is None
    beta.connections.set_company("eekonomi", "Fel AB", "B-1")
    with pytest.raises(LookupError):
        beta.connections.token_store("eekonomi").save(OAuthTokens("beta-token", None, None))
    info = alfa.connections.get("eekonomi")
    tokens = alfa.connections.token_store("eekonomi").load()
    assert info is not None and (info.company_name, info.company_id) == ("Alfa Bygg AB", "A-1")
    assert tokens is not None and tokens.access_token == "alfa-token"


def test_isolation_links_are_per_company_even_with_the_same_ids(alfa: Store, beta: Store) -> None:
    alfa.protocol.save_link(Link("customers", "pm-1", "eek-1", "h1", "h2"))
    assert beta.protocol.links("customers") == [] and beta.protocol.link_count("customers") == 0
    beta.protocol.save_link(Link("customers", "pm-2", "eek-1", None, None))  # no X6 clash across companies
    assert alfa.protocol.links("customers") == [Link("customers", "pm-1", "eek-1", "h1", "h2")]
    assert beta.runs.last_run_by_category() == {}


def test_isolation_intents_of_another_company_cannot_be_seen_or_closed(alfa: Store, beta: Store) -> None:
    intent = alfa.protocol.open_intent("customers", "eekonomi", "pm-1", "create", "1001", "hash")
    assert beta.protocol.pending_intent("customers", "eekonomi", "pm-1", "create") is None
    assert beta.protocol.pending_intents("customers") == []
    beta.protocol.close_intent(intent.id, "done")
    with pytest.raises(StateError):
        beta.protocol.link_and_close(intent.id, Link("customers", "pm-1", "eek-1", None, None))
    assert beta.protocol.links("customers") == []  # the refused commit wrote nothing
    assert [i.id for i in alfa.protocol.pending_intents("customers")] == [intent.id]


def test_isolation_cursors_and_retries_are_per_company(alfa: Store, beta: Store) -> None:
    alfa.protocol.set_cursor("customers", "pm", NOW)
    alfa.protocol.set_retry("customers", "pm", "pm-9", failed=True)
    assert beta.protocol.cursor("customers", "pm") is None and beta.protocol.cursors() == {}
    assert beta.protocol.retries("customers", "pm") == set()
    beta.protocol.reset("customers")
    beta.protocol.set_retry("customers", "pm", "pm-9", failed=False)
    beta.protocol.set_cursor("customers", "pm", NOW + timedelta(days=1))
    assert alfa.protocol.cursor("customers", "pm") == NOW
    assert alfa.protocol.retries("customers", "pm") == {"pm-9"}


def test_isolation_runs_and_their_items_cannot_be_read_or_written_by_another_company(alfa: Store, beta: Store) -> None:
    run_id = alfa.runs.start(["customers"], dry_run=False)
    alfa.runs.add_items(run_id, [ItemRecord("customers", "pm->eek", "1001", "Alfa kund", "create", "failed")])
    assert beta.runs.history() == [] and beta.runs.latest_failures() == []
    assert beta.runs.items_of_run(run_id) == []
    assert beta.runs.latest_items(("failed", "skipped")) == []
    with pytest.raises(StateError):
        beta.runs.finish(run_id, "ok", "kapad")
    with pytest.raises(StateError):
        beta.runs.add_items(run_id, [ItemRecord("customers", "pm->eek", "x", "x", "create", "failed")])
    assert beta.runs.interrupt_stale("beta startar") == 0
    (history,) = alfa.runs.history()
    assert history[2] == "running"
    assert [item.object_key for item in alfa.runs.items_of_run(run_id)] == ["1001"]


def test_isolation_the_run_lease_is_per_company(alfa: Store, beta: Store) -> None:
    assert alfa.lease.acquire("host-a:1")
    assert beta.lease.acquire("host-b:2")  # another company's run does not wait for alfa's
    beta.lease.release("host-a:1")
    assert not alfa.lease.acquire("host-c:3")  # alfa's lease is still held


def test_isolation_schedules_and_their_pause_are_per_company(alfa: Store, beta: Store) -> None:
    every = Schedule("every", 10, days=WEEKDAYS, skip_holidays=True)
    alfa.schedules.set("customers", every)
    alfa.schedules.pause("Anslutningen har upphört.", "The connection expired.")
    assert beta.schedules.all() == {} and beta.schedules.get("customers") == OFF
    assert beta.schedules.paused() is None and not beta.schedules.resume()
    beta.schedules.set("customers", OFF)
    assert alfa.schedules.all() == {"customers": every}
    pause = alfa.schedules.paused()
    assert pause is not None and pause.reason == "Anslutningen har upphört."


def test_isolation_orders_are_per_company(alfa: Store, beta: Store) -> None:
    alfa_inbox, beta_inbox = OrderStore(alfa.db, alfa.tenant), OrderStore(beta.db, beta.tenant)
    alfa_inbox.receive(Order.model_validate(order_document("GKS-1")))
    assert beta_inbox.get("GKS-1") is None and beta_inbox.all() == [] and beta_inbox.pending_released() == []
    with pytest.raises(StateError):
        beta_inbox.mark_transferred("GKS-1", "draft-1")
    with pytest.raises(StateError):
        beta_inbox.mark_failed("GKS-1", "fel")
    assert beta_inbox.receive(Order.model_validate(order_document("GKS-1", released=False))).status == "stored"
    stored = alfa_inbox.get("GKS-1")
    assert stored is not None and stored.state == "received" and stored.order.released


def test_isolation_order_api_keys_belong_to_one_company(alfa: Store, beta: Store) -> None:
    key = create_api_key(alfa)
    (info,) = list_api_keys(alfa)
    assert not verify(beta, key) and list_api_keys(beta) == []
    assert not revoke_api_key(beta, info.key_id)
    assert verify(alfa, key)


def test_companies_remove_deletes_every_row_of_that_company_and_nothing_else(
    alfa: Store, beta: Store, registry: CompanyRegistry
) -> None:
    for store in (alfa, beta):
        store.settings.set_many({"master_customers": "pm"})
        store.connections.save("severa", api_url="https://pm", auth_url=None, client_id="c", client_secret="s")
        store.protocol.save_link(Link("customers", "pm-1", "eek-1", None, None))
        store.protocol.set_cursor("customers", "pm", NOW)
        store.protocol.open_intent("customers", "eekonomi", "pm-2", "create", "1002", "h")
        run_id = store.runs.start(["customers"], dry_run=False)
        store.runs.add_items(run_id, [ItemRecord("customers", "pm->eek", "1", "K", "create", "failed")])
        OrderStore(store.db, store.tenant).receive(Order.model_validate(order_document()))
        create_api_key(store)
        store.schedules.set("invoices", Schedule("every", 10))
        store.schedules.pause("Anslutningen har upphört.", "The connection expired.")
    before = registry.counts("beta")
    assert registry.counts("alfa") == before
    assert before["link"] == 1 and before["order_row"] == 2 and before["run_item"] == 1
    assert before["schedule"] == 1 and before["schedule_pause"] == 1
    deleted = registry.remove("alfa")
    assert deleted == before
    assert registry.counts("alfa") == {} and registry.counts("beta") == before
    assert [company.id for company in registry.all()] == ["beta"]
