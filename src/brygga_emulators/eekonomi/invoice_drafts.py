"""Customer invoice drafts: create, replace and delete ``CustomerInvoiceDraftApi`` documents.

The header's customer fields are copied from the customer (``InvoiceAddress1/2`` only when the request
leaves them null, ``Delivery*`` likewise); ``TermsOfPaymentId`` overrides the customer's terms; rows
are completed by ``invoice_rows`` and the totals by ``invoice_totals``. At least one row must name an
article (eaccounting-api.md §9.3). Stored documents are complete, so GET answers what was stored.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from .clock import Clock, format_utc, parse_utc
from .currency_rates import rate_to_company_currency
from .invoice_fields import DRAFT_FIELDS, field_names
from .invoice_rows import RowContext, complete_row
from .invoice_totals import TaxedAmount, document_totals, round_ore
from .problems import RESOURCE_NOT_FOUND, ApiProblem, FieldProblem, bad_request, not_found
from .store import EekStore
from .validation import Kind, blank_document, validate_fields

__all__ = ["DRAFT_DATETIME_FIELDS", "DRAFT_FIELD_NAMES", "DraftBook", "draft_totals", "normalise_id"]

DRAFT_FIELD_NAMES = field_names(DRAFT_FIELDS)
DRAFT_DATETIME_FIELDS = frozenset(rule.name for rule in DRAFT_FIELDS if rule.kind is Kind.DATETIME)

NO_ARTICLE_MESSAGE = "When creating a customer invoice, at least one row must include an article ID."

# Filled from the customer whenever the request leaves them null.
_FROM_CUSTOMER_UNLESS_GIVEN = (
    "InvoiceAddress1",
    "InvoiceAddress2",
    "DeliveryCustomerName",
    "DeliveryAddress1",
    "DeliveryAddress2",
    "DeliveryPostalCode",
    "DeliveryCity",
    "DeliveryCountryCode",
)


class DraftBook:
    def __init__(self, store: EekStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def get(self, draft_id: str) -> dict[str, Any]:
        doc = self._store.customer_invoice_drafts.get(normalise_id(draft_id, "CustomerInvoiceDraft"))
        if doc is None:
            raise not_found("CustomerInvoiceDraft")
        return doc

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        doc = self._compose(str(uuid.uuid4()), body, created=format_utc(self._clock()))
        self._store.customer_invoice_drafts.put(doc["Id"], doc)
        return doc

    def replace(self, draft_id: str, body: dict[str, Any]) -> dict[str, Any]:
        previous = self.get(draft_id)
        doc = self._compose(previous["Id"], body, created=previous["CreatedUtc"])
        self._store.customer_invoice_drafts.put(doc["Id"], doc)
        return doc

    def delete(self, draft_id: str) -> None:
        if not self._store.customer_invoice_drafts.delete(normalise_id(draft_id, "CustomerInvoiceDraft")):
            raise not_found("CustomerInvoiceDraft")

    def _compose(self, draft_id: str, body: dict[str, Any], created: str | None) -> dict[str, Any]:
        values, problems = validate_fields(body, DRAFT_FIELDS)
        if problems:
            raise bad_request(problems)
        customer = self._customer(values["CustomerId"])
        company = self._store.settings.get("company") or {}
        doc = blank_document(DRAFT_FIELDS)
        doc.update(SalesDocumentAttachments=[], MessageThreads=[], Notes=[])
        doc.update(values)
        doc.update(_customer_fields(customer, values))
        doc["Id"], doc["CreatedUtc"] = draft_id, created
        doc["TermsOfPaymentId"] = self._terms_id(values.get("TermsOfPaymentId") or customer["TermsOfPaymentId"])
        self._dates(doc)
        context = RowContext(foreign=_is_foreign(customer, company), replace_zero_price=doc["ReplaceUnitPriceWhenZero"])
        doc["Rows"] = [
            complete_row(self._store, row, index, context) for index, row in enumerate(values.get("Rows") or [])
        ]
        if not any(row["ArticleId"] for row in doc["Rows"]):
            raise bad_request([FieldProblem("Rows", "ArticleRequired", NO_ARTICLE_MESSAGE)])
        doc.update(draft_totals(doc, company))
        doc["ContributionMargin"] = {"Amount": None, "Percentage": None}
        return doc

    def _customer(self, customer_id: str) -> dict[str, Any]:
        customer = self._store.customers.get(customer_id)
        if customer is None:
            message = f"ResourceNotFoundException - Customer with id {customer_id} was not found."
            raise ApiProblem(400, RESOURCE_NOT_FOUND, message)
        return customer

    def _terms_id(self, terms_id: str) -> str:
        terms = self._store.terms_of_payment.get(terms_id)
        if terms is None or not terms["AvailableForSales"]:
            message = f"ResourceNotFoundException - TermsOfPayment with id {terms_id} was not found."
            raise ApiProblem(400, RESOURCE_NOT_FOUND, message)
        return terms_id

    def _dates(self, doc: dict[str, Any]) -> None:
        """An undated draft is dated today; an open due date follows from the terms of payment."""
        today = self._clock().replace(hour=0, minute=0, second=0, microsecond=0)
        invoice_date = parse_utc(doc["InvoiceDate"]) if doc["InvoiceDate"] else today
        doc["InvoiceDate"] = format_utc(invoice_date)
        if doc["DueDate"] is None:
            doc["DueDate"] = format_utc(due_date(self._store, doc["TermsOfPaymentId"], invoice_date))


def due_date(store: EekStore, terms_id: str, invoice_date: datetime) -> datetime:
    terms = store.terms_of_payment.get(terms_id) or {}
    return invoice_date + timedelta(days=int(terms.get("NumberOfDays") or 0))


def draft_totals(doc: dict[str, Any], company: dict[str, Any]) -> dict[str, Decimal]:
    """The read-only totals of a draft whose rows are complete (see ``invoice_totals`` for the rule)."""
    currency = doc["InvoiceCurrencyCode"] or company.get("CurrencyCode")
    domestic_currency = currency == company.get("CurrencyCode")
    round_to_krona = domestic_currency and company.get("DomesticCurrencyRounding") == 1
    taxed = [TaxedAmount(row["Amount"], row["VatRate"]) for row in doc["Rows"] if not row["IsTextRow"]]
    totals = document_totals(taxed, round_to_krona)
    rate = rate_to_company_currency(currency)
    return {
        "TotalAmount": totals.total,
        "TotalVatAmount": totals.vat,
        "TotalRoundings": totals.roundings,
        "TotalAmountBaseCurrency": round_ore(totals.total * rate),
        "TotalVatAmountBaseCurrency": round_ore(totals.vat * rate),
    }


def _customer_fields(customer: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    copied = {name: customer.get(name) for name in _FROM_CUSTOMER_UNLESS_GIVEN if values.get(name) is None}
    copied.update(
        InvoiceCustomerName=customer["Name"],
        InvoicePostalCode=customer["InvoicePostalCode"],
        InvoiceCity=customer["InvoiceCity"],
        InvoiceCountryCode=customer["InvoiceCountryCode"],
        InvoiceCurrencyCode=customer["CurrencyCode"],
        CustomerNumber=customer["CustomerNumber"],
        CustomerName=customer["Name"],
        CustomerIsPrivatePerson=customer["IsPrivatePerson"],
        ReverseChargeOnConstructionServices=customer["ReverseChargeOnConstructionServices"],
        IncludesVat=False,  # the company does not show prices incl. VAT (ShowPricesExclVatPC false)
        MaxAllowedTaxReductionAmount=Decimal(0),
    )
    return copied


def _is_foreign(customer: dict[str, Any], company: dict[str, Any]) -> bool:
    country = customer.get("InvoiceCountryCode") or company.get("CountryCode")
    currency = customer.get("CurrencyCode") or company.get("CurrencyCode")
    return country != company.get("CountryCode") or currency != company.get("CurrencyCode")


def normalise_id(raw_id: str, resource: str) -> str:
    try:
        return str(uuid.UUID(raw_id))
    except ValueError:
        # A malformed id fails the route's {id:guid} constraint: the API answers 404.
        raise not_found(resource) from None
