"""Booking a draft into a ``CustomerInvoiceApi`` (``POST /customerinvoicedrafts/{id}/convert``).

* The invoice is numbered from the company's ``NextCustomerInvoiceNumber`` and gets a voucher in the
  customer-invoice series; ``CreatedFromDraftId`` names the draft, which is deleted.
* Invoice date: today, unless ``keepOriginalDraftDate`` (or the company's ``KeepOriginalDraftDate``
  without ``overrideCompanyKeepOriginalDraftDate``) keeps the draft's; a kept date in the future is
  refused (eaccounting-api.md §9.4). The due date moves with the invoice date.
* An optional ``CustomerInvoiceDraftValidationApi`` body must match the totals, row by LineNumber.
* Booked invoices are immutable except for what payments change (``invoice_payments``).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .clock import Clock, format_utc, parse_utc
from .currency_rates import rate_to_company_currency
from .invoice_drafts import DraftBook, due_date, normalise_id
from .invoice_fields import DRAFT_VALIDATION_FIELDS, INVOICE_FIELDS, INVOICE_ROW_FIELDS, field_names
from .invoice_totals import TaxedAmount, document_totals, round_ore
from .numbering import CUSTOMER_INVOICE_SERIES, take_invoice_number, take_number
from .problems import ApiProblem, FieldProblem, bad_request, not_found
from .store import EekStore
from .validation import Kind, blank_document, validate_fields

__all__ = ["FUTURE_DATE", "INVOICE_DATETIME_FIELDS", "INVOICE_FIELD_NAMES", "ConvertOptions", "InvoiceBook"]

INVOICE_FIELD_NAMES = field_names(INVOICE_FIELDS)
INVOICE_DATETIME_FIELDS = frozenset(rule.name for rule in INVOICE_FIELDS if rule.kind is Kind.DATETIME)
FUTURE_DATE = 4023  # FutureDateCannotBeSet

UNPAID = 1

# Header fields the invoice takes from the draft as they are.
_COPIED = (
    "EuThirdParty",
    "IsCreditInvoice",
    "CustomerId",
    "DeliveryDate",
    "RotReducedInvoicingType",
    "RotReducedInvoicingAmount",
    "RotReducedInvoicingPropertyName",
    "RotReducedInvoicingOrgNumber",
    "Persons",
    "ElectronicReference",
    "SubscriptionNumber",
    "ContractNumber",
    "OurReference",
    "YourReference",
    "BuyersOrderReference",
    "InvoiceCustomerName",
    "InvoiceAddress1",
    "InvoiceAddress2",
    "InvoicePostalCode",
    "InvoiceCity",
    "InvoiceCountryCode",
    "DeliveryCustomerName",
    "DeliveryAddress1",
    "DeliveryAddress2",
    "DeliveryPostalCode",
    "DeliveryCity",
    "DeliveryCountryCode",
    "DeliveryMethodName",
    "DeliveryTermName",
    "DeliveryMethodCode",
    "DeliveryTermCode",
    "CustomerIsPrivatePerson",
    "TermsOfPaymentId",
    "CustomerNumber",
    "CustomerName",
    "ReverseChargeOnConstructionServices",
    "IncludesVat",
    "UsesGreenTechnology",
    "IsDirectDebit",
    "ReplaceUnitPriceWhenZero",
    "BackgroundId",
    "ContributionMargin",
    "MaxAllowedTaxReductionAmount",
)


class ConvertOptions:
    """The convert call's query flags, read case-insensitively as ASP.NET binds them."""

    def __init__(self, params: Mapping[str, str]) -> None:
        lowered = {key.lower(): value.lower() for key, value in params.items()}
        self.keep_original_date = lowered.get("keeporiginaldraftdate") == "true"
        self.override_company = lowered.get("overridecompanykeeporiginaldraftdate") == "true"


