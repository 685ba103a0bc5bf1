"""eEkonomi articles <-> the canonical article (rules A3, A4, A5)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from brygga.domain import Article, ArticleKind
from brygga.eekonomi.models_articles import Article as EekArticle
from brygga.eekonomi.models_articles import ArticleAccountCoding, Unit
from brygga.money import gross_from_net

__all__ = ["ArticleReference", "coding_name_for", "from_eekonomi_article", "to_eekonomi_article", "to_eekonomi_fields"]

# Rule A4's fallbacks, matched against the company's units by code or abbreviation.
HOURS, KILOMETRES, PIECES = ("h", "tim", "timmar"), ("km", "kilometer"), ("st", "styck", "pcs")


def coding_name_for(vat_rate: Decimal) -> str:
    """Rule A3: "Tjänster 25% moms" for 25 %; 0 % is "Tjänster momsfri" in a Swedish company."""
    percent = (vat_rate * 100).normalize()
    return "Tjänster momsfri" if percent == 0 else f"Tjänster {percent:f}% moms"


@dataclass(frozen=True)
class ArticleReference:
    codings: Sequence[ArticleAccountCoding]
    units: Sequence[Unit]

    def service_coding(self, vat_rate: Decimal) -> ArticleAccountCoding | None:
        """The "Tjänster x% moms" coding (rule A3), else any active service coding with that rate."""
        candidates = [c for c in self.codings if c.is_active is not False and c.vat_rate == vat_rate]
        wanted = coding_name_for(vat_rate).casefold()
        for coding in candidates:
            if (coding.name or "").casefold() == wanted:
                return coding
        return next((c for c in candidates if c.is_service), None)

    def coding(self, coding_id: str | None) -> ArticleAccountCoding | None:
        return next((c for c in self.codings if c.id == coding_id), None)

    def unit_for(self, article: Article) -> Unit | None:
        """Rule A4: PM's unit when eEkonomi knows it; else hours, kilometres or pieces by the kind."""
        if article.unit:
            known = self._unit_named(article.unit.casefold())
            if known is not None:
                return known
        if article.kind is ArticleKind.WORK_TYPE:
            return self._first(HOURS)
        if article.mileage:
            return self._first(KILOMETRES)
        return self._first(PIECES)

    def unit(self, unit_id: str | None) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def _unit_named(self, text: str) -> Unit | None:
        for unit in self.units:
            names = {v.casefold() for v in (unit.code, unit.abbreviation, unit.name, unit.abbreviation_english) if v}
            if text in names:
                return unit
        return None

    def _first(self, names: Sequence[str]) -> Unit | None:
        return next((u for n in names if (u := self._unit_named(n)) is not None), None)


def from_eekonomi_article(article: EekArticle, ref: ArticleReference) -> Article:
    coding = ref.coding(article.coding_id)
    unit = ref.unit(article.unit_id)
    return Article(
        number=article.number.strip() or None,
        name=article.name.strip(),
        is_active=article.is_active,
        kind=ArticleKind.PRODUCT,
        unit=(unit.abbreviation or unit.code or unit.name) if unit else article.unit_abbreviation,
        vat_rate=coding.vat_rate if coding else None,
        net_price=article.net_price,
    )


def to_eekonomi_fields(article: Article, coding_id: str | None, unit_id: str | None) -> dict[str, Any]:
    """The ArticleApi fields brygga owns; both prices so eEkonomi's net/gross check passes (rule A5)."""
    fields: dict[str, Any] = {
        "Number": article.number,
        "Name": article.name,
        "IsActive": article.is_active,
        "CodingId": coding_id,
        "UnitId": unit_id,
    }
    if article.net_price is not None and article.vat_rate is not None:
        fields["NetPrice"] = article.net_price
        fields["GrossPrice"] = gross_from_net(article.net_price, article.vat_rate)
    return fields


def to_eekonomi_article(fields: dict[str, Any], base: EekArticle | None = None) -> EekArticle:
    current = base.to_body() if base is not None else {}
    return EekArticle.model_validate({**current, **fields})
