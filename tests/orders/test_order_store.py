"""The order inbox in the store: the migration, receive (stored / unchanged / replaced / conflict by content
hash), what the transfer reads (O1: released and not transferred) and the marks it writes back."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from brygga.config import Settings
from brygga.errors import StateError
from brygga.orders import Order, content_hash
from brygga.store import Store, open_store
from brygga.store.orders import OrderStore, Received
from tests.orders.builders import changed, order, order_document


def raw(settings: Settings, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(str(settings.db)) as connection:
        return connection.execute(query).fetchall()


def test_migration_creates_the_order_tables_with_the_tenant_leading_every_key(store: Store, settings: Settings) -> None:
    tables = {row[0] for row in raw(settings, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"order", "order_row", "api_key"} <= tables
    for table in ("order", "order_row", "api_key"):
        # PRAGMA table_info: (cid, name, type, notnull, default, position in the primary key or 0)
        key_columns = {int(str(row[5])): row[1] for row in raw(settings, f'PRAGMA table_info("{table}")') if row[5]}
        assert key_columns[1] == "tenant_id"
    reopened = open_store(settings)  # at head already: opening again changes nothing
    assert OrderStore(reopened.db, reopened.tenant).all() == []
    reopened.db.dispose()


def test_new_order_is_stored_and_read_back_unchanged(inbox: OrderStore) -> None:
    sent = order(payment_terms_days=None)
    assert inbox.receive(sent) == Received("GKS-1", "stored")
    stored = inbox.get("GKS-1")
    assert stored is not None
    assert stored.order == sent
    assert (stored.state, stored.draft_id, stored.content_hash) == ("received", None, content_hash(sent))


def test_amounts_survive_the_database_exactly(inbox: OrderStore, settings: Settings) -> None:
    precise = changed(order_document(), ("rows", 0, "unit_price"), Decimal("0.1000000000000000000001"))
    inbox.receive(Order.model_validate(precise))
    stored = inbox.get("GKS-1")
    assert stored is not None and stored.order.rows[0].unit_price == Decimal("0.1000000000000000000001")
    assert ("0.1000000000000000000001",) in raw(settings, "SELECT unit_price FROM order_row")


def test_same_order_sent_again_changes_nothing(inbox: OrderStore) -> None:
    inbox.receive(order())
    before = inbox.get("GKS-1")
    assert inbox.receive(order()).status == "unchanged"
    assert inbox.get("GKS-1") == before


def test_same_content_written_differently_is_unchanged(inbox: OrderStore) -> None:
    inbox.receive(order())
    respelled = order_document()
    respelled["rows"][0]["unit_price"] = "1249.5000"  # 1249.50 in the first sending
    respelled["customer"]["currency"] = "SEK"  # the default when left out
    respelled["customer"]["address"]["line2"] = None
    assert inbox.receive(Order.model_validate(respelled)).status == "unchanged"


def test_new_content_replaces_an_order_not_yet_transferred(inbox: OrderStore) -> None:
    inbox.receive(order())
    inbox.mark_failed("GKS-1", "Betalningsvillkoret 25 dagar finns inte i Visma eEkonomi")
    new_rows = [{"text": "Enda raden", "quantity": 3, "unit_price": 10, "vat_rate": 25}]
    assert inbox.receive(order(rows=new_rows)).status == "replaced"
    stored = inbox.get("GKS-1")
    assert stored is not None
    assert [row.text for row in stored.order.rows] == ["Enda raden"]
    assert (stored.state, stored.last_error) == ("received", None)  # a fixed order gets a fresh try


def test_new_content_for_a_transferred_order_is_a_conflict_in_swedish(inbox: OrderStore) -> None:
    inbox.receive(order())
    inbox.mark_transferred("GKS-1", "draft-42")
    received = inbox.receive(order(released=False))
    assert received.status == "conflict"
    assert received.message is not None
    assert "GKS-1 är redan överförd till Visma eEkonomi som fakturautkast draft-42" in received.message
    stored = inbox.get("GKS-1")
    assert stored is not None and stored.order.released is True and stored.state == "transferred"


def test_transferred_order_sent_again_unchanged_is_no_conflict(inbox: OrderStore) -> None:
    inbox.receive(order())
    inbox.mark_transferred("GKS-1", "draft-42")
    assert inbox.receive(order()).status == "unchanged"


def test_o1_pending_released_lists_released_orders_not_yet_transferred(inbox: OrderStore) -> None:
    inbox.receive(order("A"))
    inbox.receive(order("B", released=False))
    inbox.receive(order("C"))
    inbox.receive(order("D"))
    inbox.mark_transferred("C", "draft-C")
    inbox.mark_failed("D", "Momssatsen 8 % har ingen artikel")
    pending = inbox.pending_released()
    assert [(stored.order_number, stored.state) for stored in pending] == [("A", "received"), ("D", "failed")]
    assert pending[1].last_error == "Momssatsen 8 % har ingen artikel"
    assert [stored.order_number for stored in inbox.all()] == ["A", "B", "C", "D"]


def test_mark_transferred_is_idempotent_for_the_same_draft_and_refuses_another(inbox: OrderStore) -> None:
    inbox.receive(order())
    inbox.mark_transferred("GKS-1", "draft-1")
    first = inbox.get("GKS-1")
    inbox.mark_transferred("GKS-1", "draft-1")
    assert inbox.get("GKS-1") == first
    with pytest.raises(StateError, match="redan överförd som utkast draft-1"):
        inbox.mark_transferred("GKS-1", "draft-2")
    with pytest.raises(StateError, match="redan överförd"):
        inbox.mark_failed("GKS-1", "sent fel")


def test_marks_on_an_unknown_order_are_state_errors(inbox: OrderStore) -> None:
    with pytest.raises(StateError, match="finns inte i orderinkorgen"):
        inbox.mark_transferred("X", "draft")
    with pytest.raises(StateError, match="finns inte i orderinkorgen"):
        inbox.mark_failed("X", "fel")
    assert inbox.get("X") is None


def test_tenants_do_not_see_each_others_orders(store: Store) -> None:
    ours, theirs = OrderStore(store.db, "a"), OrderStore(store.db, "b")
    ours.receive(order())
    assert theirs.all() == [] and theirs.pending_released() == []
    assert theirs.receive(order(released=False)).status == "stored"
    ours_stored = ours.get("GKS-1")
    assert ours_stored is not None and ours_stored.order.released is True
