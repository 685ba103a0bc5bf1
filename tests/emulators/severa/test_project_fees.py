"""Project fees: create (an array, 201), read, the two lists with their filters, and what is refused."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest
import simplejson

from brygga_emulators.severa import Emulator

from .conftest import FakeClock
from .invoice_support import AFTER_THE_DEMO_INVOICES, body


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(AFTER_THE_DEMO_INVOICES)


async def _project(client: httpx.AsyncClient, number: int) -> dict[str, Any]:
    [project] = body(await client.get("/v1/projects", params={"numbers": number}))
    assert isinstance(project, dict)
    return project


def _supplier_cost(target: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """What the supplier-invoice transfer sends (rules SI2, SI3): one billable cost per row."""
    return {
        "project": {"guid": target["guid"]},
        "name": "Leverantörskostnad",
        "description": "2026-11-03 V42 Byggmaterial Syd AB",
        "productType": "Subcontracting",
        "quantity": 1,
        "unitCost": {"amount": Decimal("10000.00"), "currencyCode": "SEK"},
        "unitPrice": {"amount": Decimal("10000.00"), "currencyCode": "SEK"},
        "isBillable": True,
        "eventDate": "2026-11-03",
        "vatRate": 25,
        **changes,
    }


async def _create(client: httpx.AsyncClient, fee: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/v1/projectfees", content=_json(fee), headers={"Content-Type": "application/json"})
    [created] = body(response, 201)
    assert isinstance(created, dict)
    return created


def _json(value: Any) -> bytes:
    return simplejson.dumps(value, use_decimal=True).encode()


async def test_demo_starts_without_fees(client: httpx.AsyncClient) -> None:
    assert body(await client.get("/v1/projectfees")) == []


async def test_create_answers_an_array_with_the_fee_as_stored(client: httpx.AsyncClient) -> None:
    project = await _project(client, 2003)
    created = await _create(client, _supplier_cost(project))
    assert created["project"] == {"companyGuid": None, "guid": project["guid"], "name": "Nordvik Kontorsbygge"}
    assert created["customer"]["number"] == 1003
    assert created["phase"] == {"guid": project["rootPhase"]["guid"], "name": "Nordvik Kontorsbygge"}
    assert created["unitCost"]["amount"] == Decimal("10000.00") and created["quantity"] == 1
    assert (created["isBillable"], created["eventDate"], created["vatRate"]) == (True, "2026-11-03", 25)
    assert created["invoice"] is None and created["invoiceRowGuid"] is None
    assert created["createdDateTime"] == "2026-11-22T09:00:00.000Z"
    assert body(await client.get(f"/v1/projectfees/{created['guid']}")) == created


async def test_lists_of_all_fees_and_of_one_project(client: httpx.AsyncClient, clock: FakeClock) -> None:
    nordvik, aurora = await _project(client, 2003), await _project(client, 2001)
    first = await _create(client, _supplier_cost(nordvik))
    clock.advance(60)
    second = await _create(client, _supplier_cost(aurora, isBillable=False, productType="Materials"))
    listed = body(await client.get("/v1/projectfees"))
    assert [fee["guid"] for fee in listed] == [first["guid"], second["guid"]]
    recent = body(await client.get("/v1/projectfees", params={"changedSince": second["createdDateTime"]}))
    assert [fee["guid"] for fee in recent] == [second["guid"]]
    of_nordvik = body(await client.get(f"/v1/projects/{nordvik['guid']}/projectfees"))
    assert [fee["guid"] for fee in of_nordvik] == [first["guid"]]
    paged = await client.get("/v1/projectfees", params={"rowCount": 1})
    assert len(body(paged)) == 1 and "NextPageToken" in paged.headers


async def test_project_list_filters(client: httpx.AsyncClient) -> None:
    project = await _project(client, 2003)
    billable = await _create(client, _supplier_cost(project))
    other = await _create(client, _supplier_cost(project, isBillable=False, productType="Materials"))
    path = f"/v1/projects/{project['guid']}/projectfees"

    async def guids(**params: Any) -> list[str]:
        return [fee["guid"] for fee in body(await client.get(path, params=params))]

    assert await guids(isBillable="true") == [billable["guid"]]
    assert await guids(productType="Materials") == [other["guid"]]
    assert await guids(isBilled="true") == []
    assert await guids(isBilled="false") == [billable["guid"], other["guid"]]
    assert await guids(invoiceableDate="2026-11-02T00:00:00Z") == []
    assert await guids(invoiceableDate="2026-11-03T00:00:00Z") == [billable["guid"]]
    assert (await client.get(path, params={"productType": "Hours"})).status_code == 400


async def test_a_product_lends_its_name_unit_and_type(client: httpx.AsyncClient) -> None:
    project = await _project(client, 2001)
    [product] = body(await client.get("/v1/products", params={"code": "P-120"}))
    fee = {"project": {"guid": project["guid"]}, "product": {"guid": product["guid"]}, "quantity": 2}
    created = await _create(client, fee)
    assert (created["name"], created["measurementUnit"], created["productType"]) == (
        "Tryckt handbok",
        "st",
        "Materials",
    )
    assert created["product"] == {"code": "P-120", "guid": product["guid"], "name": "Tryckt handbok"}


@pytest.mark.parametrize(
    ("changes", "location"),
    [
        ({"project": None}, "project"),
        ({"project": {"guid": "00000000-0000-0000-0000-000000000000"}}, "project.guid"),
        ({"quantity": "en"}, "quantity"),
        ({"unitCost": {"amount": 5}}, "unitCost.currencyCode"),
        ({"unitCost": {"amount": 5, "currencyCode": "NOK"}}, "unitCost.currencyCode"),
        ({"vatRate": "0.25"}, "vatRate"),
        ({"vatRate": Decimal("0.25")}, "vatRate"),
        ({"productType": "Hours"}, "productType"),
        ({"phase": {"guid": "00000000-0000-0000-0000-000000000000"}}, "phase.guid"),
        ({"costCenter": {"guid": "00000000-0000-0000-0000-000000000000"}}, "costCenter.guid"),
        ({"product": {"guid": "00000000-0000-0000-0000-000000000000"}}, "product.guid"),
    ],
)
async def test_refused_fees_are_invalid_parameter_and_not_stored(
    client: httpx.AsyncClient, emu: Emulator, changes: dict[str, Any], location: str
) -> None:
    project = await _project(client, 2003)
    response = await client.post(
        "/v1/projectfees",
        content=_json(_supplier_cost(project, **changes)),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["type"] == "InvalidParameter"
    assert location in {detail["location"]["name"] for detail in error["details"]}
    assert emu.store.count("projectfees") == 0


async def test_unknown_fee_or_project_is_404(client: httpx.AsyncClient) -> None:
    missing = "00000000-0000-0000-0000-000000000000"
    assert (await client.get(f"/v1/projectfees/{missing}")).status_code == 404
    response = await client.get(f"/v1/projects/{missing}/projectfees")
    assert response.status_code == 404
    assert response.json()["error"]["details"][0]["location"]["name"] == "projectGuid"
