"""``/v1/products``: token-paged list with filters, create, read, JSON Patch."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .catalog_endpoints import CatalogResource
from .catalog_models import PRODUCT_INPUT, PRODUCT_TYPES
from .common import changed_since, filter_key
from .endpoint import Context, json_response, route
from .paging import token_page
from .problems import ApiProblem
from .query import bool_param, datetime_param, text_param
from .render_catalog import render_product
from .store import Document

__all__ = ["product_routes"]

PRODUCTS = CatalogResource(
    "products",
    "Product",
    PRODUCT_INPUT,
    render_product,
    money=("unitCost", "unitPrice"),
    rates=("vatRate",),
    unique_code=True,
)


def product_routes(ctx: Context) -> list[Route]:
    create, get, patch = PRODUCTS.handlers()
    return [
        route(ctx, "GET", "/v1/products", list_products),
        route(ctx, "POST", "/v1/products", create),
        route(ctx, "GET", "/v1/products/{guid}", get),
        route(ctx, "PATCH", "/v1/products/{guid}", patch),
    ]


async def list_products(request: Request, ctx: Context) -> Response:
    matches = _product_filter(request)
    code = text_param(request, "code")
    among = ctx.store.lookup("products", "code", [code]) if code is not None else None
    page = token_page(request, ctx.store.select("products", matches, key=filter_key(request), among=among))
    return json_response([render_product(ctx.store, doc) for doc in page.items], headers=page.headers())


def _product_filter(request: Request) -> Callable[[Document], bool]:
    kind = text_param(request, "type")
    if kind is not None and kind not in PRODUCT_TYPES:
        raise ApiProblem.invalid_parameter(
            f"The value '{kind}' is not valid for type: {', '.join(PRODUCT_TYPES)}.", "UriParameter", "type"
        )
    is_active = bool_param(request, "isActive")
    code = text_param(request, "code")
    recent = changed_since(datetime_param(request, "changedSince"))

    def matches(doc: Document) -> bool:
        return (
            (kind is None or doc.get("type") == kind)
            and (is_active is None or _is_active(doc) == is_active)
            and (code is None or doc.get("code") == code)
            and recent(doc)
        )

    return matches


def _is_active(product: Document) -> bool:
    """``isActive`` is nullable on products (default true): only an explicit false is inactive."""
    return product.get("isActive") is not False
