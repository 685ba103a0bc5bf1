"""The rows of a price-list version: work-hour, travel and product prices, read only.

- ``workhourprices``: token paging, ``changedSince``; one row per work type (no user-specific rows).
  The spec declares the 200 body as one ``WorkHourPriceOutputModel``, but the route pages with
  ``NextPageToken``; the emulator answers an array, as a paged list must be.
- ``travelprices``: one ``TravelPriceOutputModel`` per travel expense type with the price list's price.
  Without ``fromPricelistOnly=true`` the other active travel types are listed too, with no prices: the
  product registry holds no sales price for them (their output model has none).
- ``productprices``: the default price list has no product rows, so every price comes from the product
  registry (``priceSource`` ``ProductRegistry``: the product's unit price); ``fromPricelistOnly=true``
  therefore lists nothing.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .catalog_models import EXPENSE_CLASSES, MONEY_OUTPUT, PRODUCT_TYPES
from .common import changed_since, find_or_404
from .endpoint import Context, json_response, route
from .ids import stable_guid
from .paging import OFFSET_MAX_ROW_COUNT, offset_page, token_page
from .problems import ApiProblem
from .query import bool_param, datetime_param, text_list_param, text_param
from .render import fill
from .store import Document

__all__ = ["price_routes"]

_VERSION = "pricelistVersionGuid"


def price_routes(ctx: Context) -> list[Route]:
    return [
        route(ctx, "GET", "/v1/pricelistversions/{pricelistVersionGuid}/workhourprices", list_work_hour_prices),
        route(ctx, "GET", "/v1/pricelistversions/{pricelistVersionGuid}/travelprices", list_travel_prices),
        route(ctx, "GET", "/v1/pricelistversions/{pricelistVersionGuid}/productprices", list_product_prices),
    ]


def _version_guid(request: Request, ctx: Context) -> str:
    version = find_or_404(ctx, "pricelistversions", request.path_params[_VERSION], "Price list version", _VERSION)
    return str(version["guid"])


def _money(price: Any) -> dict[str, Any] | None:
    return fill(MONEY_OUTPUT, price) if price else None


async def list_work_hour_prices(request: Request, ctx: Context) -> Response:
    version = _version_guid(request, ctx)
    recent = changed_since(datetime_param(request, "changedSince"))
    rows = ctx.store.all("workhourprices", lambda doc: doc["pricelistVersion"]["guid"] == version and recent(doc))
    page = token_page(request, rows, OFFSET_MAX_ROW_COUNT)
    return json_response([_work_hour_price(ctx, doc) for doc in page.items], headers=page.headers())


def _work_hour_price(ctx: Context, row: Document) -> dict[str, Any]:
    work_type = ctx.store.get("worktypes", row["workType"]["guid"]) or {}
    return {
        "createdBy": None,
        "createdDateTime": row["createdDateTime"],
        "guid": row["guid"],
        "isBillable": row.get("isBillable", True),
        "lastUpdatedBy": None,
        "lastUpdatedDateTime": row.get("lastUpdatedDateTime"),
        "pricelistVersion": {"guid": row["pricelistVersion"]["guid"]},
        "unitPrice": _money(row.get("unitPrice")),
        "user": None,
        "workType": {"guid": row["workType"]["guid"], "name": work_type.get("name")},
    }


async def list_travel_prices(request: Request, ctx: Context) -> Response:
    version = _version_guid(request, ctx)
    classes = _enum_list(request, "expenseClasses", EXPENSE_CLASSES)
    text = (text_param(request, "textToSearch") or "").lower()
    rows = ctx.store.all("travelprices", lambda doc: doc[_VERSION] == version)
    priced = {row["travelExpenseType"]["guid"]: row for row in rows}
    registry_too = bool_param(request, "fromPricelistOnly") is not True

    def wanted(doc: Document) -> bool:
        listed = doc["guid"] in priced or (registry_too and doc.get("isActive") is not False)
        return listed and (not classes or doc.get("expenseClass") in classes) and text in str(doc.get("name")).lower()

    travel_types = offset_page(request, ctx.store.all("travelexpensetypes", wanted))
    return json_response([_travel_price(doc, priced.get(doc["guid"])) for doc in travel_types])


def _travel_price(travel_type: Document, row: Document | None) -> dict[str, Any]:
    prices = []
    if row is not None:
        prices.append(_price(row["guid"], row.get("price"), "Pricelist", row[_VERSION]))
    product = {
        "expenseClass": travel_type.get("expenseClass"),
        "guid": travel_type["guid"],
        "name": travel_type.get("name"),
        "productCode": travel_type.get("code"),
    }
    return {"prices": prices, "product": product}


def _price(guid: str, money: Any, source: str, version: str | None) -> dict[str, Any]:
    return {"guid": guid, "price": _money(money), "priceSource": source, _VERSION: version, "projectGuid": None}


async def list_product_prices(request: Request, ctx: Context) -> Response:
    _version_guid(request, ctx)
    types = _enum_list(request, "productTypes", PRODUCT_TYPES)
    code = text_param(request, "productCode")
    guids = set(text_list_param(request, "productGuids"))
    text = (text_param(request, "textToSearch") or "").lower()
    # No price-list rows, no volume pricing and no categories in the emulator: those filters empty the list.
    nothing = (
        bool_param(request, "fromPricelistOnly") is True
        or bool_param(request, "isVolumePriced") is True
        or bool(text_list_param(request, "productCategoryGuids"))
    )

    def wanted(doc: Document) -> bool:
        return (
            not nothing
            and (not types or doc.get("type") in types)
            and (code is None or doc.get("code") == code)
            and (not guids or doc["guid"] in guids)
            and text in str(doc.get("name")).lower()
        )

    products = offset_page(request, ctx.store.all("products", wanted))
    return json_response([_product_price(doc) for doc in products])


def _product_price(product: Document) -> dict[str, Any]:
    prices = []
    if product.get("unitPrice"):
        price = _price(stable_guid("productprice", product["guid"]), product["unitPrice"], "ProductRegistry", None)
        prices.append({**price, "quantity": None})
    return {
        "isAvailable": product.get("isActive") is not False,
        "isVolumePriced": False,
        "prices": prices,
        "product": {
            "guid": product["guid"],
            "name": product.get("name"),
            "productCategory": None,
            "productCode": product.get("code"),
            "productType": product.get("type"),
        },
    }


def _enum_list(request: Request, name: str, allowed: tuple[str, ...]) -> set[str]:
    values = text_list_param(request, name)
    for value in values:
        if value not in allowed:
            message = f"The value '{value}' is not valid for {name}: {', '.join(allowed)}."
            raise ApiProblem.invalid_parameter(message, "UriParameter", name, value)
    return set(values)
