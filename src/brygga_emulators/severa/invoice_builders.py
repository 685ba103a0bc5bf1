"""Invoice statuses and invoices for the data sets, in the store's shape.

An invoice document embeds its rows (``rows``): rows are only ever read with their invoice, the API
offers no way to write them, and keeping them inside makes a row list one look-up instead of a scan of
every row of the tenant (``bulk:N`` holds 5 N rows). An invoice is built the way Severa freezes it: the
receiver's name and billing address are copied from the customer when the invoice is made; the
customer, projects and status stay references, resolved when read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from itertools import count
from typing import Any

from .ids import stable_guid
from .reference_data import currency_guid
from .store import Document, SeveraStore
from .wire import format_datetime

__all__ = [
    "TO_TRANSFER",
    "InvoiceSpec",
    "RowSpec",
    "add_invoice",
    "created_at",
    "invoice_guid",
    "invoice_status_guid",
    "seed_invoice_statuses",
]

TO_TRANSFER = "Skicka till eEkonomi"
# name, flags; every data set has these six, in this order (their sortOrder). None of them numbers the
# invoice (hasInvoiceNumber): eEkonomi does, and the integration writes its number back.
_STATUSES: tuple[tuple[str, dict[str, bool]], ...] = (
    ("Utkast", {"isDefault": True}),
    (TO_TRANSFER, {}),
    ("Överförd eEkonomi", {}),
    ("Skickad", {"isSent": True, "isWaitingPayment": True}),
    ("Betald", {"isSent": True, "isPaid": True}),
    ("Kreditfaktura", {"isDefaultForCreditNote": True}),
)
_STATUS_FLAGS = (
    "hasInvoiceNumber",
    "isDefault",
    "isDefaultForCreditNote",
    "isPaid",
    "isReadOnly",
    "isSent",
    "isWaitingPayment",
)
_STATUSES_CREATED = format_datetime(datetime(2023, 1, 2, 8, 0, tzinfo=UTC))


@cache
def invoice_status_guid(name: str) -> str:
    return stable_guid("invoicestatus", name)


def invoice_guid(label: int) -> str:
    """The GUID of a data-set invoice by its label (the demo's 5001, a bulk invoice's index …)."""
    return stable_guid("invoice", label)


def seed_invoice_statuses(store: SeveraStore) -> None:
    for order, (name, flags) in enumerate(_STATUSES, start=1):
        document = {
            "guid": invoice_status_guid(name),
            "name": name,
            "isActive": True,
            "sortOrder": order,
            **{flag: flags.get(flag, False) for flag in _STATUS_FLAGS},
            "createdDateTime": _STATUSES_CREATED,
            "lastUpdatedDateTime": _STATUSES_CREATED,
        }
        store.put("invoicestatuses", document)


@dataclass(frozen=True)
class RowSpec:
    code: str | None  # product, work type or travel type code; None for a row linked to none of them
    description: str
    quantity: str
    unit: str
    unit_price: str
    vat_rate: str | None
    row_type: str  # InvoiceRowType: Hours, ProjectFees, TravelExpenses or FlatRate


@dataclass(frozen=True)
class InvoiceSpec:
    label: int  # names the invoice in the data set; its GUID derives from it
    customer_number: int
    project_numbers: tuple[int, ...]
    status: str
    invoice_date: date
    rows: tuple[RowSpec, ...]
    number: int | None = None
    your_reference: str | None = None
    our_reference: str | None = None
    notes: str | None = None
    free_text_before: str | None = None
    free_text_after: str | None = None
    credit_note_for: int | None = None  # label of the credited invoice
    payment_date: date | None = None


def add_invoice(store: SeveraStore, spec: InvoiceSpec, created: datetime) -> Document:
    customer = store.peek("customers", stable_guid("customer", spec.customer_number))
    if customer is None:
        raise ValueError(f"invoice {spec.label} needs customer {spec.customer_number} in the store first")
    guid = invoice_guid(spec.label)
    stamp = format_datetime(created)
    currency = customer.get("currency") or {"guid": currency_guid("SEK")}
    code = (store.peek("currencies", currency["guid"]) or {}).get("code", "SEK")
    term = int(customer.get("paymentTerm") or 30)
    document = {
        "guid": guid,
        "number": spec.number,
        "date": spec.invoice_date.isoformat(),
        "dueDate": (spec.invoice_date + timedelta(days=term)).isoformat(),
        "entryDate": spec.invoice_date.isoformat(),
        "paymentDate": spec.payment_date.isoformat() if spec.payment_date else None,
        "paymentTerm": term,
        "status": {"guid": invoice_status_guid(spec.status)},
        "customer": {"guid": customer["guid"]},
        "receiverCustomerName": customer.get("name"),
        "receiverVatNumber": customer.get("vatNumber"),
        "receiverAddress": _billing_address(store, spec.customer_number),
        "currency": {"guid": currency["guid"]},
        "projects": [{"guid": stable_guid("project", number)} for number in spec.project_numbers],
        "yourReference": spec.your_reference,
        "ourReference": spec.our_reference,
        "notes": spec.notes,
        "freeText1": spec.free_text_before,
        "freeText2": spec.free_text_after,
        "isCreditNote": spec.credit_note_for is not None,
        "creditNoteInvoice": {"guid": invoice_guid(spec.credit_note_for)} if spec.credit_note_for else None,
        "rows": [_row(guid, index, row, code, stamp) for index, row in enumerate(spec.rows)],
        "createdDateTime": stamp,
        "lastUpdatedDateTime": stamp,
    }
    return store.adopt("invoices", document)


def created_at(invoice_date: date, minute: int) -> datetime:
    """Invoices are made in the morning of their date, one minute apart, so the order is fixed."""
    return datetime.combine(invoice_date, time(8, 0), tzinfo=UTC) + timedelta(minutes=minute)


def _billing_address(store: SeveraStore, customer_number: int) -> dict[str, Any] | None:
    """The customer's first billing address as ``InvoiceReceiverAddressSubModel`` (country by name), or None.

    Looked up by the data sets' address GUIDs rather than by a scan: ``bulk:N`` builds N invoices."""
    address = next(
        (found for found in _data_set_addresses(store, customer_number) if found.get("isBillingAddress")), None
    )
    if address is None:
        return None
    country = store.peek("countries", (address.get("country") or {}).get("guid", "")) or {}
    return {
        "addressline": address.get("addressline"),
        "postalCode": address.get("postalCode"),
        "city": address.get("city"),
        "country": country.get("name"),
        "state": None,
    }


def _data_set_addresses(store: SeveraStore, customer_number: int) -> Iterator[Document]:
    for index in count():
        address = store.peek("addresses", stable_guid("address", f"{customer_number}:{index}"))
        if address is None:
            return
        yield address


def _row(invoice: str, index: int, spec: RowSpec, currency_code: str, stamp: str) -> Document:
    return {
        "guid": stable_guid("invoicerow", f"{invoice}:{index}"),
        "invoiceGuid": invoice,
        "code": [spec.code] if spec.code else [],
        "description": spec.description,
        "quantity": Decimal(spec.quantity),
        "measurementUnit": spec.unit,
        "unitPrice": {"amount": Decimal(spec.unit_price), "currencyCode": currency_code},
        "vatRate": Decimal(spec.vat_rate) if spec.vat_rate is not None else None,
        "rowType": spec.row_type,
        "sortOrder": index + 1,
        "createdDateTime": stamp,
        "lastUpdatedDateTime": stamp,
    }
