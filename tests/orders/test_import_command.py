"""``brygga orders import``: the file's valid orders go into the inbox, and the report counts every outcome."""

from __future__ import annotations

from pathlib import Path

import simplejson

from brygga.orders.commands import orders_import_command
from brygga.store import Store
from brygga.store.orders import OrderStore
from tests.orders.builders import changed, order_document

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "brygga" / "orders" / "examples"


def write_json(tmp_path: Path, documents: object) -> Path:
    path = tmp_path / "orders.json"
    path.write_text(simplejson.dumps(documents, use_decimal=True), encoding="utf-8")
    return path


def test_import_counts_stored_replaced_unchanged_conflicts_and_invalid(store: Store, tmp_path: Path) -> None:
    inbox = OrderStore(store.db, store.tenant)
    orders_import_command(store, write_json(tmp_path, [order_document("A"), order_document("B"), order_document("C")]))
    inbox.mark_transferred("C", "draft-C")
    documents = [
        order_document("A"),  # unchanged
        order_document("B", payment_terms_days=10),  # replaced
        order_document("C", payment_terms_days=10),  # conflict
        order_document("D"),  # stored
        changed(order_document("E"), ("rows", 0, "quantity"), "x"),  # invalid
    ]
    report = orders_import_command(store, write_json(tmp_path, documents))
    assert (report.stored, report.replaced, report.unchanged, report.conflicts, report.invalid) == (1, 1, 1, 1, 1)
    assert report.summary() == "1 nya, 1 ersatta, 1 oförändrade, 1 i konflikt, 1 ogiltiga"
    assert not report.ok
    assert report.errors[0].startswith("order på index 4, order E: rows[0].quantity: måste vara ett tal")
    assert report.errors[1].startswith("order C: Order C är redan överförd till Visma eEkonomi")
    assert report.to_json()["conflicts"] == 1
    assert [stored.order_number for stored in inbox.all()] == ["A", "B", "C", "D"]


def test_import_of_the_shipped_csv_example(store: Store) -> None:
    report = orders_import_command(store, EXAMPLES / "orders.csv")
    assert (report.stored, report.invalid, report.errors) == (2, 0, [])
    assert report.ok
    pending = OrderStore(store.db, store.tenant).pending_released()
    assert [(stored.order_number, len(stored.order.rows)) for stored in pending] == [("GKS-10004", 3)]


def test_import_of_a_broken_file_reports_one_error_and_stores_nothing(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "orders.json"
    path.write_text("{inte json", encoding="utf-8")
    report = orders_import_command(store, path)
    assert (report.invalid, len(report.errors), report.stored) == (1, 1, 0)
    assert report.errors[0].startswith("Filen orders.json är inte giltig JSON")
