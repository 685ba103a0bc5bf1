"""Visma PM products, work types and travel expense types <-> the canonical article (rules A1, A4, A5, A9).

Work types carry no unit, VAT or price in Severa: their price comes from the organisation's default price list,
their VAT from the organisation's default VAT rate, their unit is hours (severa-fit G3). Travel expense types take
their price from the price list too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from brygga.domain import Article, ArticleKind
from brygga.money import percent_to_fraction
from brygga.severa import article_models as sev
from brygga.severa.models import Money

__all__ = [
    "PmArticleReference",
    "from_severa_product",
    "from_severa_travel_type",
    "from_severa_work_type",
    "pm_article_id",
    "severa_article_changes",
    "to_severa_product",
]


@dataclass(frozen=True)
class PmArticleReference:
    default_vat_percent: Decimal | None
    work_type_prices: Mapping[str, Decimal] = field(default_factory=dict)
    travel_prices: Mapping[str, Decimal] = field(default_factory=dict)
    currency_code: str = "SEK"


def pm_article_id(kind: ArticleKind, guid: str) -> str:
    """Products, work types and travel types share one link space, so the kind is part of the id."""
    return f"{kind.value}:{guid}"


def _fraction(percent: Decimal | None) -> Decimal | None:
    return None if percent is None else percent_to_fraction(percent)


def from_severa_product(product: sev.Product) -> Article:
    return Article(
        number=_code(product.code),
        name=product.name.strip(),
        is_active=product.isActive is not False,
        kind=ArticleKind.PRODUCT,
        unit=_clean(product.measurementUnit),
        vat_rate=_fraction(product.vatRate),
        net_price=product.unitPrice.amount if product.unitPrice else None,
    )


def from_severa_work_type(work_type: sev.WorkType, ref: PmArticleReference) -> Article:
    return Article(
        number=_code(work_type.code),
        name=work_type.name.strip(),
        is_active=work_type.isActive,
        kind=ArticleKind.WORK_TYPE,
        unit=None,  # hours (rule A4): Severa keeps no unit on work types
        vat_rate=_fraction(ref.default_vat_percent),
        net_price=ref.work_type_prices.get(work_type.guid or ""),
    )


def from_severa_travel_type(travel: sev.TravelExpenseType, ref: PmArticleReference) -> Article:
    return Article(
        number=_code(travel.code),
        name=travel.name.strip(),
        is_active=travel.isActive is not False,
        kind=ArticleKind.TRAVEL,
        unit=_clean(travel.measurementUnit),
        vat_rate=_fraction(travel.vatRate),
        net_price=ref.travel_prices.get(travel.guid or ""),
        mileage=travel.isMileage or (travel.expenseClass or "").casefold() == "mileage",
    )


def to_severa_product(article: Article, currency_code: str) -> sev.Product:
    """A new PM product from an eEkonomi article (eEk -> PM always creates products: severa-fit G3)."""
    return sev.Product(
        code=article.number,
        name=article.name,
        measurementUnit=article.unit,
        vatRate=None if article.vat_rate is None else article.vat_rate * 100,
        unitPrice=Money(amount=article.net_price, currencyCode=currency_code)
        if article.net_price is not None
        else None,
        isActive=article.is_active,
    )


def severa_article_changes(kind: ArticleKind, current: Article, desired: Article, currency: str) -> dict[str, Any]:
    """PATCH paths for a linked PM item when eEkonomi is the master (S2). Work types and travel types take no
    price (their prices live in PM's price lists, which the API cannot write)."""
    changes: dict[str, Any] = {}
    if desired.name != current.name:
        changes["name"] = desired.name
    if desired.number != current.number:
        changes["code"] = desired.number
    if desired.is_active != current.is_active:
        changes["isActive"] = desired.is_active
    if kind is ArticleKind.PRODUCT:
        if desired.net_price is not None and desired.net_price != current.net_price:
            changes["unitPrice"] = {"amount": desired.net_price, "currencyCode": currency}
        if desired.vat_rate is not None and desired.vat_rate != current.vat_rate:
            changes["vatRate"] = desired.vat_rate * 100
        if desired.unit and desired.unit != current.unit:
            changes["measurementUnit"] = desired.unit
    return changes


def _code(value: str | None) -> str | None:
    return _clean(value)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None
