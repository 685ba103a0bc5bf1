"""``/v1/travelexpensetypes``: offset-paged list ("default all"), create, read, JSON Patch.

No ``changedSince`` here (the spec has none): clients refetch the whole, short list. A travel expense
type has a unit cost but no sales price; that lives in the price lists' travel prices.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .catalog_endpoints import CatalogResource
from .catalog_models import TRAVEL_EXPENSE_TYPE_INPUT
from .endpoint import Context, json_response, route
from .paging import offset_page
from .query import bool_param, text_param
from .render_catalog import render_travel_expense_type
from .store import Document

__all__ = ["travel_expense_type_routes"]

TRAVEL_EXPENSE_TYPES = CatalogResource(
    "travelexpensetypes",
    "Travel expense type",
    TRAVEL_EXPENSE_TYPE_INPUT,
    render_travel_expense_type,
    money=("unitCost",),
    rates=("vatRate", "purchaseVatRate"),
)


def travel_expense_type_routes(ctx: Context) -> list[Route]:
    create, get, patch = TRAVEL_EXPENSE_TYPES.handlers()
    return [
        route(ctx, "GET", "/v1/travelexpensetypes", list_travel_expense_types),
        route(ctx, "POST", "/v1/travelexpensetypes", create),
        route(ctx, "GET", "/v1/travelexpensetypes/{guid}", get),
        route(ctx, "PATCH", "/v1/travelexpensetypes/{guid}", patch),
    ]


async def list_travel_expense_types(request: Request, ctx: Context) -> Response:
    matches = ctx.store.all("travelexpensetypes", _travel_type_filter(request))
    # "Default all": without rowCount the whole list comes back, and no maximum is documented.
    travel_types = offset_page(request, matches, default_rows=None, max_rows=None)
    return json_response([render_travel_expense_type(ctx.store, doc) for doc in travel_types])


def _travel_type_filter(request: Request) -> Callable[[Document], bool]:
    active = bool_param(request, "active")
    code = text_param(request, "code")
    text = (text_param(request, "textToSearch") or "").lower()

    def matches(doc: Document) -> bool:
        searchable = f"{doc.get('code') or ''} {doc.get('name') or ''}".lower()
        return (
            (active is None or (doc.get("isActive") is not False) == active)
            and (code is None or doc.get("code") == code)
            and text in searchable
        )

    return matches
