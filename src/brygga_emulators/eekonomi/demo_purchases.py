"""The demo company's suppliers and booked supplier invoices: the input of the supplier-invoice transfer
(rules SI1-SI4), created through the same books the API uses.

Invoices are dated by the clock, so that the periods "this month" and "last month" always find them:
three in the current month (its first day, the 5th or today if earlier, and today) and one on the 15th
of the previous month. Their rows carry items of cost center 2 ("Projekt"): 2003 (Nordvik Kontorsbygge,
linked to PM's project 2003) and 2004 (Älvsjö Mässhall, which clashes with PM's project of that number);
the office-supplies invoice has no item and so nothing to transfer.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from .clock import Clock, fixed_clock, format_utc
from .demo_articles import cost_center_item_id
from .ids import stable_id
from .store import EekStore
from .supplier_invoices import SupplierInvoiceBook
from .suppliers import SupplierBook

__all__ = ["seed_demo_purchases", "supplier_id", "supplier_invoice_id"]

# Name, organisation number, address, postal code, city, bankgiro
_SUPPLIERS = (
    ("Kontorsgiganten AB", "556234-1111", "Lagervägen 3", "175 61", "Järfälla", "5050-1111"),
    ("Hyrbilar Norr AB", "556345-2222", "Flygplatsvägen 10", "972 54", "Luleå", "5050-2222"),
    ("Byggmaterial Syd AB", "556456-3333", "Industrigatan 21", "212 24", "Malmö", "5050-3333"),
)

_NORDVIK = cost_center_item_id(2, "2003")
_ALVSJO = cost_center_item_id(2, "2004")
_STOCKHOLM = cost_center_item_id(1, "STH")


def supplier_id(name: str) -> str:
    return stable_id("supplier", name)


def supplier_invoice_id(invoice_number: str) -> str:
    return stable_id("supplierinvoice", invoice_number)


def seed_demo_purchases(store: EekStore, clock: Clock, terms_id: str) -> None:
    for index, (name, org_number, address, postal_code, city, bankgiro) in enumerate(_SUPPLIERS):
        body = {
            "Name": name,
            "CorporateIdentityNumber": org_number,
            "Address1": address,
            "PostalCode": postal_code,
            "City": city,
            "BankgiroNumber": bankgiro,
            "TermsOfPaymentId": terms_id,
        }
        moment = datetime.fromisoformat(f"2025-01-05T09:{index:02d}:00+00:00")
        SupplierBook(store, fixed_clock(moment)).create(body, supplier_id=supplier_id(name))
    now = clock()
    for invoice_date, body in _invoices(now.date()):
        # Booked on the morning of the invoice date, never after "now".
        booked = min(datetime.combine(invoice_date, time(9), tzinfo=now.tzinfo), now)
        body["InvoiceDate"] = format_utc(datetime.combine(invoice_date, time(0), tzinfo=now.tzinfo))
        book = SupplierInvoiceBook(store, fixed_clock(booked))
        book.create(body, invoice_id=supplier_invoice_id(body["InvoiceNumber"]))


def _invoices(today: date) -> list[tuple[date, dict[str, Any]]]:
    first = today.replace(day=1)
    last_month = (first - timedelta(days=1)).replace(day=15)
    return [
        (
            last_month,
            _invoice(
                "Byggmaterial Syd AB",
                "BS-4398",
                "5000.00",
                [
                    _cost(4010, "4000.00", "Gipsskivor Nordvik", item2=_NORDVIK, item1=_STOCKHOLM),
                    _row(2641, debit="1000.00"),
                    _row(2440, credit="5000.00"),
                ],
            ),
        ),
        (
            first,
            _invoice(
                "Byggmaterial Syd AB",
                "BS-4471",
                "12500.00",
                [
                    _cost(4010, "10000.00", "Byggmaterial Nordvik Kontorsbygge", item2=_NORDVIK),
                    _row(2641, debit="2500.00"),
                    _row(2440, credit="12500.00"),
                ],
            ),
        ),
        (
            min(today, first.replace(day=5)),
            _invoice(
                "Hyrbilar Norr AB",
                "HN-2611",
                "6250.00",
                [
                    _cost(5615, "3200.00", "Hyrbil platsbesök Nordvik", item2=_NORDVIK),
                    _cost(5615, "1800.00", "Hyrbil mässbygge Älvsjö", item2=_ALVSJO),
                    _row(2641, debit="1250.00"),
                    _row(2440, credit="6250.00"),
                ],
            ),
        ),
        (
            today,
            _invoice(
                "Kontorsgiganten AB",
                "KG-90817",
                "1000.00",
                [
                    _cost(6110, "800.00", "Kontorsmaterial"),
                    _row(2641, debit="200.00"),
                    _row(2440, credit="1000.00"),
                ],
            ),
        ),
    ]


def _invoice(supplier: str, number: str, total: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"SupplierId": supplier_id(supplier), "InvoiceNumber": number, "TotalAmount": Decimal(total), "Rows": rows}


def _cost(account: int, amount: str, text: str, item1: str | None = None, item2: str | None = None) -> dict[str, Any]:
    row = _row(account, debit=amount)
    row.update(TransactionText=text, CostCenterItemId1=item1, CostCenterItemId2=item2)
    return row


def _row(account: int, debit: str = "0", credit: str = "0") -> dict[str, Any]:
    return {"AccountNumber": account, "DebetAmount": Decimal(debit), "CreditAmount": Decimal(credit)}
