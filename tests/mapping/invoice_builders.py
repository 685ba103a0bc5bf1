"""Small, valid objects for the invoice-rule tests: PM wire invoices, canonical invoices, eEkonomi articles and
the draft context.

Every builder returns something that passes all rules (I3-I6), so a test changes exactly the one thing it is
about. Amounts are Decimal text, never float.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from brygga.domain import Address, Invoice, InvoiceRow
from brygga.eekonomi.models_articles import Article as EekArticle
from brygga.mapping.invoice_drafts import DraftContext
from brygga.severa.invoice_models import (
    FreeText,
    InvoiceAddress,
    InvoiceCustomer,
    InvoiceProject,
    InvoiceRowAccount,
    InvoiceStatusRef,
)
from brygga.severa.invoice_models import Invoice as SeveraInvoice
from brygga.severa.invoice_models import InvoiceRow as SeveraInvoiceRow
from brygga.severa.models import Money, RequiredCurrencyRef
from tests.mapping.builders import address, guid

__all__ = [
    "CUSTOMER_LABEL",
    "DEFAULT_ARTICLE",
    "PROJECT_ITEM",
    "PROJECT_LABEL",
    "TERMS_ID",
    "article_row",
    "coding_id",
    "draft_context",
    "eek_article",
    "eek_articles",
    "free_text",
    "invoice",
    "item_id",
    "pm_invoice",
    "pm_row",
    "text_row",
    "vat_of",
    "with_address",
]

CUSTOMER_LABEL = "1001 Acme AB"
PROJECT_LABEL = "2003 Nordvik Kontorsbygge"
TERMS_ID = guid("terms-30")
DEFAULT_ARTICLE = "DIV"
RATES = ("0", "0.06", "0.12", "0.25")


# --- Visma PM (wire) --------------------------------------------------------------------------------
def pm_invoice(**overrides: Any) -> SeveraInvoice:
    values: dict[str, Any] = {
        "guid": guid("pm-invoice"),
        "date": date(2026, 11, 10),
        "paymentTerm": 30,
        "status": InvoiceStatusRef(guid=guid("status-to-transfer"), name="Skicka till eEkonomi"),
        "customer": InvoiceCustomer(guid=guid("pm-customer"), name="Acme AB", number=1001),
        "receiverAddress": InvoiceAddress(
            addressline="Storgatan 1", postalCode="111 22", city="Stockholm", country="Sverige"
        ),
        "yourReference": "Karin Lind",
        "ourReference": "Per Persson",
        "currency": RequiredCurrencyRef(guid=guid("cur-SEK"), code="SEK"),
        "projects": [InvoiceProject(guid=guid("pm-project"), name="Nordvik Kontorsbygge", number=2003)],
        "totalExcludingTax": Money(amount=Decimal("1000.00"), currencyCode="SEK"),
        "totalTax": Money(amount=Decimal("250.00"), currencyCode="SEK"),
        "totalIncludingTax": Money(amount=Decimal("1250.00"), currencyCode="SEK"),
        "isCreditNote": False,
    }
    return SeveraInvoice(**{**values, **overrides})


def free_text(plain: str | None = None, value: str | None = None) -> FreeText:
    return FreeText(plainText=plain, value=value)


def pm_row(
    codes: Iterable[str] | None = ("P-100",),
    quantity: str | None = "8",
    price: str | None = "125.00",
    vat_percent: str | None = "25",
    description: str | None = "Licens",
    cost_center: str | None = None,
    **overrides: Any,
) -> SeveraInvoiceRow:
    values: dict[str, Any] = {
        "guid": guid(f"row-{description}-{quantity}-{price}"),
        "invoiceGuid": guid("pm-invoice"),
        "code": None if codes is None else list(codes),
        "description": description,
        "quantity": None if quantity is None else Decimal(quantity),
        "measurementUnit": "st",
        "unitPrice": None if price is None else Money(amount=Decimal(price), currencyCode="SEK"),
        "vatRate": None if vat_percent is None else Decimal(vat_percent),
        "costCenter": InvoiceRowAccount(number=cost_center, name=cost_center) if cost_center else None,
    }
    return SeveraInvoiceRow(**{**values, **overrides})


# --- canonical --------------------------------------------------------------------------------------
def text_row(text: str) -> InvoiceRow:
    return InvoiceRow(text=text, is_text=True)


def article_row(
    code: str | None = "P-100",
    quantity: str = "8",
    price: str = "125.00",
    vat: str | None = "0.25",
    text: str = "Licens",
    cost_center: str | None = None,
) -> InvoiceRow:
    return InvoiceRow(
        text=text,
        code=code,
        quantity=Decimal(quantity),
        unit="st",
        unit_price=Decimal(price),
        vat_rate=None if vat is None else Decimal(vat),
        cost_center_number=cost_center,
    )


def invoice(**overrides: Any) -> Invoice:
    base = Invoice(
        pm_id=guid("pm-invoice"),
        customer_pm_id=guid("pm-customer"),
        customer_label=CUSTOMER_LABEL,
        project_pm_id=guid("pm-project"),
        project_label=PROJECT_LABEL,
        invoice_date=date(2026, 11, 10),
        payment_days=30,
        currency_code="SEK",
        address=address(),
        your_reference="Karin Lind",
        our_reference="Per Persson",
        rows=(text_row("Avser oktober 2026"), article_row(), article_row(code=None, text="Övrigt", price="10.00")),
        total_excluding_vat=Decimal("1080.00"),
        total_vat=Decimal("270.00"),
        total_including_vat=Decimal("1350.00"),
        customer_number="1001",
        project_number="2003",
    )
    return replace(base, **overrides)


def with_address(source: Invoice, **changes: Any) -> Invoice:
    return replace(source, address=replace(source.address or Address(), **changes))


# --- eEkonomi ---------------------------------------------------------------------------------------
def coding_id(rate: str) -> str:
    return guid(f"coding-{Decimal(rate)}")


def vat_of(article: EekArticle) -> Decimal | None:
    """The coding's VAT rate as eEkonomi's codings list gives it: a fraction."""
    return next((Decimal(rate) for rate in RATES if coding_id(rate) == article.coding_id), None)


def eek_article(number: str, *, vat: str = "0.25", active: bool = True, name: str | None = None) -> EekArticle:
    return EekArticle(
        id=guid(f"article-{number}"),
        number=number,
        name=name or f"Artikel {number}",
        is_active=active,
        coding_id=coding_id(vat),
        unit_id=guid("unit-st"),
    )


def eek_articles(*extra: EekArticle) -> dict[str, EekArticle]:
    articles = [
        eek_article("P-100", name="Licens Projektverktyg"),
        eek_article("A-902", vat="0.12", name="Kaffe och fika"),
        eek_article("B-600", vat="0.06", name="Böcker"),
        eek_article("M-000", vat="0", name="Momsfri tjänst"),
        eek_article("A-903", vat="0.25", active=False, name="Utgången artikel"),
        eek_article(DEFAULT_ARTICLE, name="Diverse tjänster"),
        *extra,
    ]
    return {article.number: article for article in articles}


def item_id(short_name: str) -> str:
    return guid(f"cost-center-item-{short_name}")


PROJECT_ITEM = item_id("2003")


def draft_context(
    articles: Mapping[str, EekArticle] | None = None,
    default: str = DEFAULT_ARTICLE,
    items: Iterable[str] = ("2003", "2004", "HAMN"),
    **overrides: Any,
) -> DraftContext:
    catalogue = dict(articles if articles is not None else eek_articles())
    known = {short_name: item_id(short_name) for short_name in items}
    values: dict[str, Any] = {
        "customer_id": guid("eek-customer"),
        "terms_id": TERMS_ID,
        "invoice_date": date(2026, 11, 22),
        "articles": catalogue,
        "default_article": catalogue[default],
        "vat_of": vat_of,
        "slot": 2,
        "project_item": PROJECT_ITEM,
        "item_for_cost_center": known.get,
    }
    return DraftContext(**{**values, **overrides})
