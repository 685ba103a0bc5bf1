"""Products, work types and travel expense types in Visma PM: read as one set of articles, written per kind.

Products are read incrementally (``changedSince``); work types and travel expense types are read whole each run,
because their prices live in the price list (a price change leaves the type itself untouched) and travel types
have no ``changedSince`` at all (severa-fit G4). Unchanged linked items cost nothing: their fingerprints match.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import datetime

from brygga.domain import Article, ArticleKind
from brygga.errors import ConfigError
from brygga.mapping.severa_articles import (
    PmArticleReference,
    from_severa_product,
    from_severa_travel_type,
    from_severa_work_type,
    pm_article_id,
    severa_article_changes,
    to_severa_product,
)
from brygga.severa import article_models as sev
from brygga.severa.client import SeveraClient

__all__ = ["PmArticleSide", "PmItem"]


@dataclass(frozen=True, slots=True)  # one per PM article read: no instance dict
class PmItem:
    kind: ArticleKind
    guid: str
    article: Article

    @property
    def pm_id(self) -> str:
        return pm_article_id(self.kind, self.guid)


class PmArticleSide:
    def __init__(self, client: SeveraClient) -> None:
        self.client = client
        self._reference: PmArticleReference | None = None

    async def reference(self) -> PmArticleReference:
        if self._reference is None:
            rates = [rate async for rate in self.client.vat_rates.iter(active=True)]
            default = next((r.percentage for r in rates if r.isDefault), None)
            try:
                prices = await self.client.price_lists.default_prices()
                work, travel, currency = prices.work_type_prices, prices.travel_prices, prices.currency_code
            except ConfigError:
                # No price list in PM: articles then go over without a price rather than not at all.
                work, travel, currency = {}, {}, None
            self._reference = PmArticleReference(default, work, travel, currency or "SEK")
        return self._reference

    async def changed(self, since: datetime | None, retry_ids: Iterable[str] = ()) -> list[PmItem]:
        return [item async for item in self.iter_changed(since, retry_ids)]

    async def iter_changed(self, since: datetime | None, retry_ids: Iterable[str] = ()) -> AsyncIterator[PmItem]:
        """Products changed since ``since`` (all when None), every work type and travel expense type, and the
        products of ``retry_ids`` not among them: one at a time, so a caller need not hold them all."""
        ref = await self.reference()
        known: set[str] = set()
        async for p in self.client.products.iter(changed_since=since):
            if p.guid:
                known.add(p.guid)
                yield PmItem(ArticleKind.PRODUCT, p.guid, from_severa_product(p))
        async for w in self.client.work_types.iter():
            if w.guid:
                yield PmItem(ArticleKind.WORK_TYPE, w.guid, from_severa_work_type(w, ref))
        async for t in self.client.travel_expense_types.iter():
            if t.guid:
                yield PmItem(ArticleKind.TRAVEL, t.guid, from_severa_travel_type(t, ref))
        for pm_id in sorted(set(retry_ids)):
            kind, _, guid = pm_id.partition(":")
            if kind == ArticleKind.PRODUCT.value and guid not in known:
                yield PmItem(ArticleKind.PRODUCT, guid, from_severa_product(await self.client.products.get(guid)))

    async def products_by_code(self, codes: Iterable[str]) -> dict[str, PmItem]:
        found: dict[str, PmItem] = {}
        for code in sorted(set(codes)):
            async for product in self.client.products.iter(code=code):
                if product.guid and (product.code or "").strip() == code:
                    found[code] = PmItem(ArticleKind.PRODUCT, product.guid, from_severa_product(product))
        return found

    async def create_product(self, article: Article) -> PmItem:
        ref = await self.reference()
        created = await self.client.products.create(to_severa_product(article, ref.currency_code))
        return PmItem(ArticleKind.PRODUCT, created.guid or "", from_severa_product(created))

    async def update(self, item: PmItem, desired: Article) -> PmItem:
        ref = await self.reference()
        changes = severa_article_changes(item.kind, item.article, desired, ref.currency_code)
        if not changes:
            return item
        if item.kind is ArticleKind.PRODUCT:
            product: sev.Product = await self.client.products.update(item.guid, changes)
            return PmItem(item.kind, item.guid, from_severa_product(product))
        if item.kind is ArticleKind.WORK_TYPE:
            work = await self.client.work_types.update(item.guid, changes)
            return PmItem(item.kind, item.guid, from_severa_work_type(work, ref))
        travel = await self.client.travel_expense_types.update(item.guid, changes)
        return PmItem(item.kind, item.guid, from_severa_travel_type(travel, ref))

    async def get(self, pm_id: str) -> PmItem:
        kind_text, _, guid = pm_id.partition(":")
        kind = ArticleKind(kind_text)
        ref = await self.reference()
        if kind is ArticleKind.PRODUCT:
            return PmItem(kind, guid, from_severa_product(await self.client.products.get(guid)))
        if kind is ArticleKind.WORK_TYPE:
            return PmItem(kind, guid, from_severa_work_type(await self.client.work_types.get(guid), ref))
        return PmItem(kind, guid, from_severa_travel_type(await self.client.travel_expense_types.get(guid), ref))
