"""The demo, empty and bulk data sets, and SQLite persistence across a rebuild."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from brygga_emulators.severa import Emulator, build_emulator

from .conftest import auth_headers, login, make_client


async def _customer(client: httpx.AsyncClient, number: int) -> dict[str, Any]:
    [customer] = (await client.get("/v1/customers", params={"numbers": number})).json()
    assert isinstance(customer, dict)
    return customer


async def _addresses(client: httpx.AsyncClient, customer: dict[str, Any]) -> list[dict[str, Any]]:
    response = await client.get(f"/v1/customers/{customer['guid']}/addresses")
    result: list[dict[str, Any]] = response.json()
    return result


async def _contacts(client: httpx.AsyncClient, customer: dict[str, Any]) -> list[dict[str, Any]]:
    response = await client.get(f"/v1/customers/{customer['guid']}/contactpersons")
    result: list[dict[str, Any]] = response.json()
    return result


async def test_named_demo_customers(client: httpx.AsyncClient) -> None:
    expected = {
        1001: "Aurora Konsult AB",
        1002: "Bergström Arkitekter AB",
        1003: "Nordviks Byggtjänst AB",
        1004: "Dalarö Fastigheter AB",
        1005: "Lindgren & Partners AB",
    }
    for number, name in expected.items():
        assert (await _customer(client, number))["name"] == name


async def test_valid_demo_customers_have_billing_address_and_contact_details(client: httpx.AsyncClient) -> None:
    for number in range(1001, 1037):
        customer = await _customer(client, number)
        assert customer["isActive"] and customer["vatNumber"] and customer["email"]
        assert customer["paymentTerm"] in (10, 15, 20, 30, 60)
        billing = [a for a in await _addresses(client, customer) if a["isBillingAddress"]]
        assert len(billing) == 1 and billing[0]["city"] and billing[0]["phone"], number
        assert len(billing[0]["addressline"]) <= 50 and billing[0]["country"] is not None
        assert len(customer["name"]) <= 50
        contact = next(c for c in await _contacts(client, customer) if c["addressGuid"] == billing[0]["guid"])
        assert contact["firstName"] and contact["lastName"] and contact["emails"]
        assert len(contact["phoneNumbers"]) == 2, number


async def test_eur_customers_are_finnish_and_german(client: httpx.AsyncClient) -> None:
    for number, country in ((1006, "Finland"), (1007, "Germany")):
        customer = await _customer(client, number)
        assert customer["currency"]["code"] == "EUR"
        [address] = await _addresses(client, customer)
        assert address["country"]["englishName"] == country


@pytest.mark.parametrize("number", [1001, 1002, 1010])
async def test_some_customers_have_several_addresses_and_contacts(client: httpx.AsyncClient, number: int) -> None:
    customer = await _customer(client, number)
    addresses = sorted(await _addresses(client, customer), key=lambda a: a["createdDateTime"])
    assert [(a["isVisitAddress"], a["isBillingAddress"]) for a in addresses] == [
        (True, False),
        (False, True),
        (False, False),
    ]
    assert customer["headquarterAddress"]["guid"] == addresses[2]["guid"]
    assert len(await _contacts(client, customer)) == 2


async def test_broken_demo_customers(client: httpx.AsyncClient) -> None:
    [address_1037] = await _addresses(client, await _customer(client, 1037))
    assert address_1037["city"] is None
    [address_1038] = await _addresses(client, await _customer(client, 1038))
    assert len(address_1038["addressline"]) > 50
    assert (await _customer(client, 1039))["paymentTerm"] == 25
    assert (await _customer(client, 1040))["currency"]["code"] == "NOK"
    assert (await _customer(client, 1041))["name"] == (
        "Kungsholmens Tekniska Installationer och Fastighetsservice Aktiebolag"
    )
    no_address = await _customer(client, 1042)
    assert await _addresses(client, no_address) == [] and no_address["headquarterAddress"] is None
    [kalle] = await _contacts(client, await _customer(client, 1043))
    # C9 in RULES.md: a one-word contact name lives in PM as first name "?" and the word as last name
    assert (kalle["firstName"], kalle["lastName"], kalle["name"]) == ("?", "Kalle", "? Kalle")
    for number in (1044, 1045):
        assert (await _customer(client, number))["isActive"] is False


def test_demo_is_deterministic() -> None:
    first, second = build_emulator("demo"), build_emulator("demo")
    for collection in ("customers", "addresses", "contacts", "communications"):
        assert first.store.all(collection) == second.store.all(collection)


async def test_empty_has_settings_but_no_customers() -> None:
    emu = build_emulator("empty")
    assert emu.store.count("customers") == 0
    codes = {currency["code"] for currency in emu.store.all("currencies")}
    assert codes == {"SEK", "EUR"}
    assert {kind["type"] for kind in emu.store.all("communicationtypes")} >= {
        "Phone",
        "MobilePhone",
        "EmailAddress",
        "Fax",
    }


async def test_bulk_customers_are_valid_and_numbered_from_20001() -> None:
    emu = build_emulator("bulk:25")
    customers = emu.store.all("customers")
    assert [c["number"] for c in customers] == list(range(20001, 20026))
    assert emu.store.count("addresses") == 25 and emu.store.count("contacts") == 25
    assert emu.store.count("communications") == 75
    assert all(c["isActive"] for c in customers)


def test_unknown_data_set_is_refused() -> None:
    with pytest.raises(ValueError, match="bulk:N"):
        build_emulator("bulk:many")


async def test_sqlite_store_survives_a_rebuild(tmp_path: Path) -> None:
    db = str(tmp_path / "severa.sqlite")
    emu = build_emulator("demo", db=db)
    async with make_client(emu) as client:
        await _login_into(client)
        created = (await client.post("/v1/customers", json={"name": "Beständig AB", "number": 7777})).json()
        [c1001] = (await client.get("/v1/customers", params={"numbers": 1001})).json()
        await client.patch(
            f"/v1/customers/{c1001['guid']}", json=[{"op": "Replace", "path": "/notes", "value": "sparad"}]
        )
    emu.store.close()

    rebuilt = build_emulator("demo", db=db)
    assert rebuilt.store.count("customers") == 46  # not seeded twice
    stored = rebuilt.store.get("customers", created["guid"])
    assert stored is not None and stored["name"] == "Beständig AB"
    customers = rebuilt.store.all("customers")
    assert customers[0]["number"] == 1001 and customers[0]["notes"] == "sparad"  # order kept
    assert customers[-1]["number"] == 7777
    rebuilt.store.close()


async def _login_into(client: httpx.AsyncClient) -> None:
    client.headers.update(auth_headers(await login(client)))


def test_emulator_fixture_is_demo(emu: Emulator) -> None:
    assert emu.store.count("customers") == 45
