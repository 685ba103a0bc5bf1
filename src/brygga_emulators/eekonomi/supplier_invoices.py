"""Booked supplier invoices (``POST /supplierinvoices``): ``SupplierInvoiceApi`` documents.

The invoice is booked on creation: it gets the next ``Number``, a voucher in the supplier-invoice series
and ``PaymentStatus`` 3 (Unpaid). Rows are accounting rows (``DebetAmount`` sic / ``CreditAmount``,
``CostCenterItemId1..3``, ``TransactionText``). The balance rule (ErrorCode 4032 SupplierInvoiceDoesntBalance):

* with a row on the supplier-debt account 2440, all rows must balance (Σ debit = Σ credit) and the
  2440 rows must carry ``TotalAmount`` (credit − debit);
* without one, the other rows must sum to ``TotalAmount`` (debit − credit) and the emulator books the
  2440 row itself, as the real API completes the voucher.

``Vat`` defaults to the net debit on the input-VAT accounts 2640–2649. ``InvoiceDate`` defaults to today,
``DueDate`` to the invoice date plus the supplier's terms.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from .accounts import SUPPLIER_DEBT_ACCOUNT, VAT_ACCOUNTS, account_name
from .bank_accounts import default_bank_account_id
from .clock import Clock, format_utc, parse_utc
from .cost_center_refs import check_cost_center_items
from .currency_rates import rate_to_company_currency
from .invoice_totals import round_ore
from .numbering import SUPPLIER_INVOICE_SERIES, take_number
from .problems import RESOURCE_NOT_FOUND, ApiProblem, FieldProblem, bad_request, not_found
from .purchase_fields import SUPPLIER_INVOICE_FIELDS, SUPPLIER_INVOICE_ROW_FIELDS
from .store import EekStore
from .validation import Kind, blank_document, validate_fields

__all__ = ["SUPPLIER_INVOICE_DATETIME_FIELDS", "SUPPLIER_INVOICE_FIELD_NAMES", "SupplierInvoiceBook"]

SUPPLIER_INVOICE_FIELD_NAMES = tuple(rule.name for rule in SUPPLIER_INVOICE_FIELDS)
SUPPLIER_INVOICE_DATETIME_FIELDS = frozenset(
    rule.name for rule in SUPPLIER_INVOICE_FIELDS if rule.kind is Kind.DATETIME
)

DOESNT_BALANCE = 4032
NORMAL = 1  # Status
UNPAID = 3  # PaymentStatus
FROM_API = 2  # SupplierInvoiceOrigin
_INVOICE_COUNTER = "SupplierInvoice"


class SupplierInvoiceBook:
    def __init__(self, store: EekStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def get(self, invoice_id: str) -> dict[str, Any]:
        try:
            doc = self._store.supplier_invoices.get(str(uuid.UUID(invoice_id)))
        except ValueError:
            doc = None  # a malformed id fails the route's {id:guid} constraint: 404
        if doc is None:
            raise not_found("SupplierInvoice")
        return doc

    def create(self, body: dict[str, Any], invoice_id: str | None = None) -> dict[str, Any]:
        """``invoice_id`` is for seeding demo data with stable ids; the API always makes a new one."""
        values, problems = validate_fields(body, SUPPLIER_INVOICE_FIELDS)
        if problems:
            raise bad_request(problems)
        supplier = self._supplier(values["SupplierId"])
        rows = [self._row(row, index) for index, row in enumerate(values.get("Rows") or [])]
        rows = _balanced(rows, values["TotalAmount"])
        doc = self._compose(invoice_id or str(uuid.uuid4()), values, supplier, rows)
        with self._store.atomic():
            doc["Number"] = take_number(self._store, _INVOICE_COUNTER)
            doc["VoucherNumber"] = f"{SUPPLIER_INVOICE_SERIES}{take_number(self._store, SUPPLIER_INVOICE_SERIES)}"
            self._store.supplier_invoices.put(doc["Id"], doc)
        return doc

    def _supplier(self, supplier_id: str) -> dict[str, Any]:
        supplier = self._store.suppliers.get(supplier_id)
        if supplier is None:
            message = f"ResourceNotFoundException - Supplier with id {supplier_id} was not found."
            raise ApiProblem(400, RESOURCE_NOT_FOUND, message)
        return supplier

    def _row(self, given: dict[str, Any], index: int) -> dict[str, Any]:
        if not given["AccountNumber"]:
            # Not required by the spec's schema, but a booked row without an account cannot exist.
            field = f"Rows[{index}].AccountNumber"
            raise bad_request([FieldProblem(field, "Required", "The AccountNumber field is required.")])
        check_cost_center_items(self._store, given, f"Rows[{index}].")
        row = {**given, "Id": str(uuid.uuid4()), "LineNumber": index}
        row["AccountName"] = account_name(int(row["AccountNumber"]))
        return row

    def _compose(
        self, invoice_id: str, values: dict[str, Any], supplier: dict[str, Any], rows: list[dict[str, Any]]
    ) -> dict[str, Any]:
        company = self._store.settings.get("company") or {}
        now = self._clock()
        invoice_date = parse_utc(values["InvoiceDate"]) if values.get("InvoiceDate") else _midnight(now)
        currency = values.get("CurrencyCode") or supplier["CurrencyCode"] or company.get("CurrencyCode")
        rate = values.get("CurrencyRate") or rate_to_company_currency(currency)
        total: Decimal = values["TotalAmount"]
        doc = blank_document(SUPPLIER_INVOICE_FIELDS)
        doc.update(OffsetInvoiceIds=[], Attachments=[], MessageThreads=[], Notes=[], SupplierInvoiceOrigin=FROM_API)
        doc.update(values)
        doc.update(
            Id=invoice_id,
            BankAccountId=supplier["PayFromBankAccountId"] or default_bank_account_id(),
            InvoiceDate=format_utc(invoice_date),
            DueDate=values.get("DueDate") or format_utc(invoice_date + timedelta(days=self._terms_days(supplier))),
            Vat=values["Vat"] if "Vat" in values else _input_vat(rows),
            CurrencyCode=currency,
            CurrencyRate=rate,
            CreatedUtc=format_utc(now),
            ModifiedUtc=format_utc(now),
            PlusGiroNumber=supplier["PlusgiroNumber"],
            BankGiroNumber=supplier["BankgiroNumber"],
            Rows=rows,
            SupplierName=supplier["Name"],
            SupplierNumber=supplier["SupplierNumber"],
            IsDomestic=supplier["CountryCode"] == company.get("CountryCode"),
            RemainingAmount=round_ore(total * rate),
            RemainingAmountInvoiceCurrency=total,
            NumberSeries=SUPPLIER_INVOICE_SERIES,
            VoucherId=str(uuid.uuid4()),
            SelfEmployedWithoutFixedAddress=supplier["SelfEmployedWithoutFixedAddress"],
            Status=NORMAL,
            PaymentStatus=UNPAID,
        )
        return doc

    def _terms_days(self, supplier: dict[str, Any]) -> int:
        terms = self._store.terms_of_payment.get(supplier["TermsOfPaymentId"]) or {}
        return int(terms.get("NumberOfDays") or 0)


def _balanced(rows: list[dict[str, Any]], total: Decimal) -> list[dict[str, Any]]:
    """The rows as booked, or the API's 4032 when they do not balance against ``total`` (see module doc)."""
    debt = [row for row in rows if row["AccountNumber"] == SUPPLIER_DEBT_ACCOUNT]
    debit = sum((row["DebetAmount"] for row in rows), Decimal(0))
    credit = sum((row["CreditAmount"] for row in rows), Decimal(0))
    if debt:
        owed = sum((row["CreditAmount"] - row["DebetAmount"] for row in debt), Decimal(0))
        if debit == credit and owed == total:
            return rows
    elif debit - credit == total:
        return [*rows, _debt_row(total, len(rows))]
    message = (
        f"SupplierInvoiceDoesntBalanceException - The rows (debit {debit}, credit {credit}) do not balance "
        f"against TotalAmount {total}."
    )
    raise ApiProblem(400, DOESNT_BALANCE, message)


def _debt_row(total: Decimal, line_number: int) -> dict[str, Any]:
    row = blank_document(SUPPLIER_INVOICE_ROW_FIELDS)
    row.update(
        Id=str(uuid.uuid4()),
        AccountNumber=SUPPLIER_DEBT_ACCOUNT,
        AccountName=account_name(SUPPLIER_DEBT_ACCOUNT),
        DebetAmount=max(-total, Decimal(0)),
        CreditAmount=max(total, Decimal(0)),
        LineNumber=line_number,
    )
    return row


def _input_vat(rows: list[dict[str, Any]]) -> Decimal:
    return sum(
        (row["DebetAmount"] - row["CreditAmount"] for row in rows if row["AccountNumber"] in VAT_ACCOUNTS), Decimal(0)
    )


def _midnight(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)
