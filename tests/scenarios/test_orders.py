"""Orders from an order system (GKS) end to end: inbox import -> eEkonomi drafts (rules O1-O10)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from brygga.demo import DEMO_ORDERS
from brygga.orders.commands import orders_import_command
from brygga.store.orders import OrderStore
from brygga.transfer.outcome import Outcome
from tests.scenarios.harness import World

pytestmark = pytest.mark.scenario


def order_drafts(world: World) -> dict[str, dict[str, Any]]:
    return {
        str(d["ContractNumber"]): dict(d)
        for d in world.eek.store.customer_invoice_drafts.all()
        if str(d.get("ContractNumber") or "").startswith("GKS ")
    }


def article(world: World, number: str) -> dict[str, Any]:
    return next(dict(a) for a in world.eek.store.articles.all() if a["Number"] == number)


async def test_o1_released_orders_become_drafts_with_the_gks_rules(world: World) -> None:
    report = orders_import_command(world.store, DEMO_ORDERS)
    assert (report.stored, report.invalid) == (5, 0)
    await world.run("customers")
    result = await world.run("orders")
    orders = result.categories["orders"]
    assert (orders.count(Outcome.SUCCEEDED), orders.count(Outcome.FAILED)) == (2, 2)
    errors = {o.key: o.rule_id for o in result.errors()}
    assert errors == {"GKS-2003": "O5", "GKS-2004": "O6"}
    drafts = order_drafts(world)
    assert set(drafts) == {"GKS GKS-2001", "GKS GKS-2002"}  # GKS-2005 is not released (O1)
    rows = drafts["GKS GKS-2001"]["Rows"]
    by_text = {row["Text"]: row for row in rows}
    # O5: one article per VAT rate, created as goods; the order's own coding is ignored (O3)
    assert {
        by_text["Skruv M8, låda"]["ArticleNumber"],
        by_text["Handbok i montering"]["ArticleNumber"],
        by_text["Smörgåstårta"]["ArticleNumber"],
        by_text["Utbildning inom EU, momsfri"]["ArticleNumber"],
    } == {"G1", "G2", "G4", "G3"}
    assert article(world, "G4")["IsActive"] is True
    # O8: a negative price becomes a positive price and a negative quantity
    discount = by_text["Rabatt stamkund"]
    assert (Decimal(str(discount["UnitPrice"])), Decimal(str(discount["Quantity"]))) == (
        Decimal("250.00"),
        Decimal("-1"),
    )
    # O7: free text units become st unless eEkonomi has the unit
    assert by_text["Skruv M8, låda"]["UnitAbbreviation"] == "st" and by_text["Smörgåstårta"]["UnitAbbreviation"] == "kg"
    # O2: the unknown customer 7001 was created from the order
    created = next(c for c in world.eek.store.customers.all() if c["CustomerNumber"] == "7001")
    assert (created["Name"], created["InvoiceCity"], created["EmailAddress"]) == (
        "Nordiska Verktyg AB",
        "Västerås",
        "faktura@nordiskaverktyg.example",
    )
    inbox = OrderStore(world.store.db, world.store.tenant)
    assert inbox.get("GKS-2001").state == "transferred"  # type: ignore[union-attr]
    await world.run("orders")
    assert world.last_write_calls == 0  # nothing new


async def test_o1_resending_a_transferred_order_with_new_content_is_a_conflict(world: World) -> None:
    orders_import_command(world.store, DEMO_ORDERS)
    await world.run("customers", "orders")
    again = orders_import_command(world.store, DEMO_ORDERS)
    assert again.unchanged == 5 and again.conflicts == 0
    changed = Path(world.settings.data_dir) / "changed.json"
    changed.write_text(
        DEMO_ORDERS.read_text(encoding="utf-8").replace('"12"', '"12"').replace('"quantity": 12', '"quantity": 13'),
        encoding="utf-8",
    )
    conflict = orders_import_command(world.store, changed)
    assert conflict.conflicts == 1 and "GKS-2001" in conflict.errors[0]


async def test_o1_lost_answer_while_creating_an_order_draft_leaves_one_draft(world: World) -> None:
    orders_import_command(world.store, DEMO_ORDERS)
    await world.run("customers")
    world.eek.faults.drop_next("POST", "/v2/customerinvoicedrafts")
    first = await world.run("orders")
    assert any("kom aldrig fram" in o.hint for o in first.errors())
    await world.run("orders")
    assert set(order_drafts(world)) == {"GKS GKS-2001", "GKS GKS-2002"}
    assert len(world.eek.store.customer_invoice_drafts.all()) == 2
    assert not world.store.protocol.pending_intents("orders")


async def test_o1_a_csv_with_broken_lines_keeps_and_transfers_the_valid_orders(world: World) -> None:
    csv = Path(world.settings.data_dir) / "orders.csv"
    header = (
        "order_number;released;customer_number;customer_name;organisation_number;invoice_email;country_code;"
        "address_line1;address_line2;postal_code;city;currency;payment_terms_days;export;eu;row_text;quantity;unit;"
        "unit_price;vat_rate;coding"
    )
    csv.write_text(
        "\n".join(
            [
                header,
                "GKS-3001;true;1001;Aurora Konsult AB;;;SE;;;;;SEK;30;false;false;Kabel 3 m;2;st;149,50;25;",
                "GKS-3001;true;1001;Aurora Konsult AB;;;SE;;;;;SEK;30;false;false;Kontakt;fyra;st;19,00;25;",
                "GKS-3002;true;1002;Bergström Arkitekter AB;;;SE;;;;;SEK;30;false;false;Pärm;5;st;39,00;25;",
            ]
        ),
        encoding="utf-8",
    )
    report = orders_import_command(world.store, csv)
    assert report.stored == 1 and report.invalid == 1
    assert any("rad 3" in error.casefold() for error in report.errors), report.errors
    await world.run("customers", "orders")
    assert set(order_drafts(world)) == {"GKS GKS-3002"}
