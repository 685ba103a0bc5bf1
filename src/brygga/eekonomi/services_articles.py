"""Services for the sales catalogue: articles, and the codings, units and VAT codes they refer to."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

from brygga.eekonomi.models_articles import Article, ArticleAccountCoding, Unit, VatCode
from brygga.eekonomi.odata import field
from brygga.eekonomi.services import ReadableListService, post_one, put_one

__all__ = ["ArticleAccountCodingsService", "ArticlesService", "UnitsService", "VatCodesService"]


class ArticlesService(ReadableListService[Article]):
    """``/articles``: list, read, create and replace. There is no DELETE: deactivate instead."""

    path = "/articles"
    model = Article
    item_path = "/articles/{articleId}"
    id_param = "articleId"

    async def create(self, article: Article) -> Article:
        """POST once; a lost answer raises with ``outcome_unknown``: reconcile with ``find_by_number``."""
        return await post_one(self._api, self.path, article, Article)

    async def update(self, article_id: str, article: Article) -> Article:
        """PUT replaces the whole article: pass one read with ``get`` and changed, not a fresh one."""
        return await put_one(self._api, self.item_path, {self.id_param: article_id}, article, Article)

    async def find_by_number(self, number: str) -> Article | None:
        """The article with exactly this Number, or None; the natural key for reconciling."""
        page = await self.list(page_size=10, filter=field("Number").eq(number))
        return next((article for article in page.data if article.number == number), None)

    async def changed_since(self, ts: datetime | None) -> AsyncIterator[Article]:
        """Articles with ``ChangedUtc`` after ``ts`` (all articles when ``ts`` is None)."""
        changed = field("ChangedUtc").gt(ts) if ts is not None else None
        async for article in self.iter(filter=changed):
            yield article


class ArticleAccountCodingsService(ReadableListService[ArticleAccountCoding]):
    """``/articleaccountcodings``: read-only; codings are made in the eEkonomi UI."""

    path = "/articleaccountcodings"
    model = ArticleAccountCoding
    item_path = "/articleaccountcodings/{articleAccountCodingId}"
    id_param = "articleAccountCodingId"


class UnitsService(ReadableListService[Unit]):
    """``/units``: read-only; units are made in the eEkonomi UI."""

    path = "/units"
    model = Unit
    item_path = "/units/{id}"
    id_param = "id"


class VatCodesService(ReadableListService[VatCode]):
    """``/vatcodes``: read-only, and only with an ``ea:accounting`` scope (403 otherwise)."""

    path = "/vatcodes"
    model = VatCode
    item_path = "/vatcodes/{id}"
    id_param = "id"
