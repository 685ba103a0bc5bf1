"""The Severa emulator's indexes and cached lists stay correct through writes, and scale to 20,000 contacts.

Speed is measured in benchmarks/emulator_scale.py; these tests prove the answers.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx

from brygga_emulators.severa import Emulator, build_emulator
from brygga_emulators.severa.builders import Ticker, add_customer
from brygga_emulators.severa.bulk_data import bulk_customer
from brygga_emulators.severa.ids import _NAMESPACE, stable_guid

from .conftest import auth_headers, login, make_client

CONTACTS = 20_000


def _replace(path: str, value: object) -> list[dict[str, object]]:
    return [{"op": "Replace", "path": path, "value": value}]


async def _names(client: httpx.AsyncClient, **params: object) -> list[str]:
    response = await client.get("/v1/customers", params=params)
    assert response.status_code == 200, response.text
    return [customer["name"] for customer in response.json()]


async def test_renamed_customer_is_found_by_its_new_name_and_not_its_old(client: httpx.AsyncClient) -> None:
    [first] = (await client.get("/v1/customers", params={"rowCount": 1})).json()
    old_name = first["name"]
    assert await _names(client, customerNames=old_name.upper()) == [old_name]
    patched = await client.patch(f"/v1/customers/{first['guid']}", json=_replace("/name", "Omdöpt Index AB"))
    assert patched.status_code == 200, patched.text
    assert await _names(client, customerNames="omdöpt index ab") == ["Omdöpt Index AB"]
    assert await _names(client, customerNames=old_name) == []


async def test_renumbered_customer_frees_its_old_number(client: httpx.AsyncClient) -> None:
    customers = (await client.get("/v1/customers", params={"rowCount": 2})).json()
    first, second = customers[0], customers[1]
    clash = await client.patch(f"/v1/customers/{second['guid']}", json=_replace("/number", first["number"]))
    assert clash.status_code == 400
    moved = await client.patch(f"/v1/customers/{first['guid']}", json=_replace("/number", 777_777))
    assert moved.status_code == 200, moved.text
    by_old = await client.get("/v1/customers", params={"numbers": first["number"]})
    assert by_old.json() == []
    taken = await client.patch(f"/v1/customers/{second['guid']}", json=_replace("/number", first["number"]))
    assert taken.status_code == 200, taken.text
    by_number = await client.get("/v1/customers", params={"numbers": [first["number"], 777_777]})
    assert [c["guid"] for c in by_number.json()] == [first["guid"], second["guid"]]  # in the list's order
    created = await client.post("/v1/customers", json={"name": "Nästa nummer AB"})
    assert created.json()["number"] == 777_778  # one above the highest number


async def test_a_page_walk_sees_a_write_made_between_its_pages(client: httpx.AsyncClient) -> None:
    first = await client.get("/v1/customers", params={"rowCount": 5, "isActive": "true"})
    names = [c["name"] for c in first.json()]
    last_guid = first.json()[-1]["guid"]
    await client.patch(f"/v1/customers/{last_guid}", json=_replace("/isActive", False))
    rest: list[str] = []
    params = {"rowCount": 5, "isActive": "true", "pageToken": first.headers["NextPageToken"]}
    while True:
        page = await client.get("/v1/customers", params=params)
        rest += [c["name"] for c in page.json()]
        if "NextPageToken" not in page.headers:
            break
        params["pageToken"] = page.headers["NextPageToken"]
    everything = await _names(client, isActive="true", rowCount=1000)
    # The filtered list is computed again after the write: offset 5 of the new list, as Severa pages.
    assert rest == everything[5:]
    assert names[-1] not in everything


async def test_moved_contact_is_listed_under_its_new_customer_with_its_communications(
    client: httpx.AsyncClient,
) -> None:
    customers = (await client.get("/v1/customers", params={"rowCount": 2})).json()
    body = {"firstName": "Ida", "lastName": "Index", "customer": {"guid": customers[0]["guid"]}}
    contact = await client.post("/v1/contactpersons", json=body)
    assert contact.status_code == 201, contact.text
    guid = contact.json()["guid"]
    types = {t["type"]: t["guid"] for t in (await client.get("/v1/communicationtypes")).json()}
    email = {"value": "ida@exempel.se", "contact": {"guid": guid}, "communicationType": {"guid": types["EmailAddress"]}}
    assert (await client.post("/v1/contactcommunications", json=email)).status_code == 201
    moved = await client.patch(f"/v1/contactpersons/{guid}", json=_replace("/customer/guid", customers[1]["guid"]))
    assert moved.status_code == 200, moved.text
    before = await client.get(f"/v1/customers/{customers[0]['guid']}/contactpersons")
    after = await client.get(f"/v1/customers/{customers[1]['guid']}/contactpersons")
    assert guid not in [c["guid"] for c in before.json()]
    [found] = [c for c in after.json() if c["guid"] == guid]
    assert found["emails"] == ["ida@exempel.se"]


def test_stable_guid_is_uuid5_of_the_namespace() -> None:
    for key in ("1001", 20_001, "a:b:0", "å", ""):
        assert stable_guid("customer", key) == str(uuid.uuid5(_NAMESPACE, f"customer:{key}"))


def _twenty_thousand_customers() -> Emulator:
    emulator = build_emulator("empty")
    tick = Ticker(datetime(2024, 6, 3, 6, 0, tzinfo=UTC))
    with emulator.store.batch():
        for index in range(CONTACTS):
            add_customer(emulator.store, bulk_customer(index), tick)
    return emulator


async def test_20000_contacts_render_with_their_own_communications() -> None:
    emulator = _twenty_thousand_customers()
    expected = {}
    for index in range(CONTACTS):
        spec = bulk_customer(index).contacts[0]
        expected[f"{spec.first_name} {spec.last_name}", spec.email] = [spec.phone, spec.mobile]
    seen = 0
    async with make_client(emulator) as client:
        client.headers.update(auth_headers(await login(client)))
        first_row = 0
        while True:
            page = await client.get("/v1/contactpersons", params={"firstRow": first_row, "rowCount": 100})
            assert page.status_code == 200, page.text
            for contact in page.json():
                [email] = contact["emails"]
                assert expected[contact["name"], email] == contact["phoneNumbers"]
                assert contact["customer"]["name"].endswith(email.rsplit("@kund", 1)[1].removesuffix(".se") + " AB")
                seen += 1
            if len(page.json()) < 100:
                break
            first_row += 100
    assert seen == CONTACTS
