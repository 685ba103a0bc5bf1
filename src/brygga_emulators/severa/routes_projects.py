"""``/v1/projects``: token-paged list (at most 100 rows a page) with filters, and read by GUID.

Filters on things the emulator does not model (keywords, owners, sales people, statuses, business
units, members, market segments) match no project when given, exactly as for a tenant whose projects
have none of them. Nothing is billable in the emulator, so ``isBillable=true``, ``hasRecurringFees=true``
and a positive ``minimumBillableAmount`` match nothing either.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .common import changed_since, filter_key, find_or_404
from .endpoint import Context, json_response, route
from .paging import OFFSET_MAX_ROW_COUNT, token_page
from .query import bool_param, datetime_param, decimal_param, int_list_param, text_list_param, text_param
from .render_projects import render_project
from .store import Document

__all__ = ["project_routes"]

_UNMODELLED_LISTS = (
    "projectKeywordGuids",
    "projectStatusTypeGuids",
    "salesPersonGuids",
    "projectOwnerGuids",
    "businessUnitGuids",
    "marketSegmentationGuids",
    "salesStatusTypeGuids",
    "companyCurrencyGuids",
    "projectMemberUserGuids",
)


def project_routes(ctx: Context) -> list[Route]:
    return [
        route(ctx, "GET", "/v1/projects", list_projects),
        route(ctx, "GET", "/v1/projects/{guid}", get_project),
    ]


async def list_projects(request: Request, ctx: Context) -> Response:
    matches = _project_filter(request, ctx)
    # The spec says "Default 20, maximum 100" on this route, unlike /v1/customers.
    numbers = int_list_param(request, "numbers")
    among = ctx.store.lookup("projects", "number", numbers) if numbers else None
    found = ctx.store.select("projects", matches, key=filter_key(request), among=among)
    page = token_page(request, found, OFFSET_MAX_ROW_COUNT)
    return json_response([render_project(ctx.store, doc) for doc in page.items], headers=page.headers())


async def get_project(request: Request, ctx: Context) -> Response:
    return json_response(
        render_project(ctx.store, find_or_404(ctx, "projects", request.path_params["guid"], "Project"))
    )


def _project_filter(request: Request, ctx: Context) -> Callable[[Document], bool]:
    is_closed = bool_param(request, "isClosed")
    internal = bool_param(request, "internal")
    numbers = set(int_list_param(request, "numbers"))
    customers = set(text_list_param(request, "customerGuids"))
    projects = set(text_list_param(request, "projectGuids"))
    currency = text_param(request, "currencyGuid")
    owned_customers = _customers_owned_by(ctx, set(text_list_param(request, "customerOwnerGuids")))
    recent = changed_since(datetime_param(request, "changedSince"))
    nothing = _nothing_billable_wanted(request) or any(text_list_param(request, name) for name in _UNMODELLED_LISTS)

    def matches(doc: Document) -> bool:
        customer_guid = (doc.get("customer") or {}).get("guid")
        return (
            not nothing
            and (is_closed is None or bool(doc.get("isClosed")) == is_closed)
            and (internal is None or bool(doc.get("isInternal")) == internal)
            and (not numbers or doc.get("number") in numbers)
            and (not customers or customer_guid in customers)
            and (not projects or doc["guid"] in projects)
            and (currency is None or (doc.get("currency") or {}).get("guid") == currency)
            and (owned_customers is None or customer_guid in owned_customers)
            and recent(doc)
        )

    return matches


def _customers_owned_by(ctx: Context, owners: set[str]) -> set[str] | None:
    if not owners:
        return None
    owned = ctx.store.select("customers", lambda doc: (doc.get("owner") or {}).get("guid") in owners)
    return {doc["guid"] for doc in owned}


def _nothing_billable_wanted(request: Request) -> bool:
    """True when a billing filter asks for something no emulated project has."""
    datetime_param(request, "invoiceableDate")  # validated; with nothing billable it selects nothing more
    minimum = decimal_param(request, "minimumBillableAmount")
    return (
        bool_param(request, "isBillable") is True
        or bool_param(request, "hasRecurringFees") is True
        or (minimum is not None and minimum > 0)
    )
