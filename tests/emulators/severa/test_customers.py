"""/v1/customers: token paging, filters, changedSince, create, patch."""

from __future__ import annotations

from decimal import Decimal

import httpx
import simplejson

from brygga_emulators.severa import Emulator

from .conftest import FakeClock

CUSTOMERS_IN_DEMO = 45


def _numbers(response: httpx.Response) -> list[int]:
    return [customer["number"] for customer in response.json()]


async def test_token_paging_walks_every_customer_once(client: httpx.AsyncClient) -> None:
    seen: list[int] = []
    params: dict[str, str | int] = {"rowCount": 20}
    pages = 0
    while True:
        response = await client.get("/v1/customers", params=params)
        assert response.status_code == 200
        seen += _numbers(response)
        pages += 1
        token = response.headers.get("NextPageToken")
        if token is None:
            break
        params = {"rowCount": 20, "pageToken": token}
    assert pages == 3
    assert sorted(seen) == list(range(1001, 1001 + CUSTOMERS_IN_DEMO))
    assert len(seen) == len(set(seen))


async def test_last_full_page_has_no_next_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/customers", params={"rowCount": CUSTOMERS_IN_DEMO})
    assert len(response.json()) == CUSTOMERS_IN_DEMO
    assert "NextPageToken" not in response.headers


async def test_default_row_count_is_twenty_and_max_is_thousand(client: httpx.AsyncClient) -> None:
    assert len((await client.get("/v1/customers")).json()) == 20
    too_many = await client.get("/v1/customers", params={"rowCount": 1001})
    assert too_many.status_code == 400
    assert too_many.json()["error"]["type"] == "InvalidParameter"


async def test_forged_page_token_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/customers", params={"pageToken": "not-a-token"})
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["location"]["name"] == "pageToken"


