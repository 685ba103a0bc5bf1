"""Organisation settings the customer transfer needs: ``/v1/currencies`` and ``/v1/localization/countries``."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .common import find_or_404
from .endpoint import Context, json_response, route
from .paging import offset_page
from .problems import ApiProblem
from .query import bool_param, text_param
from .store import Document

__all__ = ["settings_routes"]

_CURRENCY_KEYS = (
    "code",
    "createdBy",
    "createdDateTime",
    "guid",
    "isActive",
    "isOrganizationCurrency",
    "lastUpdatedBy",
    "lastUpdatedDateTime",
    "name",
    "rate",
    "symbol",
)


def settings_routes(ctx: Context) -> list[Route]:
    return [
        route(ctx, "GET", "/v1/currencies", list_currencies),
        route(ctx, "GET", "/v1/currencies/{guid}", get_currency),
        route(ctx, "GET", "/v1/localization/countries", list_countries),
        # The spec has both /countries/{code2} (an array) and /countries/{guid} (one model) on the same
        # template; a two-letter segment is a code, anything else a GUID.
        route(ctx, "GET", "/v1/localization/countries/{code2}", get_country),
    ]


async def list_currencies(request: Request, ctx: Context) -> Response:
    active = bool_param(request, "active")
    text = (text_param(request, "textToSearch") or "").lower()

    def wanted(doc: Document) -> bool:
        searchable = f"{doc.get('code', '')} {doc.get('name', '')}".lower()
        return (active is None or doc.get("isActive") == active) and text in searchable

    currencies = offset_page(request, ctx.store.all("currencies", wanted))
    return json_response([_currency(doc) for doc in currencies])


async def get_currency(request: Request, ctx: Context) -> Response:
    return json_response(_currency(find_or_404(ctx, "currencies", request.path_params["guid"], "Currency")))


async def list_countries(request: Request, ctx: Context) -> Response:
    return json_response([_country(ctx, doc) for doc in ctx.store.all("countries")])


async def get_country(request: Request, ctx: Context) -> Response:
    key = request.path_params["code2"]
    if len(key) != 2:
        return json_response(_country(ctx, find_or_404(ctx, "countries", key, "Country")))
    found = ctx.store.all("countries", lambda doc: doc["code2"] == key.upper())
    if not found:
        raise ApiProblem.not_found("Country", key, "code2")
    return json_response([_country(ctx, doc) for doc in found])


def _currency(doc: Document) -> dict[str, Any]:
    return {key: doc.get(key) for key in _CURRENCY_KEYS}


def _country(ctx: Context, doc: Document) -> dict[str, Any]:
    """``CountryModel``; the currency reference only when the organisation has that currency."""
    currencies = ctx.store.all("currencies", lambda currency: currency.get("code") == doc.get("currencyCode"))
    currency = {key: currencies[0].get(key) for key in ("code", "guid", "name", "symbol")} if currencies else None
    return {
        "code2": doc["code2"],
        "code3": doc["code3"],
        "companyRegisterUrl": None,
        "currency": currency,
        "defaultCulture": doc.get("defaultCulture"),
        "defaultLanguage": None,
        "englishName": doc["englishName"],
        "guid": doc["guid"],
        "hasRegions": doc.get("hasRegions", "NoRegion"),
        "isInEU": doc["isInEU"],
        "isRegistrationCountry": doc.get("isRegistrationCountry", False),
        "name": doc["name"],
        "timezone": None,
    }
