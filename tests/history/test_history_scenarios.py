"""Object history over both emulators (issue 17, deliverable 3): a customer created and then renamed in the master
system, an invoice that failed and was fixed by a person, an order turned into a draft; each object's runs with
the fields old -> new, the reason and what to do, and its ids in both systems."""

from __future__ import annotations

from typing import Any

import pytest

from brygga.demo import DEMO_ORDERS
from brygga.field_changes import FieldChange
from brygga.object_history_text import entry_text
from brygga.orders.commands import orders_import_command
from brygga.store.object_history import ObjectHistoryStore
from tests.scenarios.harness import World, eek_customers, pm_customers

# SQLite only, for time: the same columns and queries on PostgreSQL are proven by test_history_cli's company test.
pytestmark = pytest.mark.scenario


def _histories(world: World) -> ObjectHistoryStore:
    return ObjectHistoryStore(world.store.db, world.store.tenant)


async def test_history_customer_created_then_renamed_shows_the_update_old_to_new_and_its_links(world: World) -> None:
    await world.run("customers")
    pm_guid = next(c["guid"] for c in pm_customers(world) if str(c["number"]) == "1001")
    eek_id = next(c["Id"] for c in eek_customers(world) if c["CustomerNumber"] == "1001")
    # A person renames the customer in Visma PM, the master system (S1), and the next transfer carries it over.
    await world.with_session(lambda s: s.pm.customers.update(pm_guid, {"name": "Aurora Konsult & Co AB"}))
    await world.run("customers")

    found = _histories(world).history("customers", "1001")
    assert found is not None
    assert found.name == "Aurora Konsult & Co AB"
    update, create = found.entries
    assert [(e.item.action, e.item.outcome) for e in (update, create)] == [
        ("update", "succeeded"),
        ("create", "succeeded"),
    ]
    assert update.item.changes == (FieldChange("name", "Aurora Konsult AB", "Aurora Konsult & Co AB"),)
    assert entry_text(update, "sv").changes == ("Namn: Aurora Konsult AB → Aurora Konsult & Co AB",)
    assert entry_text(update, "en").changes == ("Name: Aurora Konsult AB → Aurora Konsult & Co AB",)
    assert (create.item.pm_id, create.item.eek_id) == (pm_guid, eek_id)  # the new id recorded at the create
    assert [(link.pm_id, link.eek_id) for link in found.links] == [(pm_guid, eek_id)]
    assert _histories(world).history("customers", eek_id) is not None  # found by its eEkonomi id too


async def test_history_invoice_failed_then_fixed_shows_the_failure_with_hint_then_the_draft(world: World) -> None:
    world.set("project_cost_center", "Projekt")
    world.set("default_article_number", "DIV")
    await world.run("customers", "articles", "projects")
    await world.run("invoices")  # 1004/2009 bills the inactive work type GAMMAL: eEkonomi refuses the draft (I6)

    async def activate_gammal(session: Any) -> None:  # the person's fix: activate the article in eEkonomi
        article = await session.eek.articles.find_by_number("GAMMAL")
        await session.eek.articles.update(article.id, article.model_copy(update={"is_active": True}))

    await world.with_session(activate_gammal)
    await world.run("invoices")

    found = _histories(world).history("invoices", "1004/2009")
    assert found is not None
    assert [(e.item.action, e.item.outcome) for e in found.entries] == [("create", "succeeded"), ("reject", "failed")]
    created, failed = found.entries
    failure = entry_text(failed, "sv")
    assert failure.what == "Misslyckades" and failure.headline and failure.hint
    assert "409" in failure.detail and failure.detail.startswith("[I6]")  # the API's text only as the detail
    assert "409" not in failure.headline
    draft = next(d for d in world.eek.store.customer_invoice_drafts.all() if d["Id"] == created.item.eek_id)
    assert draft["ContractNumber"] == f"PM {created.item.pm_id}"
    assert created.item.changes == (FieldChange("status", "Skicka till eEkonomi", "Överförd eEkonomi"),)
    assert [(link.pm_id, link.eek_id) for link in found.links] == [(created.item.pm_id, created.item.eek_id)]


async def test_history_order_turned_into_a_draft_and_an_order_that_failed(world: World) -> None:
    orders_import_command(world.store, DEMO_ORDERS)
    await world.run("customers")
    await world.run("orders")

    found = _histories(world).history("orders", "GKS-2001")
    assert found is not None
    [entry] = found.entries
    assert (entry.item.action, entry.item.outcome, entry.item.pm_id) == ("create", "succeeded", "GKS-2001")
    draft = next(d for d in world.eek.store.customer_invoice_drafts.all() if d["Id"] == entry.item.eek_id)
    assert draft["ContractNumber"] == "GKS GKS-2001"
    assert [(link.pm_id, link.eek_id) for link in found.links] == [("GKS-2001", entry.item.eek_id)]
    refused = _histories(world).history("orders", "GKS-2004")
    assert refused is not None and refused.entries[0].item.rule_id == "O6" and not refused.links
    assert [(m.category, m.object_key) for m in _histories(world).find("GKS-2001")] == [("orders", "GKS-2001")]
