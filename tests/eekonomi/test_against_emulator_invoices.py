"""Invoice drafts, booked invoices, payments and the purchase side: the client against the eEkonomi emulator.

In-process over ASGI with the emulator's clock fixed, so "this month" is the same on every run. Normal
traffic is recorded and checked against the official spec at the end of the session; the rejection
tests (an over-long reference, an inactive article) send or provoke traffic the spec does not describe
and go through a plain transport instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
import pytest

from brygga.eekonomi import (
    BankAccountType,
    CustomerInvoiceDraft,
    CustomerInvoiceDraftRow,
    CustomerInvoiceDraftValidation,
    EEkonomiClient,
    InvoicePayment,
    PaymentType,
    SupplierInvoice,
    SupplierInvoiceRow,
)
from brygga.errors import RejectedError
from brygga_emulators.eekonomi import build_emulator
from brygga_emulators.eekonomi.clock import fixed_clock
from tests.support.contract_plugin import register_base_url

from .test_against_emulator import connect

BASE_URL = "http://eek-invoices.test"
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
THIS_MONTH = (date(2026, 11, 1), date(2026, 11, 30))
LAST_MONTH = (date(2026, 10, 1), date(2026, 10, 31))
Recording = Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport]


async def _client(
    wrap: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport],
) -> AsyncIterator[EEkonomiClient]:
    emulator = build_emulator("demo", clock=fixed_clock(NOW))
    connected = await connect(BASE_URL, wrap(httpx.ASGITransport(app=emulator.app)), emulator)
    async with connected.client as client:
        yield client


@pytest.fixture
async def eek(recording_transport_factory: Recording) -> AsyncIterator[EEkonomiClient]:
    register_base_url(BASE_URL, "eekonomi")  # so the contract check at the end of the session covers it
    async for client in _client(recording_transport_factory):
        yield client


@pytest.fixture
async def unrecorded(recording_transport_factory: Recording) -> AsyncIterator[EEkonomiClient]:
    async for client in _client(lambda transport: transport):
        yield client


async def _ids(eek: EEkonomiClient) -> dict[str, str]:
    """Ids of the demo objects the drafts below need, by number."""
    customer = await eek.customers.find_by_number("1005")  # the customer PM adopts by number
    articles = {a.number: a.id async for a in eek.articles.iter()}
    assert customer is not None and customer.id is not None
    return {"customer": customer.id, **{number: article_id or "" for number, article_id in articles.items()}}


def _draft(ids: dict[str, str], contract_number: str, **changes: object) -> CustomerInvoiceDraft:
    rows = [
        CustomerInvoiceDraftRow(is_text_row=True, text="Avser oktober 2026"),
        CustomerInvoiceDraftRow(article_id=ids["P-100"], quantity=Decimal("8"), unit_price=Decimal("1400.00")),
        CustomerInvoiceDraftRow(
            article_id=ids["DIV"], text="Administrativ avgift", quantity=Decimal("1"), unit_price=Decimal("250.00")
        ),
    ]
    fields: dict[str, object] = {
        "customer_id": ids["customer"],
        "invoice_date": date(2026, 11, 15),
        "your_reference": "Anna Andersson",
        "our_reference": "Per Persson",
        "contract_number": contract_number,
        "rows": rows,
    }
    return CustomerInvoiceDraft.model_validate({**fields, **changes})


# reference data of the joint demo ------------------------------------------------------------------------
async def test_the_default_article_and_bank_account(eek: EEkonomiClient) -> None:
    default = await eek.articles.find_by_number("DIV")
    assert default is not None and (default.name, default.is_active) == ("Diverse tjänster", True)
    assert (default.coding_name, default.unit_abbreviation, default.net_price) == (
        "Tjänster 25% moms",
        "st",
        Decimal(0),
    )
    cheque = [a async for a in eek.bank_accounts.iter() if a.bank_account_type == BankAccountType.CHEQUE_ACCOUNT]
    assert [(a.name, a.ledger_account_number, a.iban, a.is_default_cheque_account) for a in cheque] == [
        ("Företagskonto", 1930, "SE4550000000058398257466", True)
    ]
    assert (await eek.company_settings.get()).next_customer_invoice_number == 10001


async def test_suppliers_pay_in_30_days(eek: EEkonomiClient) -> None:
    thirty_days = {t.id async for t in eek.terms_of_payment.iter() if t.number_of_days == 30}
    suppliers = {s.supplier_number: s async for s in eek.suppliers.iter()}
    assert {n: s.name for n, s in suppliers.items()} == {
        "1": "Kontorsgiganten AB",
        "2": "Hyrbilar Norr AB",
        "3": "Byggmaterial Syd AB",
    }
    assert all(s.terms_of_payment_id in thirty_days for s in suppliers.values())
    one = suppliers["3"]
    assert one.id is not None and (await eek.suppliers.get(one.id)).name == "Byggmaterial Syd AB"


async def test_supplier_invoices_of_this_month_and_last(eek: EEkonomiClient) -> None:
    this_month = [i async for i in eek.supplier_invoices.dated_between(*THIS_MONTH)]
    last_month = [i async for i in eek.supplier_invoices.dated_between(*LAST_MONTH)]
    assert len(this_month) == 3 and len(last_month) == 1
    for invoice in this_month + last_month:
        assert invoice.voucher_number and invoice.rows
        debit = sum((r.debit_amount or Decimal(0) for r in invoice.rows), Decimal(0))
        assert debit == sum((r.credit_amount or Decimal(0) for r in invoice.rows), Decimal(0)) == invoice.total_amount
    cost_items = [{item for r in i.rows or [] for item in r.cost_center_item_ids} for i in this_month]
    assert set() in cost_items  # one invoice has nothing to transfer
    assert any(len(items) >= 2 for items in cost_items)  # one spreads its cost over two items


async def test_the_byggmaterial_invoice_books_its_cost_on_nordvik(eek: EEkonomiClient) -> None:
    project_center = await anext(c async for c in eek.cost_centers.iter() if c.number == 2)
    nordvik = next(i.id for i in project_center.items or [] if i.short_name == "2003")
    invoices = [
        i async for i in eek.supplier_invoices.dated_between(*THIS_MONTH) if i.total_amount == Decimal("12500.00")
    ]
    assert [i.supplier_name for i in invoices] == ["Byggmaterial Syd AB"]
    rows = invoices[0].rows or []
    assert [(r.account_number, r.debit_amount, r.credit_amount, r.cost_center_item_id2) for r in rows] == [
        (4010, Decimal("10000.00"), Decimal(0), nordvik),
        (2641, Decimal("2500.00"), Decimal(0), None),
        (2440, Decimal(0), Decimal("12500.00"), None),
    ]
    assert invoices[0].id is not None
    assert (await eek.supplier_invoices.get(invoices[0].id)).invoice_number == invoices[0].invoice_number


async def test_a_created_supplier_invoice_keeps_its_debet_amounts(eek: EEkonomiClient) -> None:
    supplier = await anext(s async for s in eek.suppliers.iter() if s.supplier_number == "1")
    assert supplier.id is not None
    new = SupplierInvoice(
        supplier_id=supplier.id,
        invoice_number="KG-90999",
        invoice_date=date(2026, 11, 20),
        total_amount=Decimal("1250.00"),
        vat=Decimal("250.00"),
        currency_code="SEK",
        rows=[
            SupplierInvoiceRow(account_number=6110, debit_amount=Decimal("1000.00")),
            SupplierInvoiceRow(account_number=2641, debit_amount=Decimal("250.00")),
            SupplierInvoiceRow(account_number=2440, credit_amount=Decimal("1250.00")),
        ],
    )
    created = await eek.supplier_invoices.create(new)
    assert created.id is not None and created.voucher_number
    assert [r.debit_amount for r in created.rows or []][:2] == [Decimal("1000.00"), Decimal("250.00")]
    in_period = [
        i.invoice_number async for i in eek.supplier_invoices.dated_between(date(2026, 11, 20), date(2026, 11, 20))
    ]
    assert "KG-90999" in in_period


# drafts, booking and payment -----------------------------------------------------------------------------
async def test_draft_found_by_its_marker_replaced_and_deleted(eek: EEkonomiClient) -> None:
    ids = await _ids(eek)
    created = await eek.invoice_drafts.create(_draft(ids, "PM'5003"))
    assert created.id is not None and created.invoice_date == date(2026, 11, 15)
    # 8 h x 1400.00 + 250.00 at 25 %; öre rounding (on in the demo company) makes the total whole kronor.
    assert (created.total_vat_amount, created.total_roundings) == (Decimal("2862.50"), Decimal("0.50"))
    assert created.total_amount == Decimal("11450.00") + Decimal("2862.50") + Decimal("0.50")
    assert [d.id for d in await eek.invoice_drafts.find_by_contract_number("PM'5003")] == [created.id]
    read = await eek.invoice_drafts.get(created.id)
    updated = await eek.invoice_drafts.update(created.id, read.model_copy(update={"our_reference": "Eva Ek"}))
    assert (updated.our_reference, updated.total_amount, len(updated.rows or [])) == ("Eva Ek", Decimal("14313.00"), 3)
    await eek.invoice_drafts.delete(created.id)
    assert await eek.invoice_drafts.find_by_contract_number("PM'5003") == []


async def test_convert_numbers_the_invoice_and_a_payment_settles_it(eek: EEkonomiClient) -> None:
    ids = await _ids(eek)
    draft = await eek.invoice_drafts.create(_draft(ids, "PM-5003"))
    assert draft.id is not None
    expected = CustomerInvoiceDraftValidation(
        total_amount_invoice_currency=draft.total_amount, total_vat_amount_invoice_currency=draft.total_vat_amount
    )
    invoice = await eek.invoice_drafts.convert(draft.id, validation=expected, keep_original_draft_date=True)
    assert (invoice.invoice_number, invoice.created_from_draft_id, invoice.invoice_date) == (
        10001,
        draft.id,
        date(2026, 11, 15),
    )
    assert invoice.id is not None and invoice.remaining_amount == Decimal("14313.00") and not invoice.is_paid
    account = await anext(a async for a in eek.bank_accounts.iter() if a.is_default_cheque_account)
    assert account.id is not None
    payment = InvoicePayment(
        company_bank_account_id=account.id,
        payment_date=date(2026, 11, 21),
        payment_amount=Decimal("14313.00"),
        payment_currency="SEK",
        payment_type=PaymentType.COMPLETE_PAYMENT,
    )
    assert (await eek.customer_invoices.add_payment(invoice.id, payment)).payment_amount == Decimal("14313.00")
    paid = await eek.customer_invoices.get(invoice.id)
    assert paid.is_paid and paid.remaining_amount == Decimal(0)
    changed = [
        i.invoice_number async for i in eek.customer_invoices.iter(modified_since=datetime(2026, 11, 1, tzinfo=UTC))
    ]
    assert changed == [10001]


async def test_the_next_draft_gets_the_next_number(eek: EEkonomiClient) -> None:
    ids = await _ids(eek)
    numbers = []
    for marker in ("PM-5009", "PM-5010"):
        draft = await eek.invoice_drafts.create(_draft(ids, marker))
        assert draft.id is not None
        numbers.append((await eek.invoice_drafts.convert(draft.id)).invoice_number)
    assert numbers == [10001, 10002]


# rejections ---------------------------------------------------------------------------------------------
async def test_an_inactive_article_is_a_409_rejection(unrecorded: EEkonomiClient) -> None:
    ids = await _ids(unrecorded)
    row = CustomerInvoiceDraftRow(article_id=ids["A-903"], quantity=Decimal("3"), unit_price=Decimal("500.00"))
    with pytest.raises(RejectedError) as caught:
        await unrecorded.invoice_drafts.create(_draft(ids, "PM-5006", rows=[row]))
    error = caught.value
    assert (error.status, error.error_code, error.outcome_unknown) == (409, 4000, False)
    assert "A-903" in (error.developer_message or "")


async def test_a_reference_over_100_characters_is_rejected(unrecorded: EEkonomiClient) -> None:
    ids = await _ids(unrecorded)
    with pytest.raises(RejectedError) as caught:
        await unrecorded.invoice_drafts.create(_draft(ids, "PM-5008", your_reference="R" * 120))
    assert (caught.value.status, caught.value.error_code) == (400, 2000)
    assert "YourReference" in (caught.value.developer_message or "")
