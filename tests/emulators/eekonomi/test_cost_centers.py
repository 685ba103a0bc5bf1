"""Cost centers (at most three, each listed with its items) and cost center items."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from brygga_emulators.eekonomi import Emulator
from brygga_emulators.eekonomi.demo_articles import cost_center_item_id
from brygga_emulators.eekonomi.reference_data import cost_center_id

from .support import FakeClock, cost_center_item_body, decode, send_json

DUPLICATE = "CostCenterItemAlreadyExistsException - A cost center item with the provided id or name already exists."


async def cost_centers(api: httpx.AsyncClient) -> list[dict[str, Any]]:
    response = await api.get("/v2/costcenters")
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = decode(response)["Data"]
    return data


async def create_item(api: httpx.AsyncClient, **overrides: Any) -> httpx.Response:
    return await send_json(api, "POST", "/v2/costcenteritems", cost_center_item_body(**overrides))


async def test_list_shows_each_cost_center_with_its_items(api: httpx.AsyncClient) -> None:
    centers = await cost_centers(api)

    assert [(c["Number"], c["Name"], c["IsActive"]) for c in centers] == [
        (1, "Avdelning", True),
        (2, "Projekt", True),
        (3, "Kostnadsbärare", True),
    ]
    assert [(i["ShortName"], i["Name"]) for i in centers[1]["Items"]] == [
        ("2003", "Nordvik Kontorsbygge"),
        ("2004", "Älvsjö Mässhall"),
        ("HAMN", "Hamnprojektet"),
    ]
    assert centers[2]["Items"] == []


async def test_a_new_item_appears_under_its_cost_center(api: httpx.AsyncClient, clock: FakeClock) -> None:
    clock.advance(minutes=3)
    response = await create_item(api, ShortName="2001", Name="Solna Kontor")

    assert response.status_code == 201, response.text
    item = decode(response)
    assert list(item) == ["CostCenterId", "Id", "Name", "ShortName", "IsActive", "CreatedUtc"]
    assert item["CreatedUtc"] == "2025-03-01T12:03:00Z"
    assert decode(await api.get(f"/v2/costcenteritems/{item['Id']}")) == item
    projects = (await cost_centers(api))[1]
    assert projects["Items"][-1] == item


@pytest.mark.parametrize(
    "clash",
    [
        {"ShortName": "2004", "Name": "Älvsjö Mässhall etapp 2"},  # the short name exists
        {"ShortName": "2005", "Name": "Hamnprojektet"},  # the name exists
        {"ShortName": "2003", "Name": "Nordvik Kontorsbygge"},  # both exist
    ],
)
async def test_a_clashing_item_is_4000_with_the_original_text(
    api: httpx.AsyncClient, emulator: Emulator, clash: dict[str, str]
) -> None:
    before = len(emulator.store.cost_center_items)
    response = await create_item(api, **clash)

    assert response.status_code == 400
    assert response.json()["ErrorCode"] == 4000
    assert response.json()["DeveloperErrorMessage"] == DUPLICATE
    assert len(emulator.store.cost_center_items) == before


async def test_the_same_names_are_fine_in_another_cost_center(api: httpx.AsyncClient) -> None:
    response = await create_item(api, CostCenterId=cost_center_id(3), ShortName="2004", Name="Hamnprojektet")

    assert response.status_code == 201, response.text


async def test_required_fields_and_lengths(api: httpx.AsyncClient) -> None:
    missing = await send_json(api, "POST", "/v2/costcenteritems", {})
    too_long = await create_item(api, ShortName="1234567890", Name="N" * 51)

    assert missing.json()["DeveloperErrorMessage"] == (
        "ValidateModelAttributeException - The CostCenterId field is required. The Name field is required. "
        "The ShortName field is required. The IsActive field is required."
    )
    assert too_long.json()["DeveloperErrorMessage"] == (
        "ValidateModelAttributeException - The field Name must be a string with a maximum length of 50. "
        "The field ShortName must be a string with a maximum length of 9."
    )
    assert {missing.json()["ErrorCode"], too_long.json()["ErrorCode"]} == {2000}


async def test_unknown_cost_center_is_3000(api: httpx.AsyncClient) -> None:
    unknown = str(uuid.uuid4())
    response = await create_item(api, CostCenterId=unknown)

    assert response.status_code == 400
    assert response.json()["ErrorCode"] == 3000
    assert (
        response.json()["DeveloperErrorMessage"]
        == f"ResourceNotFoundException - CostCenter with id {unknown} was not found."
    )


async def test_put_replaces_an_item_and_keeps_its_creation_time(api: httpx.AsyncClient, clock: FakeClock) -> None:
    item_id = cost_center_item_id(2, "2004")
    clock.advance(minutes=1)
    body = cost_center_item_body(ShortName="2004", Name="Älvsjö Mässhall etapp 2", IsActive=False)
    response = await send_json(api, "PUT", f"/v2/costcenteritems/{item_id}", body)

    assert response.status_code == 200, response.text
    item = decode(response)
    assert (item["Id"], item["Name"], item["IsActive"]) == (item_id, "Älvsjö Mässhall etapp 2", False)
    assert item["CreatedUtc"] == "2025-01-10T08:03:00Z"


async def test_put_refuses_to_move_an_item_to_another_cost_center(api: httpx.AsyncClient, emulator: Emulator) -> None:
    item_id = cost_center_item_id(2, "HAMN")
    before = emulator.store.cost_center_items.get(item_id)
    body = cost_center_item_body(CostCenterId=cost_center_id(1), ShortName="HAMN", Name="Hamnprojektet")
    response = await send_json(api, "PUT", f"/v2/costcenteritems/{item_id}", body)

    assert response.status_code == 400
    assert response.json()["ErrorCode"] == 2000
    assert response.json()["DeveloperErrorMessage"] == (
        "ValidateModelAttributeException - The cost center assignment cannot be changed."
    )
    assert emulator.store.cost_center_items.get(item_id) == before


async def test_put_cannot_take_a_siblings_name(api: httpx.AsyncClient) -> None:
    body = cost_center_item_body(ShortName="HAMN", Name="Nordvik Kontorsbygge")
    response = await send_json(api, "PUT", f"/v2/costcenteritems/{cost_center_item_id(2, 'HAMN')}", body)

    assert response.json()["ErrorCode"] == 4000
    assert response.json()["DeveloperErrorMessage"] == DUPLICATE


async def test_unknown_items_are_404(api: httpx.AsyncClient) -> None:
    unknown = str(uuid.uuid4())
    got = await api.get(f"/v2/costcenteritems/{unknown}")
    put = await send_json(api, "PUT", f"/v2/costcenteritems/{unknown}", cost_center_item_body())

    assert (got.status_code, put.status_code) == (404, 404)
    assert got.json()["ErrorCode"] == 3000


async def test_put_renames_a_cost_center_and_keeps_number_and_items(api: httpx.AsyncClient) -> None:
    response = await send_json(
        api, "PUT", f"/v2/costcenters/{cost_center_id(2)}", {"Name": "PM-projekt", "IsActive": True, "Number": 9}
    )

    assert response.status_code == 200, response.text
    center = decode(response)
    assert (center["Name"], center["Number"], len(center["Items"])) == ("PM-projekt", 2, 3)
    assert (await cost_centers(api))[1]["Name"] == "PM-projekt"


async def test_cost_center_names_are_at_most_20(api: httpx.AsyncClient) -> None:
    response = await send_json(api, "PUT", f"/v2/costcenters/{cost_center_id(1)}", {"Name": "N" * 21})

    assert response.json()["DeveloperErrorMessage"] == (
        "ValidateModelAttributeException - The field Name must be a string with a maximum length of 20."
    )


async def test_cost_centers_cannot_be_created_or_deleted(api: httpx.AsyncClient) -> None:
    created = await send_json(api, "POST", "/v2/costcenters", {"Name": "Fjärde"})
    deleted = await api.delete(f"/v2/costcenters/{cost_center_id(3)}")

    assert (created.status_code, deleted.status_code) == (405, 405)
    assert len(await cost_centers(api)) == 3
