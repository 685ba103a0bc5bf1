"""Addresses, contact persons and contact communications: create, list, patch, derived fields."""

from __future__ import annotations

from typing import Any

import httpx

from .conftest import FakeClock


async def _new_customer(client: httpx.AsyncClient, name: str = "Solberga Gård AB") -> dict[str, Any]:
    response = await client.post("/v1/customers", json={"name": name})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def _country_guid(client: httpx.AsyncClient, code2: str) -> str:
    [country] = (await client.get(f"/v1/localization/countries/{code2}")).json()
    guid: str = country["guid"]
    return guid


async def _type_guid(client: httpx.AsyncClient, method: str) -> str:
    types = (await client.get("/v1/communicationtypes")).json()
    guid: str = next(kind["guid"] for kind in types if kind["type"] == method)
    return guid


async def test_address_create_list_and_patch(client: httpx.AsyncClient, clock: FakeClock) -> None:
    customer = await _new_customer(client)
    body = {
        "addressline": "Gårdsvägen 1",
        "postalCode": "123 45",
        "city": "Solberga",
        "country": {"guid": await _country_guid(client, "SE")},
        "isBillingAddress": True,
        "phone": "08-1",
    }
    created = await client.post(f"/v1/customers/{customer['guid']}/addresses", json=body)
    assert created.status_code == 201, created.text
    address = created.json()
    assert address["customer"] == {"guid": customer["guid"], "name": "Solberga Gård AB", "number": customer["number"]}
    assert address["country"]["englishName"] == "Sweden"
    assert address["isVisitAddress"] is False and address["contacts"] == []

    listed = await client.get(f"/v1/customers/{customer['guid']}/addresses")
    assert [item["guid"] for item in listed.json()] == [address["guid"]]

    clock.advance(5)
    patched = await client.patch(
        f"/v1/addresses/{address['guid']}", json=[{"op": "Replace", "path": "/city", "value": "Norrtälje"}]
    )
    assert patched.status_code == 200
    assert patched.json()[0]["city"] == "Norrtälje"
    recent = await client.get("/v1/addresses", params={"changedSince": "2025-05-01T09:00:05Z"})
    assert [item["guid"] for item in recent.json()] == [address["guid"]]


