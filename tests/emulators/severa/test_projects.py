"""/v1/projects: token paging (at most 100), filters, changedSince, read, and the demo projects."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

PROJECTS_IN_DEMO = 60
CLOSED_IN_DEMO = (2010, 2020, 2030, 2040, *range(2050, 2061))


def _numbers(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [project["number"] for project in response.json()]


async def _all_projects(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    response = await client.get("/v1/projects", params={"rowCount": 100, **params})
    assert "NextPageToken" not in response.headers
    projects: list[dict[str, Any]] = response.json()
    return projects


async def _customer_guid(client: httpx.AsyncClient, number: int) -> str:
    [customer] = (await client.get("/v1/customers", params={"numbers": number})).json()
    guid: str = customer["guid"]
    return guid


async def test_token_paging_walks_every_project_once(client: httpx.AsyncClient) -> None:
    seen: list[int] = []
    params: dict[str, Any] = {"rowCount": 25}
    tokens = []
    while True:
        response = await client.get("/v1/projects", params=params)
        seen += _numbers(response)
        token = response.headers.get("NextPageToken")
        if token is None:
            break
        tokens.append(token)
        params = {"rowCount": 25, "pageToken": token}
    assert len(tokens) == 2
    assert seen == list(range(2001, 2001 + PROJECTS_IN_DEMO))


async def test_row_count_is_at_most_one_hundred_and_defaults_to_twenty(client: httpx.AsyncClient) -> None:
    assert len((await client.get("/v1/projects")).json()) == 20
    too_many = await client.get("/v1/projects", params={"rowCount": 101})
    assert too_many.status_code == 400
    assert too_many.json()["error"]["details"][0]["location"]["name"] == "rowCount"


async def test_is_closed_filter_and_closed_dates(client: httpx.AsyncClient) -> None:
    closed = await _all_projects(client, isClosed="true")
    assert [project["number"] for project in closed] == list(CLOSED_IN_DEMO)
    assert all(project["closedDate"] for project in closed)
    open_projects = await _all_projects(client, isClosed="false")
    assert len(open_projects) == 45
    assert all(project["closedDate"] is None and not project["isClosed"] for project in open_projects)


async def test_numbers_and_customer_filters(client: httpx.AsyncClient) -> None:
    by_number = await client.get("/v1/projects?numbers=2004&numbers=2003&numbers=9999")
    assert _numbers(by_number) == [2003, 2004]
    nordvik = await _customer_guid(client, 1003)
    aurora = await _customer_guid(client, 1001)
    by_customer = await client.get("/v1/projects", params=[("customerGuids", nordvik), ("customerGuids", aurora)])
    assert _numbers(by_customer) == [2001, 2003, 2038, 2040, 2050]
    both = await client.get("/v1/projects", params={"customerGuids": nordvik, "isClosed": "true"})
    assert _numbers(both) == [2040]
    assert (await client.get("/v1/projects", params={"numbers": "2003a"})).status_code == 400


async def test_currency_and_project_guid_filters(client: httpx.AsyncClient) -> None:
    euro = next(item["guid"] for item in (await client.get("/v1/currencies")).json() if item["code"] == "EUR")
    in_euro = await _all_projects(client, currencyGuid=euro)
    assert [project["number"] for project in in_euro] == [2007, 2008]  # Finnish and German customers
    [p2005] = await _all_projects(client, numbers=2005)
    assert _numbers(await client.get("/v1/projects", params={"projectGuids": p2005["guid"]})) == [2005]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("salesPersonGuids", "7d4ab0a3-0000-0000-0000-000000000001"),
        ("projectKeywordGuids", "7d4ab0a3-0000-0000-0000-000000000001"),
        ("isBillable", "true"),
        ("hasRecurringFees", "true"),
        ("minimumBillableAmount", "0.01"),
    ],
)
async def test_filters_on_unmodelled_data_match_nothing(client: httpx.AsyncClient, name: str, value: str) -> None:
    assert (await client.get("/v1/projects", params={name: value})).json() == []


async def test_negated_billing_filters_keep_every_project(client: httpx.AsyncClient) -> None:
    kept = await _all_projects(client, isBillable="false", hasRecurringFees="false", minimumBillableAmount="0")
    assert len(kept) == PROJECTS_IN_DEMO
    assert (await client.get("/v1/projects", params={"minimumBillableAmount": "NaN"})).status_code == 400


async def test_changed_since_is_greater_or_equal(client: httpx.AsyncClient) -> None:
    # Projects were created on 2024-04-02; closing one is its last change (at 16:00 on the closing day).
    recent = await _all_projects(client, changedSince="2025-01-01T00:00:00Z")
    assert [project["number"] for project in recent] == [2040, *range(2050, 2061)]
    [p2060] = await _all_projects(client, numbers=2060)
    exact = await _all_projects(client, changedSince=p2060["lastUpdatedDateTime"])
    assert [project["number"] for project in exact] == [2060]
    assert p2060["lastUpdatedDateTime"] == f"{p2060['closedDate']}T16:00:00.000Z"
    assert len(await _all_projects(client, changedSince="2024-04-02T00:00:00+02:00")) == PROJECTS_IN_DEMO


async def test_get_by_guid_and_404(client: httpx.AsyncClient) -> None:
    [listed] = await _all_projects(client, numbers=2001)
    one = await client.get(f"/v1/projects/{listed['guid']}")
    assert one.json() == listed
    missing = await client.get("/v1/projects/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404 and missing.json()["error"]["type"] == "InvalidParameter"


async def test_the_named_demo_projects(client: httpx.AsyncClient) -> None:
    by_number = {project["number"]: project for project in await _all_projects(client)}
    assert by_number[2003]["name"] == "Nordvik Kontorsbygge" and not by_number[2003]["isClosed"]
    assert by_number[2003]["customer"]["name"] == "Nordviks Byggtjänst AB"
    assert by_number[2004]["name"] == "Älvsjö Mässhall etapp 2"
    assert by_number[2005]["name"] == "Hamnprojektet"
    assert len(by_number[2006]["name"]) > 50
    assert all(len(project["name"]) <= 50 for number, project in by_number.items() if number != 2006)


async def test_every_project_refers_to_a_demo_customer(client: httpx.AsyncClient) -> None:
    customers = {
        customer["guid"]: customer for customer in (await client.get("/v1/customers", params={"rowCount": 100})).json()
    }
    for project in await _all_projects(client):
        reference = project["customer"]
        customer = customers[reference["guid"]]
        assert 1001 <= customer["number"] <= 1036
        assert (reference["name"], reference["number"]) == (customer["name"], customer["number"])
        assert project["currency"]["code"] == customer["currency"]["code"]
        assert project["pricelist"]["name"] == "Standardprislista"
        assert project["rootPhase"]["name"] == project["name"]


async def test_a_renamed_customer_shows_in_its_projects(client: httpx.AsyncClient) -> None:
    nordvik = await _customer_guid(client, 1003)
    operations = [{"op": "Replace", "path": "/name", "value": "Nordvik Bygg AB"}]
    assert (await client.patch(f"/v1/customers/{nordvik}", json=operations)).status_code == 200
    [p2003] = await _all_projects(client, numbers=2003)
    assert p2003["customer"]["name"] == "Nordvik Bygg AB"
