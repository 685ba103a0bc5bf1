"""Project fees through SeveraClient (MockTransport): create, the lists and one fee."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
import pytest

from brygga.errors import ServerError
from brygga.severa import Money, ProjectFee
from brygga.severa.fee_models import FeeProject

from .fakes import assert_requests_fit_the_spec, body_of, json_response, make_client
from .test_catalog_client import paged_by_token

FEE = {
    "guid": "fee-1",
    "project": {"guid": "pr-2003", "name": "Nordvik Kontorsbygge"},
    "name": "Byggmaterial Syd AB",
    "quantity": Decimal("1"),
    "unitCost": {"amount": Decimal("10000.00"), "currencyCode": "SEK"},
    "unitPrice": {"amount": Decimal("10000.00"), "currencyCode": "SEK"},
    "isBillable": True,
    "eventDate": "2026-11-03",
    "productType": "Subcontracting",
    "customer": {"guid": "c-1001", "name": "Nordvik Bygg AB", "number": 1001},
}


def new_fee() -> ProjectFee:
    return ProjectFee(
        project=FeeProject(guid="pr-2003"),
        name="Byggmaterial Syd AB",
        quantity=Decimal("1"),
        unitCost=Money(amount=Decimal("10000.00"), currencyCode="SEK"),
        unitPrice=Money(amount=Decimal("10000.00"), currencyCode="SEK"),
        isBillable=True,
        eventDate=date(2026, 11, 3),
        productType="Subcontracting",
    )


async def test_create_posts_the_input_model_and_returns_the_created_fee_from_the_array() -> None:
    client, api = make_client(lambda request: json_response(201, [FEE]))
    async with client:
        created = await client.project_fees.create(new_fee())

    request = api.requests[0]
    assert (request.method, request.url.path) == ("POST", "/rest-api/v1/projectfees")
    assert body_of(request) == {
        "project": {"guid": "pr-2003"},
        "name": "Byggmaterial Syd AB",
        "productType": "Subcontracting",
        "quantity": Decimal("1"),
        "unitCost": {"amount": Decimal("10000.00"), "currencyCode": "SEK"},
        "unitPrice": {"amount": Decimal("10000.00"), "currencyCode": "SEK"},
        "isBillable": True,
        "eventDate": "2026-11-03",
    }
    assert b'"amount": 10000.00' in request.content
    assert created.guid == "fee-1"
    assert created.unitCost is not None and created.unitCost.amount == Decimal("10000.00")
    assert created.customer is not None and created.customer.number == 1001


async def test_a_create_answered_with_an_empty_array_is_an_unknown_outcome_and_is_not_resent() -> None:
    client, api = make_client(lambda request: json_response(201, []))
    async with client:
        with pytest.raises(ServerError) as caught:
            await client.project_fees.create(new_fee())

    assert caught.value.outcome_unknown is True
    assert len(api.requests) == 1


async def test_iter_walks_page_tokens_with_changed_since_on_every_page() -> None:
    rows = [{**FEE, "guid": f"fee-{index}"} for index in range(5)]
    client, api = make_client(paged_by_token(rows, page_size=2))
    async with client:
        fees = [fee.guid async for fee in client.project_fees.iter(changed_since=datetime(2026, 11, 1, tzinfo=UTC))]

    assert fees == [f"fee-{index}" for index in range(5)]
    assert [request.url.path for request in api.requests] == ["/rest-api/v1/projectfees"] * 3
    assert all(request.url.params["changedSince"] == "2026-11-01T00:00:00.000Z" for request in api.requests)


async def test_for_project_reads_every_page_of_the_projects_own_route() -> None:
    rows = [{**FEE, "guid": f"fee-{index}"} for index in range(3)]
    client, api = make_client(paged_by_token(rows, page_size=2))
    async with client:
        fees = await client.project_fees.for_project("pr-2003")

    assert [fee.guid for fee in fees] == ["fee-0", "fee-1", "fee-2"]
    assert [request.url.path for request in api.requests] == ["/rest-api/v1/projects/pr-2003/projectfees"] * 2


async def test_every_fee_call_fits_the_spec() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return json_response(201, [FEE])
        one = request.url.path.endswith("/fee-1")
        return json_response(200, FEE if one else [FEE])

    client, api = make_client(respond)
    async with client:
        await client.project_fees.create(new_fee())
        [fee async for fee in client.project_fees.iter(changed_since=datetime.now(UTC))]
        await client.project_fees.for_project("pr-2003")
        one = await client.project_fees.get("fee-1")

    assert_requests_fit_the_spec(api.requests)
    assert [request.method for request in api.requests] == ["POST", "GET", "GET", "GET"]
    assert one.project.guid == "pr-2003" and one.eventDate == date(2026, 11, 3)
