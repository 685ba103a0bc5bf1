from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from brygga.severa import PagingLoopError

from .fakes import json_response, make_client


def customer_rows(*numbers: int) -> list[dict[str, object]]:
    return [{"guid": f"c{number}", "number": number, "name": f"Kund {number}"} for number in numbers]


async def test_token_paging_follows_the_next_page_token_header_across_three_pages() -> None:
    pages = {
        None: (customer_rows(1, 2), {"NextPageToken": "tok-2"}),
        "tok-2": (customer_rows(3, 4), {"NextPageToken": "tok-3"}),
        "tok-3": (customer_rows(5), {}),
    }

    def respond(request: httpx.Request) -> httpx.Response:
        rows, headers = pages[request.url.params.get("pageToken")]
        return json_response(200, rows, headers)

    client, api = make_client(respond)
    async with client:
        numbers = [customer.number async for customer in client.customers.iter(is_active=True)]

    assert numbers == [1, 2, 3, 4, 5]
    assert [request.url.params.get("pageToken") for request in api.requests] == [None, "tok-2", "tok-3"]
    assert all(request.url.params["rowCount"] == "1000" for request in api.requests)
    # Filters go out on every page, not only the first.
    assert all(request.url.params["isActive"] == "true" for request in api.requests)


async def test_list_returns_one_page_and_its_token() -> None:
    client, api = make_client(lambda request: json_response(200, customer_rows(7), {"NextPageToken": "next"}))
    async with client:
        page = await client.customers.list(page_token="this", row_count=50)

    assert [customer.number for customer in page.items] == [7]
    assert page.next_page_token == "next"
    assert api.requests[0].url.params["pageToken"] == "this"
    assert api.requests[0].url.params["rowCount"] == "50"


@pytest.mark.parametrize(
    ("tokens", "expected_requests"),
    [
        (["same", "same"], 2),  # the server hands back the token it was given
        (["a", "b", "a"], 3),  # a longer cycle
    ],
)
async def test_a_repeated_page_token_is_raised_not_followed(tokens: list[str], expected_requests: int) -> None:
    answers = iter(tokens)

    def respond(request: httpx.Request) -> httpx.Response:
        return json_response(200, customer_rows(1), {"NextPageToken": next(answers)})

    client, api = make_client(respond)
    async with client:
        with pytest.raises(PagingLoopError) as caught:
            _ = [customer async for customer in client.customers.iter()]

    assert len(api.requests) == expected_requests
    assert caught.value.path == "/rest-api/v1/customers"


def offset_responder(total: int) -> Callable[[httpx.Request], httpx.Response]:
    rows = [{"guid": f"a{index}", "city": f"Stad {index}"} for index in range(total)]

    def respond(request: httpx.Request) -> httpx.Response:
        first = int(request.url.params["firstRow"])
        count = int(request.url.params["rowCount"])
        return json_response(200, rows[first : first + count])

    return respond


@pytest.mark.parametrize(("total", "expected_requests"), [(237, 3), (200, 3), (5, 1), (0, 1)])
async def test_offset_paging_stops_on_a_short_page(total: int, expected_requests: int) -> None:
    client, api = make_client(offset_responder(total))
    async with client:
        addresses = [address async for address in client.addresses.iter()]

    assert [address.guid for address in addresses] == [f"a{index}" for index in range(total)]
    assert len(api.requests) == expected_requests
    assert [request.url.params["firstRow"] for request in api.requests] == [
        str(100 * page) for page in range(expected_requests)
    ]
    assert {request.url.params["rowCount"] for request in api.requests} == {"100"}


async def test_offset_paging_refuses_a_server_that_ignores_first_row() -> None:
    rows = [{"guid": f"a{index}"} for index in range(100)]
    client, api = make_client(lambda request: json_response(200, rows))
    async with client:
        with pytest.raises(PagingLoopError):
            _ = [address async for address in client.addresses.iter()]
    assert len(api.requests) == 2


async def test_for_customer_collects_every_page_under_the_parent() -> None:
    client, api = make_client(offset_responder(150))
    async with client:
        addresses = await client.addresses.for_customer("cust/1")

    assert len(addresses) == 150
    # The guid is quoted completely, so it cannot add a path segment.
    assert api.requests[0].url.raw_path.startswith(b"/rest-api/v1/customers/cust%2F1/addresses?")
