"""Månadsrapport from scenario data over both emulators: a month's invoices with Visma PM's and Visma eEkonomi's
totals side by side to the öre, booked and paid, the credit invoice skipped (I7), orders turned into drafts (O1);
a person's changes in eEkonomi (a draft edited, a draft deleted) show as marked differences; CSV and PDF read back."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest
from pypdf import PdfReader

from brygga.demo import DEMO_ORDERS, book_and_pay
from brygga.orders.commands import orders_import_command
from brygga.report import EekState, Month, MonthReport, build_month_report
from brygga.report.csv_out import to_csv
from brygga.report.pdf_out import to_pdf
from brygga.report.texts import money, month_title
from brygga.session import TransferSession
from brygga.store import Link
from brygga.store.orders import OrderStore
from brygga_emulators.severa.render_invoices import render_invoice
from tests.scenarios.harness import World, build_world
from tests.support.contract_plugin import register_base_url

pytestmark = pytest.mark.scenario


def pdf_text(body: bytes) -> str:
    """The PDF's text with every run of white space (line breaks in narrow cells, no-break spaces) as one space."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages).split())


def csv_rows(body: bytes) -> list[dict[str, str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads åäö
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))


def kronor(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def pm_totals_from_emulator(world: World, guids: set[str]) -> dict[str, Decimal]:
    """Visma PM's own gross per invoice, as the emulator renders its answer to GET /v1/invoices (not brygga's)."""
    rendered = [render_invoice(world.pm.store, doc) for doc in world.pm.store.all("invoices")]
    return {doc["guid"]: Decimal(str(doc["totalIncludingTax"]["amount"])) for doc in rendered if doc["guid"] in guids}


async def person_edits_and_deletes_drafts(session: TransferSession) -> tuple[str, str]:
    """In eEkonomi, a person doubles the quantity on one of brygga's drafts and deletes another (public API)."""
    drafts = [d async for d in session.eek.invoice_drafts.iter() if (d.contract_number or "").startswith("PM ")]
    edited, deleted = drafts[0], drafts[1]
    rows = [row.model_copy(update={"quantity": (row.quantity or Decimal(1)) * 2}) for row in edited.rows or []]
    await session.eek.invoice_drafts.update(edited.id or "", edited.model_copy(update={"rows": rows}))
    await session.eek.invoice_drafts.delete(deleted.id or "")
    return (edited.contract_number or "")[3:], (deleted.contract_number or "")[3:]


async def month_report(world: World, month: Month) -> MonthReport:
    return await build_month_report(world.store, world.settings, month, transport=world.transport())


async def test_month_report_sets_pm_and_eekonomi_side_by_side_and_marks_what_a_person_changed(world: World) -> None:
    orders_import_command(world.store, DEMO_ORDERS)
    await world.run("customers", "articles", "projects", "invoices", "orders")
    await world.with_session(lambda s: book_and_pay(s, book=3, pay=1))
    edited, deleted = await world.with_session(person_edits_and_deletes_drafts)
    report = await month_report(world, Month.of(datetime.now(UTC).date()))

    assert len(report.invoices) == 8 and report.booked == 3 and report.paid == 1
    [credit] = report.credit_skipped
    assert credit.reason.startswith("Kreditfaktura") and "Aurora" in credit.name
    transferred_orders = [o for o in OrderStore(world.store.db, world.store.tenant).all() if o.state == "transferred"]
    assert len(report.orders) == len(transferred_orders) > 0
    by_id = {line.pm_id: line for line in report.invoices}
    assert by_id[edited].differences == ("net", "vat", "gross") and by_id[edited].eek_state == EekState.DRAFT
    assert by_id[deleted].differences == ("eek",) and by_id[deleted].eek is None
    agreeing = [line for line in report.invoices if line.pm_id not in (edited, deleted)]
    assert all(line.pm == line.eek and line.pm is not None for line in agreeing)
    pm_gross = pm_totals_from_emulator(world, set(by_id))
    assert {line.pm_id: line.pm.gross for line in report.invoices if line.pm} == pm_gross  # to the öre
    sek = next(t for t in report.totals() if t.currency == "SEK")
    assert sek.pm.gross == sum(line.pm.gross for line in report.invoices if line.pm and line.currency == "SEK")
    # Pages of 1,000, filtered to the month: one read each of PM invoices, eEk drafts and eEk booked invoices.
    assert sorted(report.api_reads.values()) == [1, 1, 1], report.api_reads

    rows = csv_rows(to_csv(report))
    invoices = [row for row in rows if row["Typ"] == "Faktura"]
    assert len(invoices) == 8 and sum(1 for row in rows if row["Typ"] == "Kreditfaktura") == 1
    changed = next(row for row in invoices if row["Anmärkning"] == edited)
    assert changed["Skillnad"] == "netto, moms, brutto"
    assert kronor(changed["Brutto eEkonomi"]) == by_id[edited].eek.gross != kronor(changed["Brutto PM"])
    assert next(row for row in invoices if row["Anmärkning"] == deleted)["Skillnad"] == "saknas i Visma eEkonomi"

    text = pdf_text(to_pdf(report))
    assert f"Månadsrapport {month_title(report.month, 'sv')}" in text
    assert report.company_name in text and "Framtagen" in text and "svensk tid" in text
    assert money(by_id[edited].eek.gross).replace("\xa0", " ") in text
    assert money(sek.pm.gross).replace("\xa0", " ") in text
    assert "saknas i Visma eEkonomi" in text and "Kreditfakturor som hoppades över" in text
    assert "Öppna avvikelser i avstämningen" in text


async def test_month_with_nothing_transferred_reads_no_api_and_says_so(world: World) -> None:
    world.store.protocol.save_link(Link("invoices", "pm-now", "draft-now", None, None))  # transferred now, not in June
    last_year = Month(datetime.now(UTC).year - 1, 6)
    report = await month_report(world, last_year)
    assert report.invoices == () and report.credit_skipped == () and report.orders == () and report.api_reads == {}
    rows = csv_rows(to_csv(report))
    assert rows == []  # the header line only
    text = pdf_text(to_pdf(report))
    assert "Inga fakturor överfördes den här månaden." in text and f"juni {last_year.year}" in text


async def test_pm_invoices_not_changed_this_month_are_read_alone_when_few_and_with_the_list_when_many(
    tmp_path,
    recording_transport_factory: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport],
) -> None:
    """A PM that ignores ``changedSince`` (or invoices changed before the month): 3 are read one by one, 12 with
    one more read of the whole list, never 12 reads."""
    world, servers = await build_world(
        tmp_path, recording_transport_factory, register_base_url, eek_data="empty", pm_data="bulk:12"
    )
    try:
        guids = sorted(doc["guid"] for doc in world.pm.store.all("invoices"))
        month = Month.of(datetime.now(UTC).date())
        for guid in guids[:3]:
            world.store.protocol.save_link(Link("invoices", guid, f"draft-{guid}", None, None))
        few = await month_report(world, month)
        assert few.api_reads.get("GET /v1/invoices/{guid} [severa]") == 3
        for guid in guids[3:]:
            world.store.protocol.save_link(Link("invoices", guid, f"draft-{guid}", None, None))
        many = await month_report(world, month)
        assert "GET /v1/invoices/{guid} [severa]" not in many.api_reads
        assert many.api_reads["GET /v1/invoices [severa]"] == 2  # changed since the month began, then all
        assert len(many.invoices) == 12 and all(line.pm is not None for line in many.invoices)
        assert all(line.differences == ("eek",) for line in many.invoices)  # no drafts in this eEkonomi
    finally:
        world.store.db.dispose()
        for server in servers:
            server.stop()
