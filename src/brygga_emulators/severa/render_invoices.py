"""Stored invoice statuses, invoices and their rows -> ``InvoiceStatusModel``, ``InvoiceOutputModel`` and
``InvoiceRowOutputModel``.

An invoice stores its status, customer, projects and currency as ``{"guid": …}``; their names, numbers
and flags are looked up here, so moving an invoice to a status with ``isSent``/``isPaid`` shows those
flags at once. Totals, the per-row-type subtotals and the hours are derived from the embedded rows
(:mod:`invoice_totals`). What the emulator has no data for (users, templates, languages, the sender,
contacts, business units, accounts) is null.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .invoice_models import INVOICE_OUTPUT, INVOICE_ROW_OUTPUT, INVOICE_STATUS
from .invoice_totals import invoice_totals, row_amount
from .organization_data import organization_settings
from .render import currency_ref, fill
from .store import Document, SeveraStore

__all__ = ["render_invoice", "render_invoice_row", "render_invoice_status"]

_ROW_CATEGORY = {"Hours": "Hours", "TravelExpenses": "Travels", "ProjectFees": "ProjectFees", "FlatRate": "ProjectFees"}
_SUBTOTALS = {
    "workHoursTotalExcludingTax": "Hours",
    "projectFeesTotalExcludingTax": "ProjectFees",
    "projectTravelExpensesTotalExcludingTax": "TravelExpenses",
    "flatRatesTotalExcludingTax": "FlatRate",
}
# Properties copied as stored (null when absent); the rest is derived below or null.
_STORED = (
    "guid",
    "number",
    "date",
    "dueDate",
    "entryDate",
    "paymentDate",
    "paymentTerm",
    "receiverCustomerName",
    "receiverVatNumber",
    "receiverAddress",
    "yourReference",
    "ourReference",
    "orderNumber",
    "referenceNumber",
    "notes",
    "isCreditNote",
    "createdDateTime",
    "lastUpdatedDateTime",
)


def render_invoice_status(store: SeveraStore, status: Document) -> dict[str, Any]:
    return fill(INVOICE_STATUS, status)


def render_invoice(store: SeveraStore, invoice: Document) -> dict[str, Any]:
    body = fill(INVOICE_OUTPUT, {name: invoice.get(name) for name in _STORED})
    currency = currency_ref(store, invoice.get("currency"))
    code = currency["code"] if currency else None
    customer = _customer_ref(store, invoice.get("customer"))
    body.update(
        status=_status_ref(store, invoice["status"]["guid"]),
        customer=customer,
        billingCustomer=customer,
        currency=currency,
        currencyRate=_rate(store, invoice.get("currency")),
        projects=[_project_ref(store, reference["guid"]) for reference in invoice.get("projects") or []],
        creditNoteInvoice=_related(store, invoice.get("creditNoteInvoice")),
        freeText1=_free_text(invoice.get("freeText1")),
        freeText2=_free_text(invoice.get("freeText2")),
        overdueInterest=Decimal(organization_settings(store).get("overdueInterest") or 0),
        canBeDeleted=invoice.get("number") is None,
    )
    body.update(_amounts(invoice.get("rows") or [], code))
    return body


def render_invoice_row(row: Document) -> dict[str, Any]:
    body = fill(INVOICE_ROW_OUTPUT, row)
    body["category"] = _ROW_CATEGORY[row["rowType"]]
    return body


def _amounts(rows: list[Document], code: str | None) -> dict[str, Any]:
    totals = invoice_totals(rows)
    amounts: dict[str, Any] = {
        "totalExcludingTax": _money(totals.excluding_tax, code),
        "totalTax": _money(totals.tax, code),
        "totalIncludingTax": _money(totals.including_tax, code),
        "workHoursQuantity": sum((Decimal(row["quantity"]) for row in rows if row["rowType"] == "Hours"), Decimal(0)),
    }
    for name, row_type in _SUBTOTALS.items():
        subtotal = sum((row_amount(row) for row in rows if row["rowType"] == row_type), Decimal("0.00"))
        amounts[name] = _money(subtotal, code)
    return amounts


def _money(amount: Decimal, code: str | None) -> dict[str, Any]:
    return {"amount": amount, "currencyCode": code, "multiCurrencyInfo": None}


def _status_ref(store: SeveraStore, guid: str) -> dict[str, Any]:
    status = store.peek("invoicestatuses", guid) or {}
    flags = {flag: bool(status.get(flag)) for flag in ("isPaid", "isSent", "isWaitingPayment")}
    return {"guid": guid, "name": status.get("name"), **flags}


def _referenced(store: SeveraStore, collection: str, reference: Any) -> Document | None:
    guid = reference.get("guid") if isinstance(reference, dict) else None
    return store.peek(collection, guid) if isinstance(guid, str) else None


def _customer_ref(store: SeveraStore, reference: Any) -> dict[str, Any] | None:
    customer = _referenced(store, "customers", reference)
    if customer is None:
        return None
    return {"guid": customer["guid"], "name": customer.get("name"), "number": customer.get("number")}


def _project_ref(store: SeveraStore, guid: str) -> dict[str, Any]:
    project = store.peek("projects", guid) or {}
    return {"guid": guid, "name": project.get("name"), "number": project.get("number")}


def _related(store: SeveraStore, reference: Any) -> dict[str, Any] | None:
    related = _referenced(store, "invoices", reference)
    return {"guid": related["guid"], "number": related.get("number")} if related else None


def _rate(store: SeveraStore, reference: Any) -> Decimal:
    """The invoice currency's rate against the organisation currency (1 for SEK)."""
    currency = _referenced(store, "currencies", reference) or {}
    return Decimal(currency.get("rate") or 1)


def _free_text(text: str | None) -> dict[str, Any] | None:
    """``FreeTextModel2``: the emulator's free texts are plain text, without tags."""
    if text is None:
        return None
    return {"allowTags": False, "plainText": text, "tagContext": None, "text": text, "value": text}
