"""The purchase side: the bank account, suppliers and booked supplier invoices (demo data and rules)."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest

from brygga_emulators.eekonomi import build_emulator
from brygga_emulators.eekonomi.bank_accounts import default_bank_account_id
from brygga_emulators.eekonomi.demo_articles import cost_center_item_id
from brygga_emulators.eekonomi.demo_data import terms_of_payment_id
from brygga_emulators.eekonomi.demo_purchases import supplier_id

from .support import (
    PURCHASE_SCOPE,
    FakeClock,
    asgi_client,
    bearer,
    cost_center_item_body,
    decode,
    obtain_tokens,
    send_json,
)

NORDVIK = cost_center_item_id(2, "2003")


@pytest.fixture
async def purchases(api: httpx.AsyncClient) -> httpx.AsyncClient:
    """The demo client, holding a token with ``ea:purchase``."""
    api.headers.update(bearer(await obtain_tokens(api, scope=PURCHASE_SCOPE)))
    return api


def invoice_body(rows: list[dict[str, Any]], total: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "SupplierId": supplier_id("Byggmaterial Syd AB"),
        "InvoiceNumber": "BS-9001",
        "InvoiceDate": "2025-02-27",
        "TotalAmount": Decimal(total),
        "Rows": rows,
    }
    body.update(overrides)
    return body


def row(account: int, debit: str = "0", credit: str = "0", **extra: Any) -> dict[str, Any]:
    return {"AccountNumber": account, "DebetAmount": Decimal(debit), "CreditAmount": Decimal(credit), **extra}


async def test_the_bank_account_is_there_for_payments(purchases: httpx.AsyncClient) -> None:
    accounts = decode(await purchases.get("/v2/bankaccounts"))["Data"]
    one = await purchases.get(f"/v2/bankaccounts/{default_bank_account_id()}")
    missing = await purchases.get(f"/v2/bankaccounts/{uuid.uuid4()}")

    assert [(a["Name"], a["BankAccountType"], a["LedgerAccountNumber"], a["Iban"]) for a in accounts] == [
        ("Företagskonto", 1, 1930, "SE4550000000058398257466")
    ]
    assert accounts[0]["IsDefaultChequeAccount"] is True
    assert decode(one) == accounts[0]
    assert missing.status_code == 404


async def test_purchase_routes_need_a_purchase_scope(api: httpx.AsyncClient) -> None:
    refused = await api.get("/v2/suppliers")  # the fixture's token has ea:sales only

    assert (refused.status_code, refused.json()["ErrorCode"]) == (403, 4006)


async def test_demo_suppliers(purchases: httpx.AsyncClient) -> None:
    suppliers = decode(await purchases.get("/v2/suppliers"))["Data"]

    assert [(s["SupplierNumber"], s["Name"]) for s in suppliers] == [
        ("1", "Kontorsgiganten AB"),
        ("2", "Hyrbilar Norr AB"),
        ("3", "Byggmaterial Syd AB"),
    ]
    assert {s["TermsOfPaymentId"] for s in suppliers} == {terms_of_payment_id(30)}
    assert suppliers[2]["UnpaidInvoicesAmount"] == Decimal("17500.00")


async def test_supplier_create_read_replace(purchases: httpx.AsyncClient) -> None:
    body = {"Name": "Nya Verktyg AB", "TermsOfPaymentId": terms_of_payment_id(30), "BankgiroNumber": "123-4567"}

    created = await send_json(purchases, "POST", "/v2/suppliers", body)
    supplier = decode(created)
    fetched = decode(await purchases.get(f"/v2/suppliers/{supplier['Id']}"))
    replaced = await send_json(purchases, "PUT", f"/v2/suppliers/{supplier['Id']}", {**body, "City": "Umeå"})
    clash = await send_json(purchases, "POST", "/v2/suppliers", {**body, "SupplierNumber": "2"})
    bad_iban = await send_json(purchases, "POST", "/v2/suppliers", {**body, "BankIban": "not an iban"})
    nameless = await send_json(purchases, "POST", "/v2/suppliers", {"TermsOfPaymentId": terms_of_payment_id(30)})

    assert created.status_code == 201, created.text
    assert (supplier["SupplierNumber"], supplier["CountryCode"], supplier["CurrencyCode"]) == ("4", "SE", "SEK")
    assert supplier["UnpaidInvoicesAmount"] == 0
    assert fetched == supplier
    assert replaced.status_code == 200, replaced.text
    assert (decode(replaced)["City"], decode(replaced)["SupplierNumber"]) == ("Umeå", "4")
    assert (clash.status_code, clash.json()["ErrorCode"]) == (400, 4000)
    assert bad_iban.json()["Errors"][0]["Field"] == "BankIban"
    assert nameless.json()["Errors"][0]["Message"] == "The Name field is required."


async def test_demo_supplier_invoices_are_dated_by_the_clock(purchases: httpx.AsyncClient) -> None:
    invoices = decode(await purchases.get("/v2/supplierinvoices"))["Data"]
    this_month = decode(await purchases.get("/v2/supplierinvoices", params={"$filter": "InvoiceDate ge 2025-03-01"}))

    assert [i["InvoiceDate"] for i in invoices] == [
        "2025-02-15T00:00:00Z",
        "2025-03-01T00:00:00Z",
        "2025-03-01T00:00:00Z",
        "2025-03-01T00:00:00Z",
    ]
    assert this_month["Meta"]["TotalNumberOfResults"] == 3
    big = next(i for i in invoices if i["InvoiceNumber"] == "BS-4471")
    assert (big["SupplierName"], big["TotalAmount"], big["PaymentStatus"]) == ("Byggmaterial Syd AB", 12500, 3)
    assert [(r["AccountNumber"], r["DebetAmount"], r["CreditAmount"], r["CostCenterItemId2"]) for r in big["Rows"]] == [
        (4010, Decimal("10000.00"), 0, NORDVIK),
        (2641, Decimal("2500.00"), 0, None),
        (2440, 0, Decimal("12500.00"), None),
    ]
    assert big["VoucherNumber"] and big["Number"] > 0
    assert "DebitAmount" not in big["Rows"][0]


async def test_demo_invoices_follow_a_later_clock() -> None:
    clock = FakeClock()
    clock.advance(days=40)  # 2025-04-10
    emulator = build_emulator("demo", clock=clock)
    async with asgi_client(emulator.app) as client:
        client.headers.update(bearer(await obtain_tokens(client, scope=PURCHASE_SCOPE)))
        page = decode(await client.get("/v2/supplierinvoices", params={"$orderby": "InvoiceDate"}))

    assert [i["InvoiceDate"][:10] for i in page["Data"]] == ["2025-03-15", "2025-04-01", "2025-04-05", "2025-04-10"]


async def test_a_balanced_invoice_is_booked_with_its_rows(purchases: httpx.AsyncClient, clock: FakeClock) -> None:
    clock.advance(minutes=3)
    rows = [
        row(4010, debit="800.00", CostCenterItemId2=NORDVIK, TransactionText="Skruv"),
        row(2641, debit="200.00"),
        row(2440, credit="1000.00"),
    ]

    created = await send_json(purchases, "POST", "/v2/supplierinvoices", invoice_body(rows, "1000.00"))
    invoice = decode(created)
    fetched = decode(await purchases.get(f"/v2/supplierinvoices/{invoice['Id']}"))
    since = decode(
        await purchases.get("/v2/supplierinvoices", params={"$filter": "ModifiedUtc gt 2025-03-01T12:01:00Z"})
    )

    assert created.status_code == 201, created.text
    assert fetched == invoice
    assert (invoice["Vat"], invoice["RemainingAmount"], invoice["Status"]) == (Decimal("200.00"), 1000, 1)
    assert (invoice["DueDate"], invoice["ModifiedUtc"]) == ("2025-03-29T00:00:00Z", "2025-03-01T12:03:00Z")
    assert [r["AccountName"] for r in invoice["Rows"]] == [
        "Inköp material och varor",
        "Debiterad ingående moms",
        "Leverantörsskulder",
    ]
    assert invoice["Rows"][0]["TransactionText"] == "Skruv"
    assert [i["InvoiceNumber"] for i in since["Data"]] == ["BS-9001"]


async def test_without_a_debt_row_the_emulator_books_it(purchases: httpx.AsyncClient) -> None:
    rows = [row(6110, debit="400.00"), row(2641, debit="100.00")]

    invoice = decode(await send_json(purchases, "POST", "/v2/supplierinvoices", invoice_body(rows, "500.00")))

    assert [(r["AccountNumber"], r["CreditAmount"]) for r in invoice["Rows"]] == [(6110, 0), (2641, 0), (2440, 500)]


@pytest.mark.parametrize(
    ("rows", "total"),
    [
        ([row(4010, debit="800.00"), row(2641, debit="200.00"), row(2440, credit="1000.00")], "1000.01"),
        ([row(4010, debit="800.00"), row(2641, debit="200.00"), row(2440, credit="900.00")], "900.00"),
        ([row(4010, debit="800.00")], "1000.00"),
    ],
)
async def test_rows_that_do_not_balance_are_4032(
    purchases: httpx.AsyncClient, rows: list[dict[str, Any]], total: str
) -> None:
    before = decode(await purchases.get("/v2/supplierinvoices"))["Meta"]["TotalNumberOfResults"]

    refused = await send_json(purchases, "POST", "/v2/supplierinvoices", invoice_body(rows, total))

    assert (refused.status_code, refused.json()["ErrorCode"]) == (400, 4032)
    after = decode(await purchases.get("/v2/supplierinvoices"))["Meta"]["TotalNumberOfResults"]
    assert after == before


async def test_supplier_invoice_row_rules(purchases: httpx.AsyncClient) -> None:
    item = decode(
        await purchases.post("/v2/costcenteritems", json=cost_center_item_body(ShortName="2098", IsActive=False))
    )
    balanced = [row(2641, debit="200.00"), row(2440, credit="1000.00")]

    inactive = [row(4010, debit="800.00", CostCenterItemId2=item["Id"]), *balanced]
    three_decimals = [row(4010, debit="800.005"), *balanced]
    no_account = [{"DebetAmount": Decimal("800.00")}, *balanced]
    answers = [
        await send_json(purchases, "POST", "/v2/supplierinvoices", invoice_body(rows, "1000.00"))
        for rows in (inactive, three_decimals, no_account)
    ]
    unknown_supplier = await send_json(
        purchases, "POST", "/v2/supplierinvoices", invoice_body(balanced, "1000.00", SupplierId=str(uuid.uuid4()))
    )

    assert [(a.status_code, a.json()["ErrorCode"]) for a in answers] == [(400, 5006), (400, 2000), (400, 2000)]
    assert answers[1].json()["Errors"][0]["Field"] == "Rows[0].DebetAmount"
    assert (unknown_supplier.status_code, unknown_supplier.json()["ErrorCode"]) == (400, 3000)
