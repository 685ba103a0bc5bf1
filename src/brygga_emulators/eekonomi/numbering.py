"""The company's number series: customer invoice numbers and voucher numbers per voucher series.

``NextCustomerInvoiceNumber`` lives in the company settings (the API shows it there). Voucher and
supplier-invoice counters have no place in ``CompanySettingsApi``, so they live in a separate singleton
(``settings/numbering``) that the API never shows. Callers hold ``store.atomic()`` around a take and
the write that uses it.
"""

from __future__ import annotations

from typing import Any

from .store import EekStore

__all__ = ["CUSTOMER_INVOICE_SERIES", "SUPPLIER_INVOICE_SERIES", "take_invoice_number", "take_number"]

# Voucher series letters as in a Swedish eEkonomi company: customer invoices and supplier invoices.
CUSTOMER_INVOICE_SERIES = "K"
SUPPLIER_INVOICE_SERIES = "L"

_COUNTERS = "numbering"


def take_invoice_number(store: EekStore) -> int:
    """The next free customer invoice number; ``NextCustomerInvoiceNumber`` moves past it."""
    company = store.settings.get("company") or {}
    number = int(company.get("NextCustomerInvoiceNumber") or 1)
    while store.customer_invoices.find("InvoiceNumber", number):
        number += 1
    company["NextCustomerInvoiceNumber"] = number + 1
    store.settings.put("company", company)
    return number


def take_number(store: EekStore, counter: str) -> int:
    """The next number of one of the hidden counters (a voucher series, supplier invoices), from 1."""
    counters: dict[str, Any] = store.settings.get(_COUNTERS) or {}
    number = int(counters.get(counter, 1))
    counters[counter] = number + 1
    store.settings.put(_COUNTERS, counters)
    return number