async def test_address_for_unknown_customer_is_404(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/customers/not-a-guid/addresses", json={"city": "X"})
    assert response.status_code == 404
    assert response.json()["error"]["details"][0]["location"]["name"] == "customerGuid"


async def test_address_with_unknown_country_is_refused(client: httpx.AsyncClient) -> None:
    customer = await _new_customer(client)
    response = await client.post(
        f"/v1/customers/{customer['guid']}/addresses", json={"city": "X", "country": {"guid": "nowhere"}}
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["location"]["name"] == "country.guid"


async def test_contact_with_communications_echoes_emails_and_phones(client: httpx.AsyncClient) -> None:
    customer = await _new_customer(client)
    address = (await client.post(f"/v1/customers/{customer['guid']}/addresses", json={"city": "Solberga"})).json()
    contact_body = {
        "firstName": "Karin",
        "lastName": "Lind Berg",
        "customer": {"guid": customer["guid"]},
        "addressGuid": address["guid"],
    }
    created = await client.post("/v1/contactpersons", json=contact_body)
    assert created.status_code == 201, created.text
    contact = created.json()
    assert contact["name"] == "Karin Lind Berg" and contact["emails"] == []

    for method, value in (("EmailAddress", "karin@solberga.se"), ("MobilePhone", "+46 70 1")):
        body = {
            "value": value,
            "contact": {"guid": contact["guid"]},
            "communicationType": {"guid": await _type_guid(client, method)},
        }
        response = await client.post("/v1/contactcommunications", json=body)
        assert response.status_code == 201, response.text
        assert response.json()["communicationType"]["type"] == method

    fetched = (await client.get(f"/v1/contactpersons/{contact['guid']}")).json()
    assert fetched["emails"] == ["karin@solberga.se"]
    assert fetched["phoneNumbers"] == ["+46 70 1"]
    own = await client.get(f"/v1/contacts/{contact['guid']}/contactcommunications")
    assert sorted(item["value"] for item in own.json()) == ["+46 70 1", "karin@solberga.se"]
    listed_address = (await client.get(f"/v1/addresses/{address['guid']}")).json()
    assert listed_address["contacts"] == [{"guid": contact["guid"], "name": "Karin Lind Berg"}]
    per_customer = await client.get(f"/v1/customers/{customer['guid']}/contactpersons")
    assert [item["guid"] for item in per_customer.json()] == [contact["guid"]]


async def test_contact_patch_and_communication_patch(client: httpx.AsyncClient, clock: FakeClock) -> None:
    customer = await _new_customer(client)
    contact = (
        await client.post(
            "/v1/contactpersons", json={"firstName": "Mats", "lastName": "?", "customer": {"guid": customer["guid"]}}
        )
    ).json()
    communication = (
        await client.post(
            "/v1/contactcommunications",
            json={
                "value": "mats@old.se",
                "contact": {"guid": contact["guid"]},
                "communicationType": {"guid": await _type_guid(client, "EmailAddress")},
            },
        )
    ).json()
    clock.advance(30)

    patched_contact = await client.patch(
        f"/v1/contactpersons/{contact['guid']}", json=[{"op": "Replace", "path": "/lastName", "value": "Ekström"}]
    )
    patched_value = await client.patch(
        f"/v1/contactcommunications/{communication['guid']}",
        json=[{"op": "Replace", "path": "/value", "value": "mats@new.se"}],
    )
    assert patched_contact.json()[0]["name"] == "Mats Ekström"
    assert patched_value.json()["value"] == "mats@new.se"  # one model, not an array, as the spec says
    recent = await client.get("/v1/contactcommunications", params={"changedSince": "2025-05-01T09:00:30Z"})
    assert [item["guid"] for item in recent.json()] == [communication["guid"]]
    recent_contacts = await client.get("/v1/contactpersons", params={"changedSince": "2025-05-01T09:00:30Z"})
    assert [item["guid"] for item in recent_contacts.json()] == [contact["guid"]]


async def test_contact_requires_both_names_and_a_known_customer(client: httpx.AsyncClient) -> None:
    customer = await _new_customer(client)
    no_last = await client.post(
        "/v1/contactpersons", json={"firstName": "Mats", "lastName": "", "customer": {"guid": customer["guid"]}}
    )
    unknown_customer = await client.post(
        "/v1/contactpersons", json={"firstName": "A", "lastName": "B", "customer": {"guid": "missing"}}
    )
    no_customer = await client.post("/v1/contactpersons", json={"firstName": "A", "lastName": "B"})
    assert no_last.status_code == 400
    assert no_last.json()["error"]["details"][0]["location"]["name"] == "lastName"
    assert unknown_customer.status_code == 400
    assert no_customer.json()["error"]["details"][0]["location"]["name"] == "customer"


async def test_contact_address_must_belong_to_the_customer(client: httpx.AsyncClient) -> None:
    first = await _new_customer(client, "Ett AB")
    second = await _new_customer(client, "Två AB")
    foreign = (await client.post(f"/v1/customers/{second['guid']}/addresses", json={"city": "X"})).json()
    response = await client.post(
        "/v1/contactpersons",
        json={"firstName": "A", "lastName": "B", "customer": {"guid": first["guid"]}, "addressGuid": foreign["guid"]},
    )
    assert response.status_code == 400


async def test_communication_needs_known_type(client: httpx.AsyncClient) -> None:
    customer = await _new_customer(client)
    contact = (
        await client.post(
            "/v1/contactpersons", json={"firstName": "A", "lastName": "B", "customer": {"guid": customer["guid"]}}
        )
    ).json()
    response = await client.post(
        "/v1/contactcommunications",
        json={"value": "x", "contact": {"guid": contact["guid"]}, "communicationType": {"guid": "fax-ish"}},
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["location"]["name"] == "communicationType.guid"


async def test_offset_paging_and_its_row_count_limit(client: httpx.AsyncClient) -> None:
    first = (await client.get("/v1/addresses", params={"firstRow": 0, "rowCount": 5})).json()
    second = (await client.get("/v1/addresses", params={"firstRow": 5, "rowCount": 5})).json()
    assert len(first) == 5 and len(second) == 5
    assert not {item["guid"] for item in first} & {item["guid"] for item in second}
    too_many = await client.get("/v1/contactpersons", params={"rowCount": 101})
    assert too_many.status_code == 400
    error = too_many.json()["error"]
    assert error["type"] == "InvalidParameter" and error["details"][0]["location"]["name"] == "rowCount"
    assert (await client.get("/v1/currencies", params={"rowCount": 100})).status_code == 200
    assert (await client.get("/v1/addresses", params={"firstRow": -1})).status_code == 400


async def test_currencies_and_countries(client: httpx.AsyncClient) -> None:
    currencies = (await client.get("/v1/currencies")).json()
    assert {(c["code"], c["isActive"], c["isOrganizationCurrency"]) for c in currencies} == {
        ("SEK", True, True),
        ("EUR", True, False),
        ("NOK", False, False),
    }
    active = (await client.get("/v1/currencies", params={"active": "true"})).json()
    assert sorted(c["code"] for c in active) == ["EUR", "SEK"]
    countries = (await client.get("/v1/localization/countries")).json()
    assert {"SE", "NO", "DK", "FI", "DE", "GB", "US"} <= {country["code2"] for country in countries}
    finland = next(country for country in countries if country["code2"] == "FI")
    assert (finland["code3"], finland["englishName"], finland["isInEU"]) == ("FIN", "Finland", True)
    by_guid = await client.get(f"/v1/localization/countries/{finland['guid']}")
    assert by_guid.json()["code2"] == "FI"
    assert (await client.get("/v1/localization/countries/XX")).status_code == 404
