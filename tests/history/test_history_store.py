"""The object history's store and field changes: an object followed by its ids through a new number, the invoice
and invoice-status transfers read as one story, and changes said as a person reads them."""

from __future__ import annotations

from decimal import Decimal

from brygga.domain import Address, Article, Customer
from brygga.field_changes import FieldChange, changes_from_json, changes_to_json, diff_objects
from brygga.object_history_text import change_text
from brygga.store import ItemRecord, Link, Store
from brygga.store.object_history import ObjectHistoryStore


def _run(store: Store, category: str, *items: ItemRecord) -> int:
    run = store.runs.start([category], dry_run=False)
    store.runs.add_items(run, list(items))
    store.runs.finish(run, "ok", "")
    return run


def test_history_follows_an_invoice_by_its_ids_from_draft_to_booked_number(store: Store) -> None:
    _run(store, "invoices", ItemRecord("invoices", "pm->eek", "1004/2009", "Dalarö", "create", "succeeded",
                                       pm_id="pm-g", eek_id="draft-1"))  # fmt: skip
    store.protocol.link_and_close(None, Link("invoices", "pm-g", "draft-1", "h", "1250.00"))
    status = (FieldChange("status", "Överförd eEkonomi", "Skickad"), FieldChange("invoice_number", None, "10001"))
    _run(store, "invoice-status", ItemRecord("invoice-status", "eek->pm", "1004/2009", "Dalarö", "update",
                                             "succeeded", changes=status, pm_id="pm-g", eek_id="inv-1"))  # fmt: skip
    _run(store, "invoice-status", ItemRecord("invoice-status", "eek->pm", "10001", "Dalarö", "update", "succeeded",
                                             changes=(FieldChange("status", "Skickad", "Betald"),), pm_id="pm-g",
                                             eek_id="inv-1"))  # fmt: skip
    histories = ObjectHistoryStore(store.db, store.tenant)
    by_new_number = histories.history("invoices", "10001")
    assert by_new_number is not None and by_new_number.keys == ("10001", "1004/2009")
    assert [e.item.category for e in by_new_number.entries] == ["invoice-status", "invoice-status", "invoices"]
    assert [(link.pm_id, link.eek_id) for link in by_new_number.links] == [("pm-g", "draft-1")]
    assert [change_text(c) for c in by_new_number.entries[1].item.changes] == [
        "Status i Visma PM: Överförd eEkonomi → Skickad",
        "Fakturanummer: (tomt) → 10001",
    ]
    assert histories.history("customers", "10001") is None  # another category's number is not this object


def test_field_changes_list_only_what_differs_nested_and_as_text() -> None:
    old = Customer("1001", "Aurora AB", address=Address("Storgatan 1", None, "111 22", "Stockholm", "SE"), notes="")
    new = Customer(
        "1001", "Aurora AB", is_active=False, address=Address("Storgatan 2", "", "111 22", "Stockholm", "SE")
    )
    changes = diff_objects(old, new)
    assert changes == (
        FieldChange("is_active", "true", "false"),
        FieldChange("address.line1", "Storgatan 1", "Storgatan 2"),
    )
    assert [change_text(c, "sv") for c in changes] == ["Aktiv: ja → nej", "Adress: Storgatan 1 → Storgatan 2"]
    assert [change_text(c, "en") for c in changes] == ["Active: yes → no", "Address: Storgatan 1 → Storgatan 2"]
    price = diff_objects(
        Article("A1", "Timme", net_price=Decimal("950")), Article("A1", "Timme", net_price=Decimal("995.50"))
    )
    assert price == (FieldChange("net_price", "950", "995.50"),)
    assert changes_from_json(changes_to_json(changes)) == changes
    assert changes_to_json(()) is None and changes_from_json("not json") == ()
