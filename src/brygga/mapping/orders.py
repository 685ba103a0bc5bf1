"""GKS-style orders -> eEkonomi customers, articles and invoice drafts (rules O1-O10).

Accounting comes from eEkonomi's article codings, so each row gets the article for its VAT rate (O5) and the
row's own coding is ignored (O3); öre rounding is eEkonomi's (O4); no split over result units (O9); export and EU
flags are ignored, eEkonomi decides from the customer's country (O10). The draft carries ``ContractNumber =
"GKS <order number>"``, brygga's marker for finding it again after an interruption.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from brygga.eekonomi.models_articles import Article as EekArticle
from brygga.eekonomi.models_articles import Unit
from brygga.eekonomi.models_invoices import CustomerInvoiceDraft, CustomerInvoiceDraftRow
from brygga.orders.models import Order, OrderRow

__all__ = ["order_marker", "to_order_customer_fields", "to_order_draft", "unit_for_row", "vat_key"]

PIECES = "st"


def order_marker(order: Order) -> str:
    return f"GKS {order.order_number}"


def vat_key(rate: Decimal) -> Decimal:
    return rate.normalize()


def unit_for_row(row: OrderRow, units: Sequence[Unit]) -> str:
    """Rule O7: free-text units become "st" [beyond: unless the text names an eEkonomi unit exactly, e.g. kg]."""
    text = (row.unit or "").strip().casefold()
    for unit in units:
        if text and text in {v.casefold() for v in (unit.code, unit.abbreviation, unit.name) if v}:
            return unit.abbreviation or unit.code or PIECES
    return PIECES


def to_order_customer_fields(order: Order, terms_id: str | None) -> dict[str, Any]:
    """Rule O2: number, name, organisation number, invoice e-mail, country code, postal address, currency."""
    customer = order.customer
    address = customer.address
    return {
        "CustomerNumber": customer.number,
        "Name": customer.name or customer.number,
        "CorporateIdentityNumber": customer.organisation_number,
        "EmailAddress": customer.invoice_email,
        "InvoiceCountryCode": customer.country_code,
        "InvoiceAddress1": address.line1 if address else None,
        "InvoiceAddress2": address.line2 if address else None,
        "InvoicePostalCode": (address.postal_code if address else None) or "",
        "InvoiceCity": (address.city if address else None) or "",
        "CurrencyCode": customer.currency,
        "TermsOfPaymentId": terms_id,
        "IsPrivatePerson": False,
        "IsActive": True,
    }


def _draft_row(row: OrderRow, articles: Mapping[Decimal, EekArticle], units: Sequence[Unit]) -> CustomerInvoiceDraftRow:
    article = articles[vat_key(row.vat_rate)]
    quantity, price = row.quantity, row.unit_price
    if price < 0:  # rule O8: eEkonomi wants a positive price; the sign moves to the quantity
        quantity, price = -quantity, -price
    return CustomerInvoiceDraftRow(
        is_text_row=False,
        article_id=article.id,
        article_number=article.number,
        text=row.text,
        quantity=quantity,
        unit_price=price,
        unit_abbreviation=unit_for_row(row, units),
        reversed_construction_services_vat_free=False,
    )


def to_order_draft(
    order: Order,
    *,
    customer_id: str,
    terms_id: str | None,
    articles: Mapping[Decimal, EekArticle],
    units: Sequence[Unit],
    invoice_date: date,
) -> CustomerInvoiceDraft:
    """Rule O1: an editable draft; eEkonomi's number series numbers it when it is booked."""
    return CustomerInvoiceDraft(
        customer_id=customer_id,
        is_credit_invoice=False,
        rot_reduced_invoicing_type=0,
        eu_third_party=False,
        rows=[_draft_row(row, articles, units) for row in order.rows],
        contract_number=order_marker(order),
        your_reference=f"Order {order.order_number}"[:100],
        terms_of_payment_id=terms_id,
        invoice_date=invoice_date,
    )
