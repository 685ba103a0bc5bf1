"""Bank accounts, suppliers and booked supplier invoices through EEkonomiClient against the MockTransport fake."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal

import httpx
import pytest

from brygga.eekonomi import (
    BankAccountType,
    EEkonomiClient,
    Supplier,
    SupplierInvoice,
    SupplierInvoiceRow,
)
from brygga.errors import RejectedError
from brygga.http import jsonio

from .fakes import TERMS_ID
from .fakes_catalog import demo_id
from .fakes_invoices import FakeInvoicingEEkonomi
from .test_client import BASE_URL, StaticToken

BYGGMATERIAL = demo_id("supplier", "3")
NORDVIK_ITEM = demo_id("item", "2003")


@pytest.fixture
def api() -> FakeInvoicingEEkonomi:
    return FakeInvoicingEEkonomi()


@pytest.fixture
async def client(api: FakeInvoicingEEkonomi) -> AsyncIterator[EEkonomiClient]:
    async with EEkonomiClient(BASE_URL, StaticToken(), transport=api.transport()) as eek:
        yield eek
    assert api.spec_problems == []
    assert api.response_problems == []


# bank accounts ------------------------------------------------------------------------------------------
async def test_bank_accounts_find_the_default_cheque_account(client: EEkonomiClient) -> None:
    accounts = [a async for a in client.bank_accounts.iter()]
    cheque = [
        a for a in accounts if a.bank_account_type == BankAccountType.CHEQUE_ACCOUNT and a.is_default_cheque_account
    ]
    assert [(a.name, a.ledger_account_number, a.iban) for a in cheque] == [
        ("Företagskonto", 1930, "SE4550000000058398257466")
    ]
    assert len(accounts) == 2 and client.calls_by_endpoint == {"GET /bankaccounts": 1}


# suppliers ----------------------------------------------------------------------------------------------
async def test_suppliers_iter_and_get(client: EEkonomiClient) -> None:
    names = {s.supplier_number: s.name async for s in client.suppliers.iter(page_size=2)}
    assert names == {"1": "Kontorsgiganten AB", "2": "Hyrbilar Norr AB", "3": "Byggmaterial Syd AB"}
    supplier = await client.suppliers.get(BYGGMATERIAL)
    assert supplier.name == "Byggmaterial Syd AB" and supplier.terms_of_payment_id == TERMS_ID
    assert client.calls_by_endpoint == {"GET /suppliers": 2, "GET /suppliers/{id}": 1}


async def test_supplier_create_and_find_by_number(client: EEkonomiClient, api: FakeInvoicingEEkonomi) -> None:
    created = await client.suppliers.create(Supplier(name="Elgrossisten i Norr AB", terms_of_payment_id=TERMS_ID))
    assert created.id is not None and created.supplier_number == "4" and created.created_utc is not None
    assert jsonio.loads(api.requests[-1].content) == {"Name": "Elgrossisten i Norr AB", "TermsOfPaymentId": TERMS_ID}
    found = await client.suppliers.find_by_number("4")
    assert found is not None and found.id == created.id
    assert api.requests[-1].url.params["$filter"] == "SupplierNumber eq '4'"
    with pytest.raises(RejectedError) as caught:
        await client.suppliers.create(Supplier(name="Dubblett AB", terms_of_payment_id=TERMS_ID, supplier_number="1"))
    assert caught.value.error_code == 4000


# supplier invoices --------------------------------------------------------------------------------------
async def test_booked_supplier_invoices_read_with_debet_amounts_and_items(client: EEkonomiClient) -> None:
    invoices = {i.invoice_number: i async for i in client.supplier_invoices.iter()}
    assert set(invoices) == {"BS-881", "KG-4711", "HN-17", "BS-870"}
    byggmaterial = invoices["BS-881"]
    assert (byggmaterial.total_amount, byggmaterial.vat) == (Decimal("12500.00"), Decimal("2500.00"))
    assert (byggmaterial.supplier_name, byggmaterial.voucher_number) == ("Byggmaterial Syd AB", "C 1")
    rows = byggmaterial.rows or []
    assert [(r.account_number, r.debit_amount, r.credit_amount) for r in rows] == [
        (4010, Decimal("10000.00"), Decimal("0.00")),
        (2641, Decimal("2500.00"), Decimal("0.00")),
        (2440, Decimal("0.00"), Decimal("12500.00")),
    ]
    assert [r.cost_center_item_ids for r in rows] == [(NORDVIK_ITEM,), (), ()]
    assert byggmaterial.id is not None
    assert (await client.supplier_invoices.get(byggmaterial.id)).invoice_date == date(2025, 2, 10)


async def test_dated_between_filters_whole_days_on_invoice_date(
    client: EEkonomiClient, api: FakeInvoicingEEkonomi
) -> None:
    february = [
        i.invoice_number async for i in client.supplier_invoices.dated_between(date(2025, 2, 1), date(2025, 2, 28))
    ]
    assert february == ["BS-881", "KG-4711", "HN-17"]  # HN-17 is dated on the last day: included
    assert api.requests[-1].url.params["$filter"] == (
        "(InvoiceDate ge 2025-02-01T00:00:00Z) and (InvoiceDate lt 2025-03-01T00:00:00Z)"
    )
    one_day = [
        i.invoice_number async for i in client.supplier_invoices.dated_between(date(2025, 1, 31), date(2025, 1, 31))
    ]
    assert one_day == ["BS-870"]


def _ignoring_filters(api: FakeInvoicingEEkonomi) -> httpx.MockTransport:
    """A server that drops ``$filter`` and answers with everything."""

    def handler(request: httpx.Request) -> httpx.Response:
        url = request.url.copy_remove_param("$filter")
        return api(httpx.Request(request.method, url, headers=request.headers, content=request.content))

    return httpx.MockTransport(handler)


async def test_dated_between_drops_invoices_a_careless_server_returns(api: FakeInvoicingEEkonomi) -> None:
    async with EEkonomiClient(BASE_URL, StaticToken(), transport=_ignoring_filters(api)) as eek:
        period = [i async for i in eek.supplier_invoices.dated_between(date(2025, 2, 11), date(2025, 2, 27))]
    assert [i.invoice_number for i in period] == ["KG-4711"]


async def test_dated_between_refuses_a_period_that_ends_before_it_starts(client: EEkonomiClient) -> None:
    with pytest.raises(ValueError, match="before it starts"):
        [i async for i in client.supplier_invoices.dated_between(date(2025, 2, 2), date(2025, 2, 1))]
    assert client.api_calls == 0


async def test_create_sends_debet_amount_spelled_as_the_api_wants(
    client: EEkonomiClient, api: FakeInvoicingEEkonomi
) -> None:
    invoice = SupplierInvoice(
        supplier_id=BYGGMATERIAL,
        invoice_number="BS-900",
        invoice_date=date(2025, 2, 25),
        total_amount=Decimal("1250.00"),
        vat=Decimal("250.00"),
        rows=[
            SupplierInvoiceRow(account_number=4010, debit_amount=Decimal("1000.00"), cost_center_item_id2=NORDVIK_ITEM),
            SupplierInvoiceRow(account_number=2641, debit_amount=Decimal("250.00")),
            SupplierInvoiceRow(account_number=2440, credit_amount=Decimal("1250.00")),
        ],
    )
    created = await client.supplier_invoices.create(invoice)
    sent = api.requests[-1].content
    assert b'"DebetAmount": 1000.00' in sent and b"DebitAmount" not in sent
    assert b'"InvoiceDate": "2025-02-25T00:00:00Z"' in sent
    assert created.voucher_number is not None and created.rows is not None
    assert [r.debit_amount for r in created.rows] == [Decimal("1000.00"), Decimal("250.00"), Decimal("0.00")]
    assert [r.line_number for r in created.rows] == [1, 2, 3]


async def test_an_unbalanced_supplier_invoice_is_rejected(client: EEkonomiClient) -> None:
    unbalanced = SupplierInvoice(
        supplier_id=BYGGMATERIAL,
        invoice_number="BS-901",
        total_amount=Decimal("1250.00"),
        rows=[
            SupplierInvoiceRow(account_number=4010, debit_amount=Decimal("1000.00")),
            SupplierInvoiceRow(account_number=2440, credit_amount=Decimal("1250.00")),
        ],
    )
    with pytest.raises(RejectedError) as caught:
        await client.supplier_invoices.create(unbalanced)
    assert (caught.value.error_code, caught.value.outcome_unknown) == (4032, False)
