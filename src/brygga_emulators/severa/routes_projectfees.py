"""Project fees: ``/v1/projectfees`` (token-paged list with ``changedSince``, create, read by GUID) and
``/v1/projects/{projectGuid}/projectfees`` (token-paged, with the billing filters).

``POST`` answers 201 with an array holding the created ``ProjectFeeOutputModel``, as the spec says.
Nothing is invoiced in the emulator and there are no recurrence rules, so ``isBilled=true`` and
``isBillablePeriodInFuture=true`` match nothing; ``invoiceableDate`` keeps the billable fees whose event
date (if any) is on or before it. The spec names no maximum ``rowCount`` on these routes.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .catalog_models import PRODUCT_TYPES
from .common import changed_since, filter_key, find_or_404, new_guid, stamp_created
from .endpoint import Context, json_response, read_json, route
from .fee_models import PROJECT_FEE_INPUT
from .paging import token_page
from .problems import ApiProblem
from .project_fees import checked_project_fee, render_project_fee
from .query import bool_param, datetime_param, text_param
from .schema import validate_model
from .store import Document

__all__ = ["project_fee_routes"]


def project_fee_routes(ctx: Context) -> list[Route]:
    return [
        route(ctx, "GET", "/v1/projectfees", list_project_fees),
        route(ctx, "POST", "/v1/projectfees", create_project_fee),
        route(ctx, "GET", "/v1/projectfees/{guid}", get_project_fee),
        route(ctx, "GET", "/v1/projects/{projectGuid}/projectfees", list_fees_of_project),
    ]


async def list_project_fees(request: Request, ctx: Context) -> Response:
    recent = changed_since(datetime_param(request, "changedSince"))
    page = token_page(request, ctx.store.select("projectfees", recent, key=filter_key(request)))
    return json_response([render_project_fee(ctx.store, doc) for doc in page.items], headers=page.headers())


async def create_project_fee(request: Request, ctx: Context) -> Response:
    body = validate_model(PROJECT_FEE_INPUT, await read_json(request))
    with ctx.store.locked():
        document = checked_project_fee(ctx, body)
        document["guid"] = new_guid(ctx, "projectfees")
        stored = ctx.store.put("projectfees", stamp_created(ctx, document))
    return json_response([render_project_fee(ctx.store, stored)], 201)


async def get_project_fee(request: Request, ctx: Context) -> Response:
    fee = find_or_404(ctx, "projectfees", request.path_params["guid"], "Project fee")
    return json_response(render_project_fee(ctx.store, fee))


async def list_fees_of_project(request: Request, ctx: Context) -> Response:
    project = find_or_404(ctx, "projects", request.path_params["projectGuid"], "Project", "projectGuid")
    matches = _fee_filter(request, project["guid"])
    among = ctx.store.lookup("projectfees", "project", [project["guid"]])
    page = token_page(request, ctx.store.select("projectfees", matches, key=filter_key(request), among=among))
    return json_response([render_project_fee(ctx.store, doc) for doc in page.items], headers=page.headers())


def _fee_filter(request: Request, project_guid: str) -> Callable[[Document], bool]:
    product_type = text_param(request, "productType")
    if product_type is not None and product_type not in PRODUCT_TYPES:
        message = f"The value '{product_type}' is not valid for productType: {', '.join(PRODUCT_TYPES)}."
        raise ApiProblem.invalid_parameter(message, "UriParameter", "productType", product_type)
    billable = bool_param(request, "isBillable")
    invoiceable = datetime_param(request, "invoiceableDate")
    bool_param(request, "includeRecurringRules")  # validated; the emulator has no recurrence rules
    nothing = bool_param(request, "isBilled") is True or bool_param(request, "isBillablePeriodInFuture") is True

    def matches(doc: Document) -> bool:
        is_billable = doc.get("isBillable") is True
        event = doc.get("eventDate")
        return (
            not nothing
            and doc["project"]["guid"] == project_guid
            and (product_type is None or doc.get("productType") == product_type)
            and (billable is None or is_billable == billable)
            and (invoiceable is None or (is_billable and (event is None or event <= invoiceable.date().isoformat())))
        )

    return matches
