"""``/v2/customers`` and ``/v2/customers/{customerId}``."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .bodies import read_json_object
from .context import EmulatorContext
from .customers import CUSTOMER_DATETIME_FIELDS, CUSTOMER_FIELD_NAMES, CustomerBook
from .jsonio import DecimalJSONResponse
from .paging import ListQuery, list_page
from .pipeline import Operation, api_route

__all__ = ["customer_routes"]

READ = ("ea:sales", "ea:sales_readonly")
WRITE = ("ea:sales",)


def customer_routes(context: EmulatorContext) -> list[Route]:
    book = CustomerBook(context.store, context.clock)

    async def list_customers(request: Request) -> Response:
        query = ListQuery.from_params(request.query_params)
        documents = context.store.customers
        page = list_page(documents, query, context.clock(), CUSTOMER_FIELD_NAMES, CUSTOMER_DATETIME_FIELDS)
        return DecimalJSONResponse(page)

    async def create_customer(request: Request) -> Response:
        body = await read_json_object(request, "CustomerApi")
        return DecimalJSONResponse(book.create(body), status_code=201)

    async def get_customer(request: Request) -> Response:
        return DecimalJSONResponse(book.get(request.path_params["customerId"]))

    async def replace_customer(request: Request) -> Response:
        customer_id = request.path_params["customerId"]
        book.get(customer_id)  # an unknown id is 404 before the body is even looked at
        body = await read_json_object(request, "CustomerApi")
        return DecimalJSONResponse(book.replace(customer_id, body))

    async def delete_customer(request: Request) -> Response:
        book.delete(request.path_params["customerId"])
        return Response(status_code=200)

    return [
        api_route(
            context,
            "/v2/customers",
            {"GET": Operation.of(list_customers, READ), "POST": Operation.of(create_customer, WRITE)},
        ),
        api_route(
            context,
            "/v2/customers/{customerId}",
            {
                "GET": Operation.of(get_customer, READ),
                "PUT": Operation.of(replace_customer, WRITE),
                "DELETE": Operation.of(delete_customer, WRITE),
            },
        ),
    ]
