"""``/v2/costcenters`` (list, PUT) and ``/v2/costcenteritems`` (POST, GET and PUT by id).

The spec names the item id ``{itemId}`` on GET and ``{costCenterItemId}`` on PUT; two routes keep both
names, so every template here is spelled exactly as in the spec.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .bodies import read_json_object
from .context import EmulatorContext
from .cost_centers import COST_CENTER_FIELD_NAMES, CostCenterBook
from .jsonio import DecimalJSONResponse
from .paging import ListQuery, list_page
from .pipeline import Operation, api_route

__all__ = ["cost_center_routes"]

READ = ("ea:accounting", "ea:accounting_readonly", "ea:sales", "ea:sales_readonly", "vls:api")
WRITE = ("ea:accounting", "ea:sales", "vls:api")


def cost_center_routes(context: EmulatorContext) -> list[Route]:
    book = CostCenterBook(context.store, context.clock)

    async def list_cost_centers(request: Request) -> Response:
        query = ListQuery.from_params(request.query_params)
        return DecimalJSONResponse(list_page(book.cost_centers(), query, context.clock(), COST_CENTER_FIELD_NAMES))

    async def replace_cost_center(request: Request) -> Response:
        center_id = request.path_params["id"]
        book.cost_center(center_id)  # an unknown id is 404 before the body is even looked at
        body = await read_json_object(request, "CostCenterApi")
        return DecimalJSONResponse(book.replace_cost_center(center_id, body))

    async def create_item(request: Request) -> Response:
        body = await read_json_object(request, "CostCenterItemApi")
        return DecimalJSONResponse(book.create_item(body), status_code=201)

    async def get_item(request: Request) -> Response:
        return DecimalJSONResponse(book.get_item(request.path_params["itemId"]))

    async def replace_item(request: Request) -> Response:
        item_id = request.path_params["costCenterItemId"]
        book.get_item(item_id)  # an unknown id is 404 before the body is even looked at
        body = await read_json_object(request, "CostCenterItemApi")
        return DecimalJSONResponse(book.replace_item(item_id, body))

    return [
        api_route(context, "/v2/costcenters", {"GET": Operation.of(list_cost_centers, READ)}),
        api_route(context, "/v2/costcenters/{id}", {"PUT": Operation.of(replace_cost_center, WRITE)}),
        api_route(context, "/v2/costcenteritems", {"POST": Operation.of(create_item, WRITE)}),
        api_route(context, "/v2/costcenteritems/{itemId}", {"GET": Operation.of(get_item, READ)}),
        api_route(context, "/v2/costcenteritems/{costCenterItemId}", {"PUT": Operation.of(replace_item, WRITE)}),
    ]
