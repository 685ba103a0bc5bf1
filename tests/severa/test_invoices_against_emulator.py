"""Invoice statuses, invoices, rows, the status PATCH and project fees against the Severa emulator's ``demo`` data.

The emulator was written separately from the client, from the same spec and the joint demo data;
these tests are where the two must agree. Invoices are found the way the engine finds them (by
status, customer number and project number), never by the emulator's internal ids. In-process over ASGI.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import httpx
import pytest

from brygga.severa import Invoice, InvoiceRow, Money, ProjectFee, SeveraAuth, SeveraClient, SeveraCredentials
from brygga.severa.fee_models import FeeProject
from brygga.tokens import MemoryTokenStore
from brygga_emulators.severa import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, build_emulator

BASE_URL = "http://severa-invoices.test"
SEND = "Skicka till eEkonomi"
TRANSFERRED = "Överförd eEkonomi"
ORE = Decimal("0.01")


@pytest.fixture
async def client() -> AsyncIterator[SeveraClient]:
    transport = httpx.ASGITransport(app=build_emulator("demo").app)
    credentials = SeveraCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    auth = SeveraAuth(credentials, MemoryTokenStore(), BASE_URL, token_transport=transport)
    async with SeveraClient(BASE_URL, auth, transport=transport) as severa:
        yield severa


async def status_guids(client: SeveraClient) -> dict[str, str]:
    return {status.name: status.guid or "" async for status in client.invoice_statuses.iter()}


async def project_guid(client: SeveraClient, number: int) -> str:
    projects = [project async for project in client.projects.iter(numbers=[number])]
    assert len(projects) == 1 and projects[0].guid
    return projects[0].guid


@dataclass(frozen=True)
class Found:
    invoice: Invoice
    rows: list[InvoiceRow]


async def to_transfer(client: SeveraClient) -> list[Found]:
    """The invoices waiting in "Skicka till eEkonomi", each with its rows."""
    send = (await status_guids(client))[SEND]
    found: list[Found] = []
    async for invoice in client.invoices.iter(status_guids=[send]):
        assert invoice.guid is not None
        found.append(Found(invoice, await client.invoices.rows(invoice.guid)))
    return found


def pick(found: Iterable[Found], customer: int, *, credit_note: bool = False) -> Found:
    """The one invoice of ``customer`` (a credit note or not) among ``found``."""
    matches = [
        item
        for item in found
        if item.invoice.customer is not None
        and item.invoice.customer.number == customer
        and item.invoice.isCreditNote == credit_note
    ]
    assert len(matches) == 1, f"{len(matches)} invoices for customer {customer}"
    return matches[0]


def project_numbers(invoice: Invoice) -> list[int | None]:
    return [project.number for project in invoice.projects or []]


def expected_totals(rows: Iterable[InvoiceRow]) -> tuple[Decimal, Decimal, Decimal]:
    """Row amounts to öre, tax per VAT rate to öre, half away from zero (the joint demo rule)."""
    by_rate: dict[Decimal, Decimal] = defaultdict(Decimal)
    for row in rows:
        assert row.quantity is not None and row.unitPrice is not None and row.unitPrice.amount is not None
        amount = (row.quantity * row.unitPrice.amount).quantize(ORE, rounding=ROUND_HALF_UP)
        by_rate[row.vatRate or Decimal(0)] += amount
    excluding = sum(by_rate.values(), Decimal(0))
    tax = sum(
        ((amount * rate / 100).quantize(ORE, rounding=ROUND_HALF_UP) for rate, amount in by_rate.items()), ORE * 0
    )
    return excluding, tax, excluding + tax


def amount(money: Money | None) -> Decimal | None:
    return money.amount if money is not None else None


async def test_the_demo_invoice_statuses_and_their_meaning(client: SeveraClient) -> None:
    statuses = {status.name: status async for status in client.invoice_statuses.iter()}

    assert {"Utkast", SEND, TRANSFERRED, "Skickad", "Betald", "Kreditfaktura"} <= set(statuses)
    assert statuses["Utkast"].isDefault and statuses["Skickad"].isSent and statuses["Betald"].isPaid
    assert statuses["Kreditfaktura"].isDefaultForCreditNote
    assert not any(status.hasInvoiceNumber for status in statuses.values())


async def test_twelve_invoices_wait_for_transfer_each_on_one_project(client: SeveraClient) -> None:
    found = await to_transfer(client)

    customers = sorted(item.invoice.customer.number or 0 for item in found if item.invoice.customer)
    assert customers == [1001, 1001, 1002, 1004, 1005, 1006, 1010, 1011, 1012, 1013, 1014, 1042]
    for customer, project in [(1001, 2001), (1002, 2002), (1005, 2003), (1006, 2007), (1004, 2009)]:
        assert project_numbers(pick(found, customer).invoice) == [project]
    for number in range(11, 15):
        assert project_numbers(pick(found, 1000 + number).invoice) == [2000 + number]
    for item in found:
        assert len(project_numbers(item.invoice)) == 1
        assert item.invoice.date == date(2026, 11, 15)
        assert item.invoice.status is not None and item.invoice.status.name in (SEND, None)
        assert item.rows and all(row.invoiceGuid == item.invoice.guid for row in item.rows)


async def test_every_invoice_total_agrees_with_its_rows_to_the_ore(client: SeveraClient) -> None:
    for item in await to_transfer(client):
        invoice = item.invoice
        totals = (amount(invoice.totalExcludingTax), amount(invoice.totalTax), amount(invoice.totalIncludingTax))
        assert totals == expected_totals(item.rows), f"invoice {invoice.guid}"


async def test_invoice_for_1001_carries_its_rows_texts_and_references(client: SeveraClient) -> None:
    item = pick(await to_transfer(client), 1001)
    invoice = item.invoice

    assert [row.code for row in item.rows] == [["KONS"], ["P-110"], ["MIL"], []]
    assert [(row.quantity, amount(row.unitPrice)) for row in item.rows] == [
        (Decimal("12"), Decimal("1250.00")),
        (Decimal("1"), Decimal("9500.00")),
        (Decimal("120"), Decimal("3.50")),
        (Decimal("1"), Decimal("250.00")),
    ]
    assert {row.vatRate for row in item.rows} == {Decimal("25")}
    assert item.rows[3].description == "Administrativ avgift"
    assert (amount(invoice.totalExcludingTax), amount(invoice.totalIncludingTax)) == (
        Decimal("25170.00"),
        Decimal("31462.50"),
    )
    assert invoice.number is None
    assert (invoice.yourReference, invoice.ourReference) == ("Anna Andersson", "Per Persson")
    assert invoice.notes == "Tack för förtroendet!"
    assert invoice.freeText1 is not None and invoice.freeText1.display_text == "Avser oktober 2026"
    assert invoice.freeText2 is not None and invoice.freeText2.display_text == "Betalning sker till bankgiro 123-4567"
    assert invoice.receiverAddress is not None and invoice.receiverAddress.addressline


async def test_the_mixed_vat_the_euro_and_the_addressless_invoices(client: SeveraClient) -> None:
    found = await to_transfer(client)

    mixed = pick(found, 1002).rows
    assert [(row.code, row.vatRate) for row in mixed][1:] == [(["P-170"], Decimal("12")), (["P-120"], Decimal("6"))]
    euro = pick(found, 1006)
    assert euro.invoice.currency is not None and euro.invoice.currency.code == "EUR"
    assert [(row.code, amount(row.unitPrice), row.unitPrice and row.unitPrice.currencyCode) for row in euro.rows] == [
        (["KONS"], Decimal("120.00"), "EUR")
    ]
    addressless = pick(found, 1042)
    assert addressless.invoice.receiverAddress is None or not addressless.invoice.receiverAddress.addressline
    long_reference = pick(found, 1010)
    assert len(long_reference.invoice.yourReference or "") == 120


async def test_the_credit_note_points_at_the_paid_invoice_4990(client: SeveraClient) -> None:
    paid = [invoice async for invoice in client.invoices.iter(numbers=[4990])]
    credit = pick(await to_transfer(client), 1001, credit_note=True)

    assert len(paid) == 1 and paid[0].status is not None
    assert (await client.invoice_statuses.get(paid[0].status.guid)).name == "Betald"
    assert credit.invoice.creditNoteInvoice is not None and credit.invoice.creditNoteInvoice.guid == paid[0].guid
    assert [(row.code, row.quantity) for row in credit.rows] == [(["KONS"], Decimal("-2"))]


async def test_set_status_moves_the_invoice_and_writes_the_number(client: SeveraClient) -> None:
    statuses = await status_guids(client)
    invoice = pick(await to_transfer(client), 1002).invoice
    assert invoice.guid is not None

    updated = await client.invoices.set_status(invoice.guid, statuses[TRANSFERRED], number=10001)
    again = await client.invoices.get(invoice.guid)
    still_waiting = [found.guid async for found in client.invoices.iter(status_guids=[statuses[SEND]])]

    assert updated.number == 10001 and again.number == 10001
    assert again.status is not None and again.status.guid == statuses[TRANSFERRED]
    assert invoice.guid not in still_waiting and len(still_waiting) == 11


async def test_project_fees_start_empty_and_a_created_fee_is_listed_with_exact_money(client: SeveraClient) -> None:
    project = await project_guid(client, 2003)
    assert [fee async for fee in client.project_fees.iter()] == []
    assert await client.project_fees.for_project(project) == []

    created = await client.project_fees.create(
        ProjectFee(
            project=FeeProject(guid=project),
            name="Byggmaterial Syd AB",
            description="Leverantörsfaktura, kostnadsrad 4010",
            quantity=Decimal("1"),
            unitCost=Money(amount=Decimal("10000.00"), currencyCode="SEK"),
            unitPrice=Money(amount=Decimal("10000.00"), currencyCode="SEK"),
            isBillable=True,
            eventDate=date(2026, 11, 3),
            productType="Subcontracting",
        )
    )
    assert created.guid is not None

    listed = await client.project_fees.for_project(project)
    again = await client.project_fees.get(created.guid)
    everywhere = [fee.guid async for fee in client.project_fees.iter()]

    assert [fee.guid for fee in listed] == [created.guid] and everywhere == [created.guid]
    assert again.project.guid == project
    assert amount(again.unitCost) == Decimal("10000.00") and amount(again.unitPrice) == Decimal("10000.00")
    assert again.isBillable is True and again.eventDate == date(2026, 11, 3)
