"""Products, work types, travel expense types, VAT rates and projects through SeveraClient (MockTransport)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx

from brygga.severa import Money, Product, SeveraClient, TravelExpenseType, WorkType

from .fakes import assert_requests_fit_the_spec, body_of, json_response, make_client, severa_error

PRODUCT = {
    "guid": "p1",
    "code": "P-100",
    "name": "Licens Projektverktyg",
    "measurementUnit": "st",
    "vatRate": Decimal("25"),
    "unitPrice": {"amount": Decimal("1200.00"), "currencyCode": "SEK"},
    "unitCost": {"amount": Decimal("800.00"), "currencyCode": "SEK"},
    "type": "FixedFees",
    "isActive": True,
}
WORK_TYPE = {"guid": "w1", "code": "KONS", "name": "Konsultation", "hourCost": {"amount": 650, "currencyCode": "SEK"}}
TRAVEL_TYPE = {
    "guid": "t1",
    "code": "MIL",
    "name": "Milersättning",
    "measurementUnit": "km",
    "vatRate": 25,
    "unitCost": {"amount": Decimal("2.50"), "currencyCode": "SEK"},
    "expenseClass": "Mileage",
    "isMileage": True,
}
VAT_RATE = {"guid": "v25", "code": "25", "percentage": 25, "isDefault": True, "isActive": True}
PROJECT = {"guid": "pr1", "number": 2003, "name": "Nordvik Kontorsbygge", "customer": {"guid": "c1", "number": 1001}}

ROUTES: list[tuple[str, dict[str, Any]]] = [
    (r"/v1/products(/[^/]+)?", PRODUCT),
    (r"/v1/worktypes(/[^/]+)?", WORK_TYPE),
    (r"/v1/travelexpensetypes(/[^/]+)?", TRAVEL_TYPE),
    (r"/v1/vatrates", VAT_RATE),
    (r"/v1/projects(/[^/]+)?", PROJECT),
]


def by_route(request: httpx.Request) -> httpx.Response:
    """Lists answer with one row, single objects (and PATCH, as an array of one) with the right kind."""
    path = request.url.path.removeprefix("/rest-api")
    for pattern, obj in ROUTES:
        if re.fullmatch(pattern, path):
            one = path.count("/") == 3
            if request.method == "POST":
                return json_response(201, obj)
            return json_response(200, obj if one and request.method == "GET" else [obj])
    return severa_error(404, "InvalidParameter", f"no route {path}")


async def exercise_every_call(client: SeveraClient) -> dict[str, Any]:
    money = Money(amount=Decimal("2.50"), currencyCode="SEK")
    return {
        "products.list": await client.products.list(),
        "products.iter": [p async for p in client.products.iter(is_active=True, code="P-100")],
        "products.get": await client.products.get("p1"),
        "products.create": await client.products.create(Product(name="Licens Projektverktyg")),
        "products.update": await client.products.update("p1", {"name": "Licens"}),
        "work_types.iter": [w async for w in client.work_types.iter(active=True, changed_since=datetime.now(UTC))],
        "work_types.get": await client.work_types.get("w1"),
        "work_types.create": await client.work_types.create(WorkType(name="Konsultation")),
        "work_types.update": await client.work_types.update("w1", {"isActive": False}),
        "travel_expense_types.iter": [t async for t in client.travel_expense_types.iter(active=False)],
        "travel_expense_types.get": await client.travel_expense_types.get("t1"),
        "travel_expense_types.create": await client.travel_expense_types.create(
            TravelExpenseType(name="Milersättning", expenseClass="Mileage", unitCost=money)
        ),
        "travel_expense_types.update": await client.travel_expense_types.update("t1", {"code": "MIL"}),
        "vat_rates.iter": [v async for v in client.vat_rates.iter(active=True, country_guid="se")],
        "projects.list": await client.projects.list(is_closed=False),
        "projects.iter": [p async for p in client.projects.iter(numbers=[2003, 2004])],
        "projects.get": await client.projects.get("pr1"),
    }


async def test_every_call_uses_a_route_and_query_parameters_the_spec_declares() -> None:
    client, api = make_client(by_route)
    async with client:
        results = await exercise_every_call(client)

    assert all(results.values())
    assert_requests_fit_the_spec(api.requests)
    assert results["products.get"] == Product.model_validate(PRODUCT)
    assert results["vat_rates.iter"][0].percentage == Decimal("25")
    assert results["projects.get"].customer.number == 1001


def paged_by_token(rows: list[dict[str, Any]], page_size: int) -> Callable[[httpx.Request], httpx.Response]:
    """A token-paged route over ``rows`` whose token is the next offset (opaque to the client)."""

    def respond(request: httpx.Request) -> httpx.Response:
        start = int(request.url.params.get("pageToken", "0"))
        end = start + page_size
        headers = {"NextPageToken": str(end)} if end < len(rows) else {}
        return json_response(200, rows[start:end], headers)

    return respond


def paged_by_offset(rows: list[dict[str, Any]]) -> Callable[[httpx.Request], httpx.Response]:
    def respond(request: httpx.Request) -> httpx.Response:
        first = int(request.url.params["firstRow"])
        return json_response(200, rows[first : first + int(request.url.params["rowCount"])])

    return respond


async def test_products_follow_page_tokens_and_send_their_filters_on_every_page() -> None:
    rows = [{**PRODUCT, "guid": f"p{index}", "code": f"P-{index}"} for index in range(5)]
    client, api = make_client(paged_by_token(rows, page_size=2))
    since = datetime(2025, 3, 1, 12, 0, 0, 123999, tzinfo=UTC)
    async with client:
        codes = [product.code async for product in client.products.iter(changed_since=since, is_active=False)]

    assert codes == ["P-0", "P-1", "P-2", "P-3", "P-4"]
    assert [request.url.params.get("pageToken") for request in api.requests] == [None, "2", "4"]
    for request in api.requests:
        assert request.url.params["rowCount"] == "1000"
        assert request.url.params["isActive"] == "false"
        assert request.url.params["changedSince"] == "2025-03-01T12:00:00.123Z"


async def test_projects_ask_for_at_most_100_rows_and_repeat_the_numbers_key() -> None:
    rows = [{**PROJECT, "guid": f"pr{number}", "number": number} for number in range(2001, 2061)]
    client, api = make_client(paged_by_token(rows, page_size=25))
    async with client:
        numbers = [project.number async for project in client.projects.iter(is_closed=True, numbers=[2050, 2051])]

    assert numbers == list(range(2001, 2061))
    assert len(api.requests) == 3
    for request in api.requests:
        assert request.url.params["rowCount"] == "100"
        assert request.url.params["isClosed"] == "true"
        assert request.url.params.get_list("numbers") == ["2050", "2051"]


async def test_projects_list_returns_one_page_and_its_token() -> None:
    client, api = make_client(lambda request: json_response(200, [PROJECT], {"NextPageToken": "more"}))
    async with client:
        page = await client.projects.list(page_token="here", row_count=10)

    assert [project.number for project in page.items] == [2003]
    assert page.next_page_token == "more"
    assert api.requests[0].url.params["pageToken"] == "here"


async def test_work_types_walk_offset_pages_of_100_with_their_filters() -> None:
    rows = [{**WORK_TYPE, "guid": f"w{index}", "code": f"W{index}"} for index in range(150)]
    client, api = make_client(paged_by_offset(rows))
    async with client:
        work_types = [w async for w in client.work_types.iter(active=True)]

    assert len(work_types) == 150
    pages = [(request.url.params["firstRow"], request.url.params["rowCount"]) for request in api.requests]
    assert pages == [("0", "100"), ("100", "100")]
    assert all(request.url.params["active"] == "true" for request in api.requests)
    assert work_types[0].hourCost is not None and work_types[0].hourCost.amount == Decimal("650")


async def test_travel_expense_types_are_offset_paged_without_a_changed_since_filter() -> None:
    rows = [{**TRAVEL_TYPE, "guid": f"t{index}"} for index in range(3)]
    client, api = make_client(paged_by_offset(rows))
    async with client:
        travel = [t async for t in client.travel_expense_types.iter()]

    assert [t.guid for t in travel] == ["t0", "t1", "t2"]
    assert dict(api.requests[0].url.params) == {"firstRow": "0", "rowCount": "100"}
    assert travel[0].unitCost is not None and travel[0].unitCost.amount == Decimal("2.50")


async def test_vat_rates_are_one_unpaged_request() -> None:
    rates = [VAT_RATE, {**VAT_RATE, "guid": "v12", "code": "12", "percentage": 12, "isDefault": False}]
    client, api = make_client(lambda request: json_response(200, rates))
    async with client:
        found = [rate async for rate in client.vat_rates.iter(active=True)]

    assert [(rate.code, rate.percentage) for rate in found] == [("25", Decimal("25")), ("12", Decimal("12"))]
    assert len(api.requests) == 1
    assert dict(api.requests[0].url.params) == {"active": "true"}


async def test_product_update_sends_replace_operations_with_exact_decimals() -> None:
    client, api = make_client(lambda request: json_response(200, [PRODUCT]))
    async with client:
        product = await client.products.update("p1", {"unitPrice/amount": Decimal("1250.50"), "/isActive": False})

    request = api.requests[0]
    assert (request.method, request.url.path) == ("PATCH", "/rest-api/v1/products/p1")
    assert b'"value": 1250.50' in request.content
    assert body_of(request) == [
        {"op": "Replace", "path": "/unitPrice/amount", "value": Decimal("1250.50")},
        {"op": "Replace", "path": "/isActive", "value": False},
    ]
    assert product.guid == "p1"


async def test_work_type_and_travel_type_updates_patch_their_own_routes() -> None:
    client, api = make_client(by_route)
    async with client:
        await client.work_types.update("w1", {"hourCost/amount": Decimal("700.00")})
        await client.travel_expense_types.update("t1", {"isActive": False})

    assert [(r.method, r.url.path) for r in api.requests] == [
        ("PATCH", "/rest-api/v1/worktypes/w1"),
        ("PATCH", "/rest-api/v1/travelexpensetypes/t1"),
    ]
    assert body_of(api.requests[0]) == [{"op": "Replace", "path": "/hourCost/amount", "value": Decimal("700.00")}]


async def test_product_create_posts_only_writable_fields_with_money_exact() -> None:
    client, api = make_client(lambda request: json_response(201, {**PRODUCT, "guid": "new"}))
    product = Product.model_validate({**PRODUCT, "createdDateTime": "2025-01-01T00:00:00Z"})
    async with client:
        created = await client.products.create(product)

    request = api.requests[0]
    assert (request.method, request.url.path) == ("POST", "/rest-api/v1/products")
    body = body_of(request)
    assert "guid" not in body and "createdDateTime" not in body
    assert body["unitPrice"] == {"amount": Decimal("1200.00"), "currencyCode": "SEK"}
    assert b'"amount": 1200.00' in request.content
    assert created.guid == "new"
