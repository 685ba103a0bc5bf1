"""Services for products, work types, travel expense types and VAT rates (Severa's settings routes).

Paging follows the spec per route: products are token-paged (no documented ``rowCount`` limit),
work types and travel expense types offset-paged (at most 100 rows a page), VAT rates one unpaged
list. Filters keep the spec's parameter names, which differ between routes (``isActive`` on
products, ``active`` on the others).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

from brygga.severa.article_models import Product, TravelExpenseType, VatRate, WorkType
from brygga.severa.pages import TOKEN_PAGE_ROWS
from brygga.severa.query import query_items
from brygga.severa.service_base import CrudService, Page, Service

__all__ = ["ProductsService", "TravelExpenseTypesService", "VatRatesService", "WorkTypesService"]


class ProductsService(CrudService[Product]):
    """``/v1/products`` (token paging)."""

    _MODEL = Product
    _LIST = "/v1/products"
    _ONE = "/v1/products/{guid}"

    async def list(
        self,
        *,
        page_token: str | None = None,
        row_count: int = TOKEN_PAGE_ROWS,
        changed_since: datetime | None = None,
        is_active: bool | None = None,
        code: str | None = None,
    ) -> Page[Product]:
        query = query_items(changedSince=changed_since, isActive=is_active, code=code)
        return await self._token_page(Product, self._LIST, query=query, page_token=page_token, row_count=row_count)

    def iter(
        self, *, changed_since: datetime | None = None, is_active: bool | None = None, code: str | None = None
    ) -> AsyncIterator[Product]:
        """Every matching product; ``changed_since`` is inclusive, ``code`` an exact product code."""
        query = query_items(changedSince=changed_since, isActive=is_active, code=code)
        return self._iter_token(Product, self._LIST, query=query)


class WorkTypesService(CrudService[WorkType]):
    """``/v1/worktypes`` (offset paging)."""

    _MODEL = WorkType
    _LIST = "/v1/worktypes"
    _ONE = "/v1/worktypes/{guid}"

    def iter(self, *, changed_since: datetime | None = None, active: bool | None = None) -> AsyncIterator[WorkType]:
        """Every matching work type; their sales prices are in the price list, not here."""
        return self._iter_offset(WorkType, self._LIST, query=query_items(changedSince=changed_since, active=active))


class TravelExpenseTypesService(CrudService[TravelExpenseType]):
    """``/v1/travelexpensetypes`` (offset paging).

    The route has no ``changedSince`` filter, so there is no incremental read: callers fetch the
    whole (small) list each run and compare it with what they stored.
    """

    _MODEL = TravelExpenseType
    _LIST = "/v1/travelexpensetypes"
    _ONE = "/v1/travelexpensetypes/{guid}"

    def iter(self, *, active: bool | None = None) -> AsyncIterator[TravelExpenseType]:
        return self._iter_offset(TravelExpenseType, self._LIST, query=query_items(active=active))


class VatRatesService(Service):
    """``/v1/vatrates``: one unpaged list, by default of the organisation's own country."""

    _LIST = "/v1/vatrates"

    async def iter(self, *, active: bool | None = None, country_guid: str | None = None) -> AsyncIterator[VatRate]:
        query = query_items(active=active, countryGuid=country_guid)
        for rate in await self._all_unpaged(VatRate, self._LIST, query=query):
            yield rate
