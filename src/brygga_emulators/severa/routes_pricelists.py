"""Price lists and their versions, read only: ``/v1/pricelists`` and ``/v1/pricelistversions/{guid}``.

Every data set has one price list, the organisation's default in its own currency, with one version.
Its rows (work-hour, travel and product prices) are served by :mod:`routes_prices`.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .common import find_or_404
from .endpoint import Context, json_response, route
from .paging import offset_page
from .query import bool_param, text_param
from .render import currency_ref
from .store import Document, SeveraStore

__all__ = ["pricelist_routes", "render_pricelist", "render_pricelist_version"]

_PRICELIST_KEYS = ("createdDateTime", "guid", "lastUpdatedDateTime", "name")
_PRICELIST_FLAGS = ("isActive", "isCustom", "isDefault", "isVolumePricing")
_VERSION_KEYS = ("createdDateTime", "guid", "lastUpdatedDateTime", "pricelistGuid", "startDate")
# The emulator has no users: price lists were set up by nobody it can name.
_NO_USERS = {"createdBy": None, "lastUpdatedBy": None}


def pricelist_routes(ctx: Context) -> list[Route]:
    return [
        route(ctx, "GET", "/v1/pricelists", list_pricelists),
        route(ctx, "GET", "/v1/pricelists/{guid}", get_pricelist),
        route(ctx, "GET", "/v1/pricelists/{pricelistGuid}/pricelistversions", list_pricelist_versions),
        route(ctx, "GET", "/v1/pricelistversions/{guid}", get_pricelist_version),
    ]


async def list_pricelists(request: Request, ctx: Context) -> Response:
    active = bool_param(request, "active")
    text = (text_param(request, "textToSearch") or "").lower()
    name = text_param(request, "name")
    currency = text_param(request, "currencyGuid")

    def wanted(doc: Document) -> bool:
        return (
            (active is None or bool(doc.get("isActive")) == active)
            and text in str(doc.get("name") or "").lower()
            and (name is None or doc.get("name") == name)
            and (currency is None or (doc.get("currency") or {}).get("guid") == currency)
        )

    pricelists = offset_page(request, ctx.store.all("pricelists", wanted))
    return json_response([render_pricelist(ctx.store, doc) for doc in pricelists])


async def get_pricelist(request: Request, ctx: Context) -> Response:
    pricelist = find_or_404(ctx, "pricelists", request.path_params["guid"], "Price list")
    return json_response(render_pricelist(ctx.store, pricelist))


async def list_pricelist_versions(request: Request, ctx: Context) -> Response:
    pricelist_guid = request.path_params["pricelistGuid"]
    find_or_404(ctx, "pricelists", pricelist_guid, "Price list", "pricelistGuid")
    versions = ctx.store.all("pricelistversions", lambda doc: doc.get("pricelistGuid") == pricelist_guid)
    return json_response([render_pricelist_version(doc) for doc in versions])


async def get_pricelist_version(request: Request, ctx: Context) -> Response:
    version = find_or_404(ctx, "pricelistversions", request.path_params["guid"], "Price list version")
    return json_response(render_pricelist_version(version))


def render_pricelist(store: SeveraStore, pricelist: Document) -> dict[str, Any]:
    """``PriceListOutputModel`` and ``PriceListModel`` declare the same properties."""
    body: dict[str, Any] = {key: pricelist.get(key) for key in _PRICELIST_KEYS}
    body.update({flag: bool(pricelist.get(flag)) for flag in _PRICELIST_FLAGS})
    body["currency"] = currency_ref(store, pricelist.get("currency"))
    return {**body, **_NO_USERS}


def render_pricelist_version(version: Document) -> dict[str, Any]:
    return {**{key: version.get(key) for key in _VERSION_KEYS}, **_NO_USERS}
