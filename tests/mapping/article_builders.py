"""Small, valid objects for the article and project rule tests: canonical articles, wire records, reference data.

Like ``tests/mapping/builders.py``, every builder returns something that passes all rules, so a test changes
exactly the one thing it is about. The reference data mirrors a Swedish eEkonomi company: "Tjänster" and "Varor"
codings at 25, 12, 6 and 0 % and the usual units (Timmar, Kilometer, Styck, ...).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from brygga.domain import Article, ArticleKind, Project
from brygga.eekonomi.models_articles import Article as EekArticle
from brygga.eekonomi.models_articles import ArticleAccountCoding, Unit
from brygga.eekonomi.models_cost_centers import CostCenter, CostCenterItem
from brygga.mapping.eekonomi_articles import ArticleReference, to_eekonomi_fields
from brygga.mapping.severa_articles import PmArticleReference
from brygga.severa import article_models as sev
from brygga.severa.models import Money
from brygga.severa.project_models import Project as SeveraProject
from tests.mapping.builders import guid

__all__ = [
    "RATES",
    "STANDARD_UNITS",
    "article",
    "coding",
    "coding_id",
    "cost_center",
    "cost_center_item",
    "eek_article",
    "eek_reference",
    "fields_for",
    "pm_product",
    "pm_project",
    "pm_reference",
    "pm_travel_type",
    "pm_work_type",
    "project",
    "standard_codings",
    "unit",
    "unit_id",
]

RATES = (Decimal("0.25"), Decimal("0.12"), Decimal("0.06"), Decimal("0"))

# Name, Code, Abbreviation, AbbreviationEnglish: as the eEkonomi emulator's reference data.
STANDARD_UNITS = (
    ("Timmar", "h", "tim", "h"),
    ("Kilometer", "km", "km", "km"),
    ("Styck", "st", "st", "pcs"),
    ("Kilogram", "kg", "kg", "kg"),
    ("Månad", "mån", "mån", "month"),
)


# --- eEkonomi reference -----------------------------------------------------------------------------
def _rate_suffix(rate: Decimal) -> str:
    percent = (rate * 100).normalize()
    return "momsfri" if percent == 0 else f"{percent:f}% moms"


def coding_id(name: str) -> str:
    return guid(f"coding-{name}")


def coding(name: str, kind: str, rate: Decimal, *, active: bool = True) -> ArticleAccountCoding:
    return ArticleAccountCoding.model_validate(
        {"Id": coding_id(name), "Name": name, "Type": kind, "VatRatePercent": rate, "IsActive": active}
    )


def standard_codings(rates: Iterable[Decimal] = RATES) -> list[ArticleAccountCoding]:
    """Goods first, so a lookup that ignored the "Tjänster" name or the type would pick the wrong coding."""
    chosen = list(rates)
    goods = [coding(f"Varor {_rate_suffix(r)}", "Goods", r) for r in chosen]
    services = [coding(f"Tjänster {_rate_suffix(r)}", "Service", r) for r in chosen]
    return goods + services


def unit_id(code: str) -> str:
    return guid(f"unit-{code}")


def unit(name: str, code: str, abbreviation: str, english: str) -> Unit:
    return Unit.model_validate(
        {"Id": unit_id(code), "Name": name, "Code": code, "Abbreviation": abbreviation, "AbbreviationEnglish": english}
    )


def eek_reference(
    codings: Iterable[ArticleAccountCoding] | None = None, units: Iterable[tuple[str, str, str, str]] = STANDARD_UNITS
) -> ArticleReference:
    chosen = standard_codings() if codings is None else list(codings)
    return ArticleReference(codings=chosen, units=[unit(*row) for row in units])


def fields_for(item: Article, ref: ArticleReference) -> dict[str, Any]:
    """The fields brygga would send for a new article: rule A3's coding and rule A4's unit, as the transfer picks
    them (``ArticlesTransfer._check_for_eek``)."""
    chosen = ref.service_coding(item.vat_rate) if item.vat_rate is not None else None
    found = ref.unit_for(item)
    return to_eekonomi_fields(item, chosen.id if chosen else None, found.id if found else None)


# --- canonical --------------------------------------------------------------------------------------
def article(**overrides: Any) -> Article:
    base = Article(
        number="P-100",
        name="Licens Projektverktyg",
        is_active=True,
        kind=ArticleKind.PRODUCT,
        unit="st",
        vat_rate=Decimal("0.25"),
        net_price=Decimal("1200.00"),
    )
    return replace(base, **overrides)


def project(**overrides: Any) -> Project:
    return replace(Project(number="1001", name="Nytt kontor Solna", is_active=True), **overrides)


# --- eEkonomi wire ----------------------------------------------------------------------------------
def eek_article(**overrides: Any) -> EekArticle:
    values: dict[str, Any] = {
        "Id": guid("eek-article"),
        "Number": "P-100",
        "Name": "Licens Projektverktyg",
        "IsActive": True,
        "CodingId": coding_id("Tjänster 25% moms"),
        "UnitId": unit_id("st"),
        "NetPrice": Decimal("1200.00"),
        "GrossPrice": Decimal("1500.00"),
    }
    return EekArticle.model_validate({**values, **overrides})


def cost_center_item(short_name: str, name: str, *, label: str | None = None, active: bool = True) -> CostCenterItem:
    return CostCenterItem(
        id=guid(f"item-{label or short_name}"),
        cost_center_id=guid("center-2"),
        name=name,
        short_name=short_name,
        is_active=active,
    )


def cost_center(number: int, name: str, items: Iterable[CostCenterItem] = ()) -> CostCenter:
    return CostCenter(id=guid(f"center-{number}"), number=number, name=name, is_active=True, items=list(items))


# --- Visma PM wire ----------------------------------------------------------------------------------
def _sek(amount: Decimal | None) -> Money | None:
    return None if amount is None else Money(amount=amount, currencyCode="SEK")


def pm_product(*, price: Decimal | None = Decimal("1200.00"), **overrides: Any) -> sev.Product:
    values: dict[str, Any] = {
        "guid": guid("pm-product"),
        "code": "P-100",
        "name": "Licens Projektverktyg",
        "measurementUnit": "st",
        "vatRate": Decimal("25"),
        "unitPrice": _sek(price),
        "unitCost": _sek(Decimal("400.00")),
        "isActive": True,
    }
    return sev.Product(**{**values, **overrides})


def pm_work_type(**overrides: Any) -> sev.WorkType:
    values: dict[str, Any] = {
        "guid": guid("pm-work-type"),
        "code": "KONS",
        "name": "Konsultation",
        "hourCost": _sek(Decimal("450.00")),
        "isActive": True,
    }
    return sev.WorkType(**{**values, **overrides})


def pm_travel_type(**overrides: Any) -> sev.TravelExpenseType:
    values: dict[str, Any] = {
        "guid": guid("pm-travel"),
        "code": "RESA",
        "name": "Tågbiljett",
        "measurementUnit": "st",
        "vatRate": Decimal("6"),
        "unitCost": _sek(Decimal("300.00")),
        "expenseClass": "OtherTravelExpense",
        "isActive": True,
    }
    return sev.TravelExpenseType(**{**values, **overrides})


def pm_reference(
    default_vat_percent: Decimal | None = Decimal("25"),
    work_type_prices: Mapping[str, Decimal] | None = None,
    travel_prices: Mapping[str, Decimal] | None = None,
) -> PmArticleReference:
    return PmArticleReference(
        default_vat_percent=default_vat_percent,
        work_type_prices={guid("pm-work-type"): Decimal("950.00")} if work_type_prices is None else work_type_prices,
        travel_prices={guid("pm-travel"): Decimal("320.00")} if travel_prices is None else travel_prices,
    )


def pm_project(**overrides: Any) -> SeveraProject:
    values: dict[str, Any] = {"guid": guid("pm-project"), "number": 1001, "name": "Nytt kontor Solna"}
    return SeveraProject(**{**values, **overrides})