class InvoiceBook:
    def __init__(self, store: EekStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._drafts = DraftBook(store, clock)

    def get(self, invoice_id: str) -> dict[str, Any]:
        doc = self._store.customer_invoices.get(normalise_id(invoice_id, "CustomerInvoice"))
        if doc is None:
            raise not_found("CustomerInvoice")
        return doc

    def convert(self, draft_id: str, expected: dict[str, Any] | None, options: ConvertOptions) -> dict[str, Any]:
        draft = self._drafts.get(draft_id)
        company = self._store.settings.get("company") or {}
        invoice_date, due = self._dates(draft, company, options)
        doc = self._compose(draft, company)
        if expected is not None:
            _check_expected(doc, expected)
        with self._store.atomic():
            now = format_utc(self._clock())
            number = take_invoice_number(self._store)
            doc.update(
                InvoiceNumber=number,
                InvoiceDate=invoice_date,
                DueDate=due,
                PaymentReferenceNumber=_ocr(number) if company.get("UsesPaymentReferenceNumber") else None,
                VoucherNumber=f"{CUSTOMER_INVOICE_SERIES}{take_number(self._store, CUSTOMER_INVOICE_SERIES)}",
                CreatedUtc=now,
                ModifiedUtc=now,
            )
            self._store.customer_invoices.put(doc["Id"], doc)
            self._store.customer_invoice_drafts.delete(draft["Id"])
        return doc

    def _dates(self, draft: dict[str, Any], company: dict[str, Any], options: ConvertOptions) -> tuple[str, str]:
        today = self._clock().replace(hour=0, minute=0, second=0, microsecond=0)
        keep = options.keep_original_date or (
            bool(company.get("KeepOriginalDraftDate")) and not options.override_company
        )
        if not keep:
            return format_utc(today), format_utc(due_date(self._store, draft["TermsOfPaymentId"], today))
        invoice_date = parse_utc(draft["InvoiceDate"])
        if invoice_date > today:
            message = (
                f"FutureDateCannotBeSetException - The invoice date {invoice_date.date().isoformat()} is in the "
                "future; a draft with a future invoice date cannot be converted."
            )
            raise ApiProblem(400, FUTURE_DATE, message)
        return draft["InvoiceDate"], draft["DueDate"]

    def _compose(self, draft: dict[str, Any], company: dict[str, Any]) -> dict[str, Any]:
        customer = self._store.customers.get(draft["CustomerId"]) or {}
        currency = draft["InvoiceCurrencyCode"] or company.get("CurrencyCode")
        rate = rate_to_company_currency(currency)
        doc = blank_document(INVOICE_FIELDS)
        doc.update({name: draft[name] for name in _COPIED})
        doc.update(_amounts(draft, currency, rate))
        doc.update(
            Id=str(uuid.uuid4()),
            CurrencyCode=currency,
            CurrencyRate=rate,
            Rows=[_invoice_row(row) for row in draft["Rows"]],
            VatSpecification=_vat_specification(draft, company),
            CustomerEmail=customer.get("EmailAddress"),
            ElectronicAddress=customer.get("ElectronicAddress"),
            CreatedFromDraftId=draft["Id"],
            VoucherId=str(uuid.uuid4()),
            PaymentStatus=UNPAID,
            SalesDocumentAttachments=[],
            MessageThreads=[],
            Notes=[],
            CreditedBy=[],
        )
        return doc


def _amounts(draft: dict[str, Any], currency: str | None, rate: Decimal) -> dict[str, Decimal]:
    total, vat, roundings = draft["TotalAmount"], draft["TotalVatAmount"], draft["TotalRoundings"]
    return {
        "TotalAmount": round_ore(total * rate),
        "TotalVatAmount": round_ore(vat * rate),
        "TotalRoundings": round_ore(roundings * rate),
        "TotalAmountInvoiceCurrency": total,
        "TotalVatAmountInvoiceCurrency": vat,
        "SetOffAmountInvoiceCurrency": Decimal(0),
        "RemainingAmount": round_ore(total * rate),
        "RemainingAmountInvoiceCurrency": total,
    }


def _invoice_row(row: dict[str, Any]) -> dict[str, Any]:
    doc = blank_document(INVOICE_ROW_FIELDS)
    doc.update({name: row[name] for name in doc if name in row})
    doc.update(
        Id=str(uuid.uuid4()),
        AmountNoVat=row["Amount"],
        PercentVat=row["VatRate"] if row["VatRate"] is not None else Decimal(0),
        IsVatFree=False,
        IsWorkCost=row["IsWorkCost"],
    )
    return doc


def _vat_specification(draft: dict[str, Any], company: dict[str, Any]) -> list[dict[str, Any]]:
    taxed = [TaxedAmount(row["Amount"], row["VatRate"]) for row in draft["Rows"] if not row["IsTextRow"]]
    per_rate = document_totals(taxed, round_to_krona=False).per_rate
    return [
        {"AmountInvoiceCurrency": amount, "VatAmountInvoiceCurrency": vat, "VatPercent": rate}
        for rate, (amount, vat) in per_rate.items()
    ]


def read_expected(body: dict[str, Any]) -> dict[str, Any]:
    values, problems = validate_fields(body, DRAFT_VALIDATION_FIELDS)
    if problems:
        raise bad_request(problems)
    return values


def _check_expected(invoice: dict[str, Any], expected: dict[str, Any]) -> None:
    """The client's ``CustomerInvoiceDraftValidationApi`` against what booking would produce."""
    problems = [
        _mismatch(name, expected.get(name), invoice[field])
        for name, field in (
            ("TotalAmountInvoiceCurrency", "TotalAmountInvoiceCurrency"),
            ("TotalVatAmountInvoiceCurrency", "TotalVatAmountInvoiceCurrency"),
            ("TotalRoundingsInvoiceCurrency", "TotalRoundings"),
        )
    ]
    rows = {row["LineNumber"]: row for row in invoice["Rows"]}
    for index, wanted in enumerate(expected.get("Rows") or []):
        problems.extend(_row_mismatches(index, wanted, rows.get(wanted["LineNumber"])))
    found = [problem for problem in problems if problem is not None]
    if found:
        raise bad_request(found)


def _row_mismatches(index: int, wanted: dict[str, Any], row: dict[str, Any] | None) -> list[FieldProblem | None]:
    path = f"Rows[{index}]."
    if row is None:
        message = f"The draft has no row with LineNumber {wanted['LineNumber']}."
        return [FieldProblem(path + "LineNumber", "ValidationMismatch", message)]
    vat = round_ore(row["Amount"] * (row["VatRate"] or 0))
    return [
        _mismatch(path + "TotalAmountNoVatInvoiceCurrency", wanted["TotalAmountNoVatInvoiceCurrency"], row["Amount"]),
        _mismatch(
            path + "TotalAmountIncVatInvoiceCurrency", wanted["TotalAmountIncVatInvoiceCurrency"], row["Amount"] + vat
        ),
    ]


def _mismatch(name: str, wanted: Decimal | None, actual: Decimal) -> FieldProblem | None:
    if wanted is None or Decimal(wanted) == actual:
        return None
    message = f"The validation of {name} failed: expected {wanted}, the invoice would have {actual}."
    return FieldProblem(name, "ValidationMismatch", message)


def _ocr(number: int) -> str:
    """A Swedish OCR reference: the invoice number followed by its Luhn (modulus 10) check digit."""
    digits = [int(digit) for digit in str(number)]
    total = 0
    for position, digit in enumerate(reversed(digits)):
        doubled = digit * 2 if position % 2 == 0 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return f"{number}{(10 - total % 10) % 10}"
