"""Invoices end to end over loopback: drafts from PM invoices, booking and payment in eEkonomi, status back to PM,
and supplier invoices to project costs (rules I1-I8, IS1-IS2, SI1-SI4, S4, S6, S7)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from brygga.demo import book_and_pay
from brygga.transfer.outcome import Outcome
from tests.scenarios.harness import World

pytestmark = pytest.mark.scenario

SETUP = ("customers", "articles", "projects")


@pytest.fixture
def invoicing(world: World) -> World:
    world.set("project_cost_center", "Projekt")
    world.set("default_article_number", "DIV")
    world.set("supplier_costs", "billable")
    return world


async def pm_statuses(world: World) -> dict[int | str, tuple[str, int | None]]:
    """PM invoices by their demo number (or guid): (status name, invoice number)."""

    async def read(session: Any) -> dict[int | str, tuple[str, int | None]]:
        result: dict[int | str, tuple[str, int | None]] = {}
        async for invoice in session.pm.invoices.iter():
            key = invoice.referenceNumber or invoice.orderNumber or invoice.guid
            result[key] = (invoice.status.name if invoice.status else "", invoice.number)
        return result

    return await world.with_session(read)  # type: ignore[no-any-return]


def drafts(world: World) -> list[dict[str, Any]]:
    return [dict(d) for d in world.eek.store.customer_invoice_drafts.all()]


def markers(world: World) -> list[str]:
    booked = [dict(d) for d in world.eek.store.customer_invoices.all()]
    return [str(d.get("ContractNumber")) for d in drafts(world) + booked if d.get("ContractNumber")]


async def test_i1_invoices_become_drafts_and_pm_gets_the_transferred_status(invoicing: World) -> None:
    world = invoicing
    await world.run(*SETUP)
    report = await world.run("invoices")
    invoices = report.categories["invoices"]
    assert invoices.count(Outcome.SUCCEEDED) == 8
    assert invoices.count(Outcome.SKIPPED) == 1  # the credit invoice (I7)
    [credit] = [o for o in invoices.outcomes if o.outcome is Outcome.SKIPPED]
    assert credit.rule_id == "I7" and credit.headline("sv").startswith("Kreditfaktura") and credit.hint
    assert credit.headline("en") == "Credit invoice: not transferred"
    errors = {o.rule_id for o in report.errors()}
    assert {"I5", "I6"} <= errors
    i5 = next(o for o in report.errors() if o.rule_id == "I5")
    assert i5.message.endswith("to Visma eAccounting, because invoice address is missing.")
    assert len(drafts(world)) == 8
    assert len(set(markers(world))) == len(markers(world)) == 8  # one marker, one draft per PM invoice (I8)
    rerun = await world.run("invoices")
    assert world.last_write_calls == 0 and len(drafts(world)) == 8
    assert rerun.categories["invoices"].count(Outcome.SUCCEEDED) == 0


async def test_is1_booked_and_paid_invoices_bring_number_and_status_back(invoicing: World) -> None:
    world = invoicing
    await world.run(*SETUP, "invoices")
    booked = await world.with_session(lambda s: book_and_pay(s, book=3, pay=1))
    assert len(booked) == 3 and booked[0].endswith("(betald)")
    report = await world.run("invoice-status")
    assert report.categories["invoice-status"].count(Outcome.SUCCEEDED) == 3
    statuses = [status for status, _ in (await pm_statuses(world)).values()]
    assert statuses.count("Betald") >= 2  # the demo's old paid invoice 4990 and the one just paid
    numbered = [number for status, number in (await pm_statuses(world)).values() if status == "Skickad"]
    assert len(numbered) == 2 and all(n and n >= 10001 for n in numbered)  # eEkonomi's numbers (IS1)
    await world.run("invoice-status")
    assert world.last_write_calls == 0  # IS2: nothing moves twice or backwards


@pytest.mark.both_databases  # SQLite and PostgreSQL (tests/postgres/plugin.py); the others on SQLite only (time)
async def test_i8_lost_answer_while_creating_a_draft_leaves_one_draft(invoicing: World) -> None:
    world = invoicing
    await world.run(*SETUP)
    world.eek.faults.drop_next("POST", "/v2/customerinvoicedrafts")
    first = await world.run("invoices")
    assert any("kom aldrig fram" in o.hint for o in first.errors())
    await world.run("invoices")
    assert len(set(markers(world))) == len(markers(world)) == 8
    assert not world.store.protocol.pending_intents("invoices")


async def test_i8_failed_pm_status_update_is_retried_without_a_new_draft(invoicing: World) -> None:
    world = invoicing
    await world.run(*SETUP)
    world.pm.faults.fail_next("PATCH", "/v1/invoices/", count=1)
    first = await world.run("invoices")
    assert len(first.errors()) >= 1
    await world.run("invoices")
    assert len(drafts(world)) == 8
    names = [status for status, _ in (await pm_statuses(world)).values()]
    assert names.count("Överförd eEkonomi") == 8


async def test_i8_lost_answer_to_the_pm_status_update_leaves_one_draft(invoicing: World) -> None:
    world = invoicing
    await world.run(*SETUP)
    world.pm.faults.drop_next("PATCH", "/v1/invoices/", count=1)
    await world.run("invoices")
    await world.run("invoices")
    assert len(drafts(world)) == 8 and len(set(markers(world))) == 8


async def test_si1_supplier_invoices_become_project_costs_once_whatever_the_periods(invoicing: World) -> None:
    world = invoicing
    await world.run(*SETUP)
    first = await world.run("supplier-invoices")
    created = first.categories["supplier-invoices"].count(Outcome.SUCCEEDED)
    assert created >= 1
    fees = world.pm.store.all("projectfees")
    assert len(fees) == created
    assert all(fee.get("isBillable") for fee in fees)  # S5 billable: unit price = unit cost (SI2)
    world.set("supplier_invoice_period", "custom")
    world.set("supplier_invoice_from", str(date(2000, 1, 1)))
    world.set("supplier_invoice_to", str(date(2100, 1, 1)))
    wider = await world.run("supplier-invoices")  # overlaps the first period completely (SI4)
    assert len(world.pm.store.all("projectfees")) == created + wider.categories["supplier-invoices"].count(
        Outcome.SUCCEEDED
    )
    await world.run("supplier-invoices")
    assert world.last_write_calls == 0


async def test_si4_lost_answer_while_creating_a_cost_leaves_one_cost(invoicing: World) -> None:
    world = invoicing
    await world.run(*SETUP)
    world.pm.faults.drop_next("POST", "/v1/projectfees")
    await world.run("supplier-invoices")
    await world.run("supplier-invoices")
    fees = world.pm.store.all("projectfees")
    keys = [(f.get("description"), str(f.get("eventDate"))) for f in fees]
    assert len(keys) == len(set(keys)) >= 1


async def test_x5_dry_run_of_invoices_writes_nothing_not_even_missing_customers(invoicing: World) -> None:
    world = invoicing
    await world.run("articles", "projects")  # customers deliberately not transferred
    report = await world.run("invoices", dry_run=True)
    assert world.last_write_calls == 0
    assert not drafts(world)
    assert (
        any("torrkörning" in notice for notice in report.categories["invoices"].notices)
        or not report.categories["invoices"].outcomes
    )
