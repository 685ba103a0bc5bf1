"""The in-memory eEkonomi fake extended with sales invoices and the purchase side.

Adds customer invoice drafts (create, replace, delete, convert), booked customer invoices with payments,
bank accounts, suppliers and booked supplier invoices to :class:`FakeCatalogEEkonomi`. ``$filter`` is
evaluated with the emulator's OData parser over the spec's property names, so the client's filter
text is parsed as a server would. Requests and answers are both checked against the spec.

Assumptions of this fake (unverified against the live API, like the emulator's): ``TotalAmount``
includes VAT, so an unpaid invoice has ``RemainingAmount == TotalAmount``; an inactive article on a
draft row answers 409, as the original integration logged it ("(409) Conflict").
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx

from brygga.http import jsonio
from brygga_emulators.eekonomi.odata import QueryError, parse_filter
from tests.support.spec_loading import eekonomi_spec

from .fakes import TERMS_ID, customer_row, error_response
from .fakes_catalog import CREATED, WRITTEN, FakeCatalogEEkonomi, demo_id

TODAY = "2025-03-01T00:00:00Z"  # the fake's "today": a convert without keepOriginalDraftDate dates the invoice so
CENT = Decimal("0.01")

# What a booked invoice (and its rows) takes over from the draft: the names both schemas share.
_BOOKED_FROM_DRAFT: tuple[str, ...] = (
    "CustomerId", "EuThirdParty", "RotReducedInvoicingType", "IsCreditInvoice", "YourReference", "OurReference",
    "ContractNumber", "InvoiceAddress1", "InvoicePostalCode", "InvoiceCity", "InvoiceCountryCode", "CustomerNumber",
    "CustomerName", "InvoiceCustomerName", "TotalAmount", "TotalVatAmount", "TotalRoundings",
)  # fmt: skip
_BOOKED_ROW_FROM_DRAFT_ROW: tuple[str, ...] = (
    "Id", "ArticleId", "ArticleNumber", "IsServiceArticle", "LineNumber", "IsTextRow", "Text", "UnitPrice", "Quantity",
    "DiscountPercentage", "CostCenterItemId1", "CostCenterItemId2", "CostCenterItemId3", "UnitId", "VatRate", "Amount",
)  # fmt: skip

RestHandler = Callable[[httpx.Request, list[str]], httpx.Response]
Row = dict[str, Any]


def _json(status: int, body: Any) -> httpx.Response:
    return httpx.Response(status, content=jsonio.dumps(body), headers={"Content-Type": "application/json"})


def _spec_fields(schema: str) -> frozenset[str]:
    return frozenset(eekonomi_spec()["components"]["schemas"][schema]["properties"])


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def invoice_customer(number: str, name: str, currency: str = "SEK", **more: Any) -> Row:
    row = customer_row(number, name)
    return {**row, "Id": demo_id("customer", number), "CurrencyCode": currency, **more}


BANK_ACCOUNTS: list[Row] = [
    {
        "Id": demo_id("bank", "1930"),
        "Name": "Företagskonto",
        "BankAccountType": 1,
        "BankAccountTypeDescription": "Checkkonto",
        "LedgerAccountNumber": 1930,
        "Iban": "SE4550000000058398257466",
        "IsActive": True,
        "IsDefaultChequeAccount": True,
        "CurrencyCode": "SEK",
        "ModifiedUtc": CREATED,
        "Balance": {"Balance": Decimal("125000.00"), "Date": CREATED},
    },
    {
        "Id": demo_id("bank", "1910"),
        "Name": "Kassa",
        "BankAccountType": 2,
        "LedgerAccountNumber": 1910,
        "IsActive": True,
        "IsDefaultChequeAccount": False,
        "CurrencyCode": "SEK",
        "ModifiedUtc": CREATED,
    },
]


def _supplier(number: str, name: str) -> Row:
    return {
        "Id": demo_id("supplier", number),
        "SupplierNumber": number,
        "Name": name,
        "TermsOfPaymentId": TERMS_ID,
        "City": "Malmö",
        "IsActive": True,
        "CreatedUtc": CREATED,
        "ModifiedUtc": CREATED,
    }


SUPPLIERS = [
    _supplier("1", "Kontorsgiganten AB"),
    _supplier("2", "Hyrbilar Norr AB"),
    _supplier("3", "Byggmaterial Syd AB"),
]
_ACCOUNT_NAMES = {4010: "Inköp material och varor", 2641: "Debiterad ingående moms", 2440: "Leverantörsskulder"}


def ledger_row(account: int, debit: str = "0.00", credit: str = "0.00", item: str | None = None) -> Row:
    """A supplier-invoice row as the client sends it (``item``: the ShortName of a cost center item)."""
    row: Row = {"AccountNumber": account, "DebetAmount": Decimal(debit), "CreditAmount": Decimal(credit)}
    if item is not None:
        row["CostCenterItemId2"] = demo_id("item", item)
    return row


def _supplier_invoice(key: str, supplier: str, day: str, total: str, vat: str, cost_rows: list[Row]) -> Row:
    rows = [*cost_rows, ledger_row(2641, debit=vat), ledger_row(2440, credit=total)]
    return {
        "Id": demo_id("supplierinvoice", key),
        "SupplierId": demo_id("supplier", supplier),
        "InvoiceNumber": key,
        "InvoiceDate": f"{day}T00:00:00Z",
        "DueDate": f"{date.fromisoformat(day) + timedelta(days=30)}T00:00:00Z",
        "TotalAmount": Decimal(total),
        "Vat": Decimal(vat),
        "IsCreditInvoice": False,
        "CurrencyCode": "SEK",
        "Rows": rows,
    }


def demo_supplier_invoices() -> list[Row]:
    return [
        _supplier_invoice(
            "BS-881", "3", "2025-02-10", "12500.00", "2500.00", [ledger_row(4010, "10000.00", item="2003")]
        ),
        _supplier_invoice(
            "KG-4711",
            "1",
            "2025-02-20",
            "1875.00",
            "375.00",
            [ledger_row(4010, "1000.00", item="2003"), ledger_row(4010, "500.00", item="2004")],
        ),
        _supplier_invoice("HN-17", "2", "2025-02-28", "3750.00", "750.00", [ledger_row(4010, "3000.00")]),
        _supplier_invoice("BS-870", "3", "2025-01-31", "625.00", "125.00", [ledger_row(4010, "500.00", item="2004")]),
    ]


class FakeInvoicingEEkonomi(FakeCatalogEEkonomi):
    """``unfilterable`` names properties whose ``$filter`` the fake refuses (ErrorCode 6000), as eEk does
    for properties it cannot filter on."""

    def __init__(self, *, unfilterable: frozenset[str] = frozenset()) -> None:
        super().__init__()
        for customer in (
            invoice_customer("1001", "Nordvik Bygg AB", InvoiceAddress1="Storgatan 1"),
            invoice_customer("1006", "Helsingin Rakennus Oy", "EUR", InvoiceCity="Helsinki"),
        ):
            self.customers[customer["Id"]] = customer
        self.unfilterable = unfilterable
        self.drafts: dict[str, Row] = {}
        self.invoices: dict[str, Row] = {}
        self.payments: list[Row] = []
        self.bank_accounts = BANK_ACCOUNTS
        self.suppliers = {row["Id"]: dict(row) for row in SUPPLIERS}
        self.supplier_invoices: dict[str, Row] = {}
        self.next_invoice_number = 10001
        self._rest_handlers: dict[str, RestHandler] = {
            "customerinvoicedrafts": self._drafts_route,
            "customerinvoices": self._invoices_route,
            "bankaccounts": self._bank_accounts_route,
            "suppliers": self._suppliers_route,
            "supplierinvoices": self._supplier_invoices_route,
        }
        for seeded in demo_supplier_invoices():
            self._store_supplier_invoice(seeded, seeded["Id"], CREATED)

    def _route(self, request: httpx.Request) -> httpx.Response:
        _, _, resource, *rest = request.url.path.split("/")
        handler = self._rest_handlers.get(resource)
        if handler is None:
            return super()._route(request)
        return handler(request, rest)

    def _filtered(self, request: httpx.Request, rows: list[Row], schema: str) -> httpx.Response:
        text = request.url.params.get("$filter")
        if not text:
            return self._page(request, rows)
        refused = sorted(name for name in self.unfilterable if name in text)
        if refused:
            return error_response(400, 6000, f"QueryParameterError - Unfilterable property: {refused[0]}")
        fields = _spec_fields(schema)
        datetime_fields = {name for name in fields if name.endswith(("Utc", "Date"))}
        try:
            condition = parse_filter(text, fields, datetime_fields)
            return self._page(request, [row for row in rows if condition.matches(row)])
        except QueryError as exc:
            return error_response(400, exc.code, str(exc))

    # drafts ------------------------------------------------------------------------------------------
    def _drafts_route(self, request: httpx.Request, rest: list[str]) -> httpx.Response:
        if not rest:
            if request.method == "POST":
                return self._store_draft(jsonio.loads(request.content), str(uuid.uuid4()), WRITTEN, 201)
            return self._filtered(request, list(self.drafts.values()), "CustomerInvoiceDraftApi")
        draft = self.drafts.get(rest[0])
        if draft is None:
            return error_response(404, 3000, "ResourceNotFound")
        if rest[1:] == ["convert"]:
            return self._convert(request, draft)
        if request.method == "DELETE":
            del self.drafts[rest[0]]
            return httpx.Response(200)
        if request.method == "PUT":
            return self._store_draft(jsonio.loads(request.content), rest[0], draft["CreatedUtc"], 200)
        return _json(200, draft)

    def _store_draft(self, body: Row, draft_id: str, created: str, status: int) -> httpx.Response:
        customer = self.customers.get(body["CustomerId"])
        if customer is None:
            return error_response(400, 3000, "ResourceNotFound - Customer not found.")
        if len(body.get("YourReference") or "") > 100:
            return error_response(
                400, 2000, "The field YourReference must be a string or array type with a maximum length of '100'."
            )
        rows: list[Row] = []
        for line, sent in enumerate(body.get("Rows") or [], start=1):
            row = self._draft_row(sent, line)
            if isinstance(row, httpx.Response):
                return row
            rows.append(row)
        net = sum((row["Amount"] for row in rows), Decimal("0.00"))
        vat = sum((_cents(row["Amount"] * (row["VatRate"] or 0)) for row in rows), Decimal("0.00"))
        draft = {
            **body,
            "Id": draft_id,
            "CreatedUtc": created,
            "Rows": rows,
            "InvoiceCustomerName": customer["Name"],
            "InvoiceAddress1": body.get("InvoiceAddress1") or customer.get("InvoiceAddress1"),
            "InvoicePostalCode": customer["InvoicePostalCode"],
            "InvoiceCity": customer["InvoiceCity"],
            "InvoiceCountryCode": "SE",
            "InvoiceCurrencyCode": customer["CurrencyCode"],
            "CustomerNumber": customer["CustomerNumber"],
            "CustomerName": customer["Name"],
            "CustomerIsPrivatePerson": False,
            "IncludesVat": False,
            "TotalAmount": net + vat,
            "TotalVatAmount": vat,
            "TotalRoundings": Decimal("0.00"),
        }
        self.drafts[draft_id] = draft
        return _json(status, draft)

    def _draft_row(self, sent: Row, line: int) -> Row | httpx.Response:
        row = {**sent, "Id": sent.get("Id") or str(uuid.uuid4()), "LineNumber": line}
        if sent["IsTextRow"]:
            return {**row, "VatRate": None, "Amount": Decimal("0.00")}
        article = self.articles.get(sent.get("ArticleId") or "")
        if article is None:
            return error_response(400, 3000, "ResourceNotFound - Article not found.")
        if not article["IsActive"]:
            return error_response(409, 4000, f"Conflict - The article {article['Number']} is inactive.")
        coding = next(coding for coding in self.codings if coding["Id"] == article["CodingId"])
        gross = Decimal(sent.get("Quantity", 0)) * Decimal(sent.get("UnitPrice", 0))
        discount = Decimal(sent.get("DiscountPercentage", 0))
        return {
            **row,
            "ArticleNumber": article["Number"],
            "Text": sent.get("Text") or article["Name"],
            "IsServiceArticle": article["IsServiceArticle"],
            "UnitId": article["UnitId"],
            "VatRate": coding["VatRatePercent"],
            "Amount": _cents(gross * (1 - discount)),
        }

    def _convert(self, request: httpx.Request, draft: Row) -> httpx.Response:
        expected = jsonio.loads(request.content) if request.content else {}
        wanted = expected.get("TotalAmountInvoiceCurrency")
        if wanted is not None and wanted != draft["TotalAmount"]:
            return error_response(
                400, 2000, f"TotalAmountInvoiceCurrency {wanted} differs from {draft['TotalAmount']}."
            )
        keep = request.url.params.get("keepOriginalDraftDate") == "true"
        invoice_date = str(draft.get("InvoiceDate") or TODAY) if keep else TODAY
        invoice = self._booked(draft, invoice_date)
        del self.drafts[draft["Id"]]
        self.invoices[invoice["Id"]] = invoice
        return _json(201, invoice)

    def _booked(self, draft: Row, invoice_date: str) -> Row:
        number = self.next_invoice_number
        self.next_invoice_number += 1
        return {
            **{name: draft[name] for name in _BOOKED_FROM_DRAFT if name in draft},
            "Id": str(uuid.uuid4()),
            "InvoiceNumber": number,
            "CurrencyCode": draft["InvoiceCurrencyCode"],
            "InvoiceDate": invoice_date,
            "DueDate": f"{datetime.fromisoformat(invoice_date).date() + timedelta(days=30)}T00:00:00Z",
            "TermsOfPaymentId": TERMS_ID,
            "TotalAmountInvoiceCurrency": draft["TotalAmount"],
            "TotalVatAmountInvoiceCurrency": draft["TotalVatAmount"],
            "RemainingAmount": draft["TotalAmount"],
            "RemainingAmountInvoiceCurrency": draft["TotalAmount"],
            "PaymentStatus": 1,
            "CreatedFromDraftId": draft["Id"],
            "VoucherNumber": f"B {number - 10000}",
            "VoucherId": str(uuid.uuid4()),
            "CreatedUtc": WRITTEN,
            "ModifiedUtc": WRITTEN,
            "Rows": [self._booked_row(row) for row in draft["Rows"]],
        }

    @staticmethod
    def _booked_row(row: Row) -> Row:
        booked = {name: row[name] for name in _BOOKED_ROW_FROM_DRAFT_ROW if name in row}
        return {**booked, "AmountNoVat": row["Amount"], "PercentVat": row["VatRate"] or Decimal(0)}

    # booked customer invoices and payments --------------------------------------------------------------
    def _invoices_route(self, request: httpx.Request, rest: list[str]) -> httpx.Response:
        if not rest:
            rows = list(self.invoices.values())
            since = request.url.params.get("modifiedSinceUtc")
            if since is not None:
                cursor = datetime.fromisoformat(since)
                rows = [row for row in rows if datetime.fromisoformat(row["ModifiedUtc"]) > cursor]
            return self._filtered(request, rows, "CustomerInvoiceApi")
        invoice = self.invoices.get(rest[0])
        if invoice is None:
            return error_response(404, 3000, "ResourceNotFound")
        if rest[1:] == ["payments"]:
            return self._pay(invoice, jsonio.loads(request.content))
        return _json(200, invoice)

    def _pay(self, invoice: Row, payment: Row) -> httpx.Response:
        if payment["CompanyBankAccountId"] not in {account["Id"] for account in self.bank_accounts}:
            return error_response(400, 3000, "ResourceNotFound - Bank account not found.")
        remaining = invoice["RemainingAmountInvoiceCurrency"] - payment["PaymentAmount"]
        if remaining < 0:
            return error_response(400, 2000, "PaymentAmount is larger than the remaining amount.")
        invoice.update(RemainingAmount=remaining, RemainingAmountInvoiceCurrency=remaining, ModifiedUtc=TODAY)
        if remaining == 0:
            invoice.update(PaymentStatus=0, PaymentDate=payment.get("PaymentDate", TODAY))
        stored = {**payment, "BankTransactionId": str(uuid.uuid4())}
        self.payments.append(stored)
        return _json(201, stored)

    # purchase side ----------------------------------------------------------------------------------
    def _bank_accounts_route(self, request: httpx.Request, rest: list[str]) -> httpx.Response:
        if not rest:
            return self._filtered(request, self.bank_accounts, "BankAccountApi")
        account = next((row for row in self.bank_accounts if row["Id"] == rest[0]), None)
        return _json(200, account) if account else error_response(404, 3000, "ResourceNotFound")

    def _suppliers_route(self, request: httpx.Request, rest: list[str]) -> httpx.Response:
        if rest:
            supplier = self.suppliers.get(rest[0])
            return _json(200, supplier) if supplier else error_response(404, 3000, "ResourceNotFound")
        if request.method == "GET":
            return self._filtered(request, list(self.suppliers.values()), "SupplierApi")
        body = jsonio.loads(request.content)
        number = body.get("SupplierNumber") or str(len(self.suppliers) + 1)
        if any(row["SupplierNumber"] == number for row in self.suppliers.values()):
            return error_response(400, 4000, "Conflict - A supplier with this number already exists.")
        supplier = {**body, "Id": str(uuid.uuid4()), "SupplierNumber": number, "CreatedUtc": WRITTEN}
        self.suppliers[supplier["Id"]] = {**supplier, "ModifiedUtc": WRITTEN}
        return _json(201, self.suppliers[supplier["Id"]])

    def _supplier_invoices_route(self, request: httpx.Request, rest: list[str]) -> httpx.Response:
        if rest:
            invoice = self.supplier_invoices.get(rest[0])
            return _json(200, invoice) if invoice else error_response(404, 3000, "ResourceNotFound")
        if request.method == "GET":
            return self._filtered(request, list(self.supplier_invoices.values()), "SupplierInvoiceApi")
        return self._store_supplier_invoice(jsonio.loads(request.content), str(uuid.uuid4()), WRITTEN)

    def _store_supplier_invoice(self, body: Row, invoice_id: str, created: str) -> httpx.Response:
        rows = body.get("Rows") or []
        debit = sum((Decimal(row.get("DebetAmount", 0)) for row in rows), Decimal(0))
        credit = sum((Decimal(row.get("CreditAmount", 0)) for row in rows), Decimal(0))
        if debit != credit or credit != body["TotalAmount"]:
            return error_response(400, 4032, "SupplierInvoiceDoesntBalance")
        supplier = self.suppliers[body["SupplierId"]]
        number = len(self.supplier_invoices) + 1
        invoice = {
            **body,
            "Id": invoice_id,
            "SupplierName": supplier["Name"],
            "SupplierNumber": supplier["SupplierNumber"],
            "Number": number,
            "VoucherNumber": f"C {number}",
            "VoucherId": demo_id("voucher", invoice_id),
            "Status": 1,
            "PaymentStatus": 3,
            "RemainingAmount": body["TotalAmount"],
            "CreatedUtc": created,
            "ModifiedUtc": created,
            "Rows": [self._stored_ledger_row(row, line) for line, row in enumerate(rows, start=1)],
        }
        self.supplier_invoices[invoice_id] = invoice
        return _json(201, invoice)

    @staticmethod
    def _stored_ledger_row(row: Row, line: int) -> Row:
        defaults = {"DebetAmount": Decimal("0.00"), "CreditAmount": Decimal("0.00")}
        return {
            **defaults,
            **row,
            "Id": str(uuid.uuid4()),
            "LineNumber": line,
            "AccountName": _ACCOUNT_NAMES.get(row["AccountNumber"], "Konto"),
        }
