"""Every kind of answer the emulator gives, checked against the schemas of the official spec."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from brygga_emulators.severa import Emulator

from .conftest import make_client
from .spec_check import SpecChecker


async def _first(client: httpx.AsyncClient, path: str, **params: Any) -> dict[str, Any]:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    body: list[dict[str, Any]] = response.json()
    return body[0]


async def test_list_answers_match_their_models(client: httpx.AsyncClient, checker: SpecChecker) -> None:
    customers = (await client.get("/v1/customers", params={"rowCount": 1000})).json()
    for customer in customers:
        checker.assert_matches("CustomerModel", customer)
    for address in (await client.get("/v1/addresses", params={"rowCount": 100})).json():
        checker.assert_matches("AddressModel", address)
    for contact in (await client.get("/v1/contactpersons", params={"rowCount": 100})).json():
        checker.assert_matches("ContactModel", contact)
    for communication in (await client.get("/v1/contactcommunications", params={"rowCount": 100})).json():
        checker.assert_matches("ContactCommunicationModel", communication)
    for kind in (await client.get("/v1/communicationtypes")).json():
        checker.assert_matches("CommunicationTypeModel", kind)
    for currency in (await client.get("/v1/currencies")).json():
        checker.assert_matches("CurrencyOutputModel", currency)
    for country in (await client.get("/v1/localization/countries")).json():
        checker.assert_matches("CountryModel", country)


async def test_single_and_created_answers_match(client: httpx.AsyncClient, checker: SpecChecker) -> None:
    customer = await _first(client, "/v1/customers", numbers=1001)
    checker.assert_matches("CustomerModel", (await client.get(f"/v1/customers/{customer['guid']}")).json())
    created = await client.post("/v1/customers", json={"name": "Kontrakt AB"})
    checker.assert_matches("CustomerModel", created.json())
    patched = await client.patch(
        f"/v1/customers/{customer['guid']}", json=[{"op": "Replace", "path": "/website", "value": "https://a.se"}]
    )
    for item in patched.json():
        checker.assert_matches("CustomerModel", item)
    contact = await _first(client, "/v1/contactpersons")
    communication = await _first(client, f"/v1/contacts/{contact['guid']}/contactcommunications")
    one = await client.get(f"/v1/contactcommunications/{communication['guid']}")
    checker.assert_matches("ContactCommunicationModel", one.json())
    currency = await _first(client, "/v1/currencies")
    checker.assert_matches("CurrencyOutputModel", (await client.get(f"/v1/currencies/{currency['guid']}")).json())


async def test_token_and_error_answers_match(emu: Emulator, checker: SpecChecker) -> None:
    async with make_client(emu) as client:
        tokens = await client.post(
            "/v1/token", json={"client_id": "brygga-demo-client", "client_secret": "brygga-demo-secret"}
        )
        refused = await client.get("/v1/customers")
        bad = await client.post("/v1/token", json={})
    checker.assert_matches("PublicAuthenticationOutputModel", tokens.json())
    for error in (refused, bad):
        checker.assert_matches("ExceptionModel", error.json())
        checker.assert_matches("ErrorModel", error.json()["error"])


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/customers"),
        ("POST", "/v1/customers"),
        ("GET", "/v1/customers/{guid}"),
        ("PATCH", "/v1/customers/{guid}"),
        ("GET", "/v1/customers/{customerGuid}/addresses"),
        ("POST", "/v1/customers/{customerGuid}/addresses"),
        ("GET", "/v1/addresses"),
        ("GET", "/v1/addresses/{guid}"),
        ("PATCH", "/v1/addresses/{guid}"),
        ("GET", "/v1/customers/{customerGuid}/contactpersons"),
        ("GET", "/v1/contactpersons"),
        ("POST", "/v1/contactpersons"),
        ("PATCH", "/v1/contactpersons/{guid}"),
        ("GET", "/v1/contacts/{contactGuid}/contactcommunications"),
        ("GET", "/v1/contactcommunications"),
        ("POST", "/v1/contactcommunications"),
        ("PATCH", "/v1/contactcommunications/{guid}"),
        ("GET", "/v1/communicationtypes"),
        ("GET", "/v1/currencies"),
        ("GET", "/v1/localization/countries"),
        ("GET", "/v1/localization/countries/{code2}"),
        ("POST", "/v1/token"),
        ("POST", "/v1/refreshtoken"),
    ],
)
def test_emulated_operations_exist_in_the_spec(severa_spec: dict[str, Any], method: str, path: str) -> None:
    assert method.lower() in severa_spec["paths"][path]
