"""/v1/worktypes and /v1/travelexpensetypes: offset paging, filters, create, JSON Patch, validation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import simplejson

from .conftest import FakeClock

WORK_TYPES_IN_DEMO = 7
TRAVEL_TYPES_IN_DEMO = 6


def _decoded(response: httpx.Response) -> Any:
    return simplejson.loads(response.content, use_decimal=True)


def _codes(response: httpx.Response) -> list[str | None]:
    assert response.status_code == 200, response.text
    return [item["code"] for item in response.json()]


def _replace(path: str, value: Any) -> list[dict[str, Any]]:
    return [{"op": "Replace", "path": path, "value": value}]


async def _one(client: httpx.AsyncClient, path: str, code: str) -> dict[str, Any]:
    [found] = _decoded(await client.get(path, params={"code": code}))
    assert isinstance(found, dict)
    return found


# work types ----------------------------------------------------------------------------------------------
async def test_work_types_page_by_first_row(client: httpx.AsyncClient) -> None:
    first = await client.get("/v1/worktypes", params={"firstRow": 0, "rowCount": 4})
    rest = await client.get("/v1/worktypes", params={"firstRow": 4, "rowCount": 4})
    assert _codes(first) == ["KONS", "PROJ", "UTV", "UTB"]
    assert _codes(rest) == ["RES", None, "GAMMAL"]
    assert "NextPageToken" not in first.headers
    assert len((await client.get("/v1/worktypes")).json()) == WORK_TYPES_IN_DEMO  # default 20
    assert (await client.get("/v1/worktypes", params={"rowCount": 101})).status_code == 400
    assert (await client.get("/v1/worktypes", params={"firstRow": -1})).status_code == 400


async def test_work_type_filters(client: httpx.AsyncClient) -> None:
    assert _codes(await client.get("/v1/worktypes", params={"active": "false"})) == ["GAMMAL"]
    assert _codes(await client.get("/v1/worktypes", params={"productive": "false"})) == [None]
    assert _codes(await client.get("/v1/worktypes", params={"code": "UTB"})) == ["UTB"]
    assert _codes(await client.get("/v1/worktypes", params={"textToSearch": "utveckl"})) == ["UTV"]
    assert (await client.get("/v1/worktypes", params={"active": "ja"})).status_code == 400


async def test_work_type_has_hour_cost_but_no_price(client: httpx.AsyncClient) -> None:
    kons = await _one(client, "/v1/worktypes", "KONS")
    assert kons["name"] == "Konsultation" and kons["isDefault"] is True and kons["isProductive"] is True
    assert kons["hourCost"] == {"amount": Decimal("650.00"), "currencyCode": "SEK", "multiCurrencyInfo": None}
    assert not {"unitPrice", "vatRate", "measurementUnit"} & set(kons)


async def test_work_type_changed_since_create_and_patch(client: httpx.AsyncClient, clock: FakeClock) -> None:
    body = {"name": "Support", "code": "SUP", "hourCost": {"amount": 500, "currencyCode": "SEK"}, "isProductive": True}
    response = await client.post("/v1/worktypes", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["isActive"] is True and created["isDefault"] is False
    clock.advance(30)
    kons = await _one(client, "/v1/worktypes", "KONS")
    patched = await client.patch(f"/v1/worktypes/{kons['guid']}", json=_replace("/hourCost/amount", 675))
    assert patched.status_code == 200 and _decoded(patched)[0]["hourCost"]["amount"] == 675
    since_creation = await client.get("/v1/worktypes", params={"changedSince": "2025-05-01T09:00:00Z"})
    since_patch = await client.get("/v1/worktypes", params={"changedSince": "2025-05-01T09:00:30Z"})
    assert _codes(since_creation) == ["KONS", "SUP"]  # list order, not change order
    assert _codes(since_patch) == ["KONS"]


async def test_a_new_default_work_type_takes_the_flag(client: httpx.AsyncClient) -> None:
    utv = await _one(client, "/v1/worktypes", "UTV")
    response = await client.patch(f"/v1/worktypes/{utv['guid']}", json=_replace("/isDefault", True))
    assert response.status_code == 200
    defaults = [item["code"] for item in (await client.get("/v1/worktypes")).json() if item["isDefault"]]
    assert defaults == ["UTV"]


async def test_work_type_validation(client: httpx.AsyncClient) -> None:
    nameless = await client.post("/v1/worktypes", json={"code": "X", "hourCost": {"amount": 1}})
    names = {detail["location"]["name"] for detail in nameless.json()["error"]["details"]}
    assert nameless.status_code == 400 and names == {"name", "hourCost.currencyCode"}
    duplicate = await client.post("/v1/worktypes", json={"name": "Dubblett", "code": "P-130"})
    assert duplicate.status_code == 400  # the code of product P-130
    kons = await _one(client, "/v1/worktypes", "KONS")
    for path in ("/guid", "/unitPrice", "/isActive/x"):
        assert (await client.patch(f"/v1/worktypes/{kons['guid']}", json=_replace(path, "1"))).status_code == 400
    missing = await client.get("/v1/worktypes/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404


# travel expense types ------------------------------------------------------------------------------------
async def test_travel_types_default_to_all_rows(client: httpx.AsyncClient) -> None:
    everything = await client.get("/v1/travelexpensetypes")
    assert _codes(everything) == ["MIL", "TRAKT", "PARK", None, "TÅG", "HOTELL"]
    page = await client.get("/v1/travelexpensetypes", params={"firstRow": 2, "rowCount": 2})
    assert _codes(page) == ["PARK", None]
    assert len((await client.get("/v1/travelexpensetypes", params={"rowCount": 500})).json()) == TRAVEL_TYPES_IN_DEMO


async def test_travel_type_filters(client: httpx.AsyncClient) -> None:
    assert _codes(await client.get("/v1/travelexpensetypes", params={"active": "false"})) == ["HOTELL"]
    assert _codes(await client.get("/v1/travelexpensetypes", params={"code": "TRAKT"})) == ["TRAKT"]
    assert _codes(await client.get("/v1/travelexpensetypes", params={"textToSearch": "TAXI"})) == [None]


async def test_travel_type_flags_follow_the_expense_class(client: httpx.AsyncClient) -> None:
    mileage = await _one(client, "/v1/travelexpensetypes", "MIL")
    allowance = await _one(client, "/v1/travelexpensetypes", "TRAKT")
    parking = await _one(client, "/v1/travelexpensetypes", "PARK")
    assert (mileage["isMileage"], mileage["isDailyAllowance"], mileage["measurementUnit"]) == (True, False, "km")
    assert mileage["unitCost"]["amount"] == Decimal("2.50") and mileage["vatRate"] == 25
    assert (allowance["isMileage"], allowance["isDailyAllowance"], allowance["vatRate"]) == (False, True, 0)
    assert parking["expenseClass"] == "OtherTravelExpense" and not parking["isMileage"]
    assert "unitPrice" not in mileage
    response = await client.patch(
        f"/v1/travelexpensetypes/{parking['guid']}", json=_replace("/expenseClass", "Mileage")
    )
    [patched] = response.json()
    assert patched["isMileage"] is True and patched["expenseClass"] == "Mileage"


async def test_travel_type_create_requires_class_and_cost(client: httpx.AsyncClient) -> None:
    incomplete = await client.post("/v1/travelexpensetypes", json={"name": "Färja"})
    names = {detail["location"]["name"] for detail in incomplete.json()["error"]["details"]}
    assert incomplete.status_code == 400 and names == {"expenseClass", "unitCost"}
    body = {"name": "Färja", "code": "FÄRJA", "expenseClass": "Boat", "unitCost": {"amount": 0, "currencyCode": "SEK"}}
    assert (await client.post("/v1/travelexpensetypes", json=body)).status_code == 400
    body["expenseClass"] = "OtherTravelExpense"
    response = await client.post("/v1/travelexpensetypes", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["includeTime"] is True and created["isActive"] is True and created["isMileage"] is False
    assert (await client.get(f"/v1/travelexpensetypes/{created['guid']}")).json() == created


async def test_travel_type_patch_validates_the_result(client: httpx.AsyncClient) -> None:
    hotel = await _one(client, "/v1/travelexpensetypes", "HOTELL")
    wrong_rate = await client.patch(f"/v1/travelexpensetypes/{hotel['guid']}", json=_replace("/vatRate", 0.12))
    assert wrong_rate.status_code == 400
    activated = await client.patch(
        f"/v1/travelexpensetypes/{hotel['guid']}", json=[*_replace("/isActive", True), *_replace("/vatRate", 12)]
    )
    assert activated.status_code == 200 and activated.json()[0]["isActive"] is True
    missing = "00000000-0000-0000-0000-000000000000"
    assert (await client.patch(f"/v1/travelexpensetypes/{missing}", json=_replace("/name", "X"))).status_code == 404
