"""``filled:N``: a company that already holds N customers and N articles, for measuring at scale.

Customer i (0-based) is number ``20001 + i``, "Bulkkund <number> AB", and article i is ``B-<i+1, 5 digits>``,
"Bulkprodukt <i+1>", "Tjänster 25% moms", pieces: the same numbers and names as Visma PM's ``bulk:N``, so a
transfer between the two finds every one of them already there. Each document is what a POST of the same
body stores (the first one of each goes through the register's own create, the others copy it with their
own number, name and id), written straight into the store: seconds for 100,000, where POSTs would take minutes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from brygga_emulators.gc_pause import collector_paused

from .article_prices import settle_prices
from .articles import ArticleBook
from .clock import Clock
from .customers import CustomerBook
from .ids import stable_id
from .store import EekStore

__all__ = ["FILLED_FIRST_CUSTOMER_NUMBER", "filled_article_body", "filled_customer_body", "seed_filled"]

FILLED_FIRST_CUSTOMER_NUMBER = 20001
_CITIES = (("Stockholm", "111 20"), ("Göteborg", "411 01"), ("Malmö", "211 20"), ("Uppsala", "753 10"))
_SERVICES_25 = "Tjänster 25% moms"


def seed_filled(store: EekStore, count: int, clock: Clock, terms_id: str) -> None:
    if count < 1:
        return
    with collector_paused():
        _seed(store, count, clock, terms_id)


def _seed(store: EekStore, count: int, clock: Clock, terms_id: str) -> None:
    customer = CustomerBook(store, clock).create(filled_customer_body(0, terms_id))
    store.customers.delete(customer["Id"])
    for index in range(count):
        store.customers.adopt(*_customer(customer, index))
    coding = next(doc for doc in store.article_codings.all() if doc["Name"] == _SERVICES_25)
    unit = next(doc for doc in store.units.all() if doc["Code"] == "st")
    article = ArticleBook(store, clock).create(filled_article_body(0, coding["Id"], unit["Id"]))
    store.articles.delete(article["Id"])
    vat_rate = Decimal(coding["VatRatePercent"])
    for index in range(count):
        store.articles.adopt(*_article(article, index, vat_rate))


def filled_customer_body(index: int, terms_id: str) -> dict[str, Any]:
    number = FILLED_FIRST_CUSTOMER_NUMBER + index
    city, postal = _CITIES[index % len(_CITIES)]
    return {
        "CustomerNumber": str(number),
        "Name": f"Bulkkund {number} AB",
        "InvoiceAddress1": f"Bulkgatan {index % 200 + 1}",
        "InvoicePostalCode": postal,
        "InvoiceCity": city,
        "InvoiceCountryCode": "SE",
        "EmailAddress": f"info@kund{number}.se",
        "TermsOfPaymentId": terms_id,
        "IsActive": True,
        "IsPrivatePerson": False,
    }


def _customer(template: dict[str, Any], index: int) -> tuple[str, dict[str, Any]]:
    body = filled_customer_body(index, template["TermsOfPaymentId"])
    body.pop("TermsOfPaymentId")
    doc = {**template, **body, "Id": stable_id("customer", body["CustomerNumber"])}
    return doc["Id"], doc


def filled_article_body(index: int, coding_id: str, unit_id: str) -> dict[str, Any]:
    return {
        "Number": f"B-{index + 1:05d}",
        "Name": f"Bulkprodukt {index + 1}",
        "CodingId": coding_id,
        "UnitId": unit_id,
        "NetPrice": _net_price(index),
        "IsActive": True,
    }


def _net_price(index: int) -> Decimal:
    return Decimal(100 + index % 50 * 10)


def _article(template: dict[str, Any], index: int, vat_rate: Decimal) -> tuple[str, dict[str, Any]]:
    net, gross = settle_prices(_net_price(index), None, vat_rate)
    number = f"B-{index + 1:05d}"
    article_id = stable_id("article", number)
    changes: dict[str, Any] = {"Number": number, "Name": f"Bulkprodukt {index + 1}", "NetPrice": net}
    changes |= {"GrossPrice": gross, "NetPriceWithDiscount": net, "Id": article_id}
    return article_id, {**template, **changes}