async def test_numbers_filter_takes_repeated_keys(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/customers?numbers=1003&numbers=1005&numbers=9999")
    assert sorted(_numbers(response)) == [1003, 1005]


async def test_is_active_and_customer_names_filters(client: httpx.AsyncClient) -> None:
    inactive = await client.get("/v1/customers", params={"isActive": "false"})
    assert sorted(_numbers(inactive)) == [1044, 1045]
    by_name = await client.get(
        "/v1/customers", params=[("customerNames", "Lindgren & Partners AB"), ("customerNames", "Nobody AB")]
    )
    assert _numbers(by_name) == [1005]
    bad = await client.get("/v1/customers", params={"isActive": "maybe"})
    assert bad.status_code == 400


async def test_changed_since_is_greater_or_equal(client: httpx.AsyncClient, clock: FakeClock) -> None:
    created = (await client.post("/v1/customers", json={"name": "Ny Kund AB"})).json()
    assert created["createdDateTime"] == "2025-05-01T09:00:00.000Z"
    at_creation = await client.get("/v1/customers", params={"changedSince": created["createdDateTime"]})
    assert _numbers(at_creation) == [created["number"]]

    clock.advance(60)
    after = await client.get("/v1/customers", params={"changedSince": "2025-05-01T09:00:00.001Z"})
    assert _numbers(after) == []
    patch = [{"op": "Replace", "path": "/notes", "value": "ändrad"}]
    assert (await client.patch(f"/v1/customers/{created['guid']}", json=patch)).status_code == 200
    after_patch = await client.get("/v1/customers", params={"changedSince": "2025-05-01T09:00:30Z"})
    assert _numbers(after_patch) == [created["number"]]


async def test_changed_since_must_be_a_date_time(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/customers", params={"changedSince": "yesterday"})
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["location"]["type"] == "UriParameter"


async def test_create_assigns_next_number_and_fills_references(client: httpx.AsyncClient) -> None:
    currencies = (await client.get("/v1/currencies", params={"active": "true"})).json()
    eur = next(currency for currency in currencies if currency["code"] == "EUR")
    body = {
        "name": "Fjällgården Hotell AB",
        "paymentTerm": 30,
        "currency": {"guid": eur["guid"]},
        "overdueInterest": Decimal("8.5"),
    }
    response = await client.post(
        "/v1/customers", content=simplejson.dumps(body, use_decimal=True), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 201
    created = simplejson.loads(response.content, use_decimal=True)
    assert created["number"] == 1046
    assert created["currency"] == {"code": "EUR", "guid": eur["guid"], "name": "Euro", "symbol": "€"}
    assert created["overdueInterest"] == Decimal("8.5")
    assert created["isActive"] is True and created["isInternal"] is False
    fetched = await client.get(f"/v1/customers/{created['guid']}")
    assert fetched.json()["name"] == "Fjällgården Hotell AB"


async def test_duplicate_number_is_invalid_parameter(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/customers", json={"name": "Kopia AB", "number": 1005})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "InvalidParameter"
    assert error["details"][0]["location"]["name"] == "number"


async def test_inactive_or_unknown_currency_is_refused(client: httpx.AsyncClient) -> None:
    nok = await client.post("/v1/customers", json={"name": "Norsk AB", "currency": {"code": "NOK"}})
    usd = await client.post("/v1/customers", json={"name": "Atlantic Trading Ltd", "currency": {"code": "USD"}})
    assert nok.status_code == 400 and "not active" in nok.json()["error"]["details"][0]["message"]
    assert usd.status_code == 400 and usd.json()["error"]["details"][0]["location"]["name"] == "currency.guid"


async def test_patch_replace_returns_array_and_coerces_string_values(
    client: httpx.AsyncClient, clock: FakeClock
) -> None:
    customer = (await client.get("/v1/customers", params={"numbers": 1039})).json()[0]
    clock.advance(10)
    patch = [
        {"op": "Replace", "path": "/paymentTerm", "value": "30"},
        {"op": "replace", "path": "/name", "value": "Trollhättans Verkstad Aktiebolag"},
    ]
    response = await client.patch(f"/v1/customers/{customer['guid']}", json=patch)
    assert response.status_code == 200
    [updated] = response.json()
    assert updated["paymentTerm"] == 30
    assert updated["name"] == "Trollhättans Verkstad Aktiebolag"
    assert updated["lastUpdatedDateTime"] == "2025-05-01T09:00:10.000Z"
    assert updated["createdDateTime"] == customer["createdDateTime"]


async def test_patch_head_office_must_be_own_address(client: httpx.AsyncClient) -> None:
    [c1001] = (await client.get("/v1/customers", params={"numbers": 1001})).json()
    [c1002] = (await client.get("/v1/customers", params={"numbers": 1002})).json()
    own = (await client.get(f"/v1/customers/{c1001['guid']}/addresses")).json()[1]
    foreign = (await client.get(f"/v1/customers/{c1002['guid']}/addresses")).json()[0]
    ok = await client.patch(
        f"/v1/customers/{c1001['guid']}",
        json=[{"op": "Replace", "path": "/headquarterAddress/guid", "value": own["guid"]}],
    )
    refused = await client.patch(
        f"/v1/customers/{c1001['guid']}",
        json=[{"op": "Replace", "path": "/headquarterAddress/guid", "value": foreign["guid"]}],
    )
    assert ok.json()[0]["headquarterAddress"]["addressline"] == own["addressline"]
    assert refused.status_code == 400


async def test_patch_of_inactive_currency_customer_still_works(client: httpx.AsyncClient) -> None:
    [customer] = (await client.get("/v1/customers", params={"numbers": 1040})).json()
    response = await client.patch(
        f"/v1/customers/{customer['guid']}", json=[{"op": "Replace", "path": "/notes", "value": "NOK-kund"}]
    )
    assert response.status_code == 200
    assert response.json()[0]["currency"]["code"] == "NOK"


async def test_unknown_customer_is_404_exception_model(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/customers/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["httpStatusCode"] == 404
    assert error["details"][0]["location"] == {
        "type": "PathParameter",
        "name": "guid",
        "identifier": "00000000-0000-0000-0000-000000000000",
    }


async def test_store_sees_api_writes(client: httpx.AsyncClient, emu: Emulator) -> None:
    created = (await client.post("/v1/customers", json={"name": "Direkt AB", "number": 5000})).json()
    stored = emu.store.get("customers", created["guid"])
    assert stored is not None and stored["number"] == 5000
