"""Visma PM invoices -> the canonical invoice (rules I3, I4, I7).

Notes and the free text before the rows become text rows at the top, the free text after the rows one at the
bottom (I3). A Severa row carries a list of codes (grouped rows may combine several, severa-fit G10): the first one
names the article; a row without a code goes to the default article (S4). A row without quantity and price is text.
"""

from __future__ import annotations

from collections.abc import Sequence

from brygga.domain import Address, Invoice, InvoiceRow
from brygga.mapping.severa_customers import PmReference
from brygga.money import percent_to_fraction
from brygga.severa import models as sev
from brygga.severa.invoice_models import Invoice as SeveraInvoice
from brygga.severa.invoice_models import InvoiceRow as SeveraInvoiceRow

__all__ = ["from_severa_invoice"]


def _text_row(text: str | None) -> list[InvoiceRow]:
    cleaned = (text or "").strip()
    return [InvoiceRow(text=cleaned, is_text=True)] if cleaned else []


def _row(row: SeveraInvoiceRow) -> InvoiceRow:
    price = row.unitPrice.amount if row.unitPrice else None
    if row.quantity is None and price is None:
        return InvoiceRow(text=(row.description or "").strip(), is_text=True)
    codes = [code.strip() for code in row.code or [] if code and code.strip()]
    return InvoiceRow(
        text=(row.description or "").strip(),
        code=codes[0] if codes else None,
        quantity=row.quantity,
        unit=row.measurementUnit,
        unit_price=price,
        vat_rate=None if row.vatRate is None else percent_to_fraction(row.vatRate),
        cost_center_number=row.costCenter.number if row.costCenter and row.costCenter.number else None,
    )


def _address(invoice: SeveraInvoice, ref: PmReference) -> Address | None:
    given = invoice.receiverAddress
    if given is None:
        return None
    country = ref.country_code(sev.AddressCountry(name=given.country)) if given.country else None
    return Address(
        line1=(given.addressline or "").strip() or None,
        postal_code=(given.postalCode or "").strip() or None,
        city=(given.city or "").strip() or None,
        country_code=country,
    )


def from_severa_invoice(invoice: SeveraInvoice, rows: Sequence[SeveraInvoiceRow], ref: PmReference) -> Invoice:
    project = invoice.projects[0] if invoice.projects else None
    customer = invoice.customer
    text_before = _text_row(invoice.notes) + _text_row(invoice.freeText1.display_text if invoice.freeText1 else None)
    text_after = _text_row(invoice.freeText2.display_text if invoice.freeText2 else None)
    return Invoice(
        pm_id=invoice.guid or "",
        customer_pm_id=customer.guid or "" if customer else "",
        customer_label=f"{customer.number} {customer.name}" if customer else "",
        customer_number=str(customer.number) if customer and customer.number is not None else None,
        project_pm_id=project.guid if project else None,
        project_label=f"{project.number} {project.name}" if project else "",
        project_number=str(project.number) if project and project.number is not None else None,
        invoice_date=invoice.date,
        payment_days=invoice.paymentTerm,
        currency_code=invoice.currency.code if invoice.currency else None,
        address=_address(invoice, ref),
        your_reference=invoice.yourReference,
        our_reference=invoice.ourReference,
        is_credit=invoice.isCreditNote,
        rows=tuple(r for r in text_before + [_row(row) for row in rows] + text_after if r.text or not r.is_text),
        total_excluding_vat=invoice.totalExcludingTax.amount if invoice.totalExcludingTax else None,
        total_vat=invoice.totalTax.amount if invoice.totalTax else None,
        total_including_vat=invoice.totalIncludingTax.amount if invoice.totalIncludingTax else None,
        status_guid=invoice.status.guid if invoice.status else None,
        invoice_number=invoice.number,
    )
