"""Many organisations in one Severa emulator: the client credentials choose the organisation, every token (a
refreshed one too) stays with it, and nothing written in one organisation is seen in another."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from brygga_emulators.severa import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, build_emulator, demo_client

from .conftest import FakeClock, auth_headers, login, make_client


async def _login(client: httpx.AsyncClient, organisation: int) -> dict[str, str]:
    client_id, secret = demo_client(organisation)
    return auth_headers(await login(client, client_id, secret), client_id)


async def _customer_names(client: httpx.AsyncClient, headers: dict[str, str]) -> set[str]:
    response = await client.get("/v1/customers", headers=headers)
    assert response.status_code == 200, response.text
    return {customer["name"] for customer in response.json()}


def test_the_demo_clients_are_derivable_and_the_first_is_today_s() -> None:
    assert demo_client(1) == (DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    assert demo_client(2) == ("brygga-demo-client-2", "brygga-demo-secret-2")
    assert demo_client(200) == ("brygga-demo-client-200", "brygga-demo-secret-200")


async def test_data_written_in_one_organisation_is_invisible_in_another() -> None:
    emu = build_emulator("demo", clock=FakeClock(), companies=3)
    async with make_client(emu) as client:
        first, third = await _login(client, 1), await _login(client, 3)
        created = await client.post("/v1/customers", json={"name": "Bara i trean AB"}, headers=third)
        assert created.status_code == 201, created.text
        guid = created.json()["guid"]

        assert (await client.get(f"/v1/customers/{guid}", headers=third)).json()["name"] == "Bara i trean AB"
        assert (await client.get(f"/v1/customers/{guid}", headers=first)).status_code == 404
    assert emu.organisation_store(3).get("customers", guid) is not None
    assert emu.organisation_store(1).get("customers", guid) is None


async def test_each_client_reaches_only_its_own_organisation() -> None:
    emu = build_emulator("demo", clock=FakeClock(), companies=2)
    async with make_client(emu) as client:
        wrong_secret = await client.post(
            "/v1/token", json={"client_id": "brygga-demo-client-2", "client_secret": DEMO_CLIENT_SECRET}
        )
        beyond = await client.post(
            "/v1/token", json={"client_id": "brygga-demo-client-3", "client_secret": "brygga-demo-secret-3"}
        )
    assert wrong_secret.status_code == 401 and beyond.status_code == 401


async def test_one_organisation_is_the_default_and_knows_only_the_demo_client() -> None:
    emu = build_emulator("demo", clock=FakeClock())
    async with make_client(emu) as client:
        assert await _customer_names(client, await _login(client, 1))
        second = await client.post(
            "/v1/token", json={"client_id": "brygga-demo-client-2", "client_secret": "brygga-demo-secret-2"}
        )
    assert second.status_code == 401 and len(emu.organisations) == 1


async def test_a_refreshed_token_stays_with_its_organisation() -> None:
    emu = build_emulator("empty", clock=FakeClock(), companies=2)
    async with make_client(emu) as client:
        client_id, secret = demo_client(2)
        tokens: dict[str, Any] = await login(client, client_id, secret)
        headers = auth_headers(tokens, client_id)
        created = await client.post("/v1/customers", json={"name": "Tvåan AB"}, headers=headers)
        assert created.status_code == 201, created.text
        refreshed = await client.post("/v1/refreshtoken", json=tokens["refresh_token"])
        assert refreshed.status_code == 200, refreshed.text

        assert "Tvåan AB" in await _customer_names(client, auth_headers(refreshed.json(), client_id))
        assert "Tvåan AB" not in await _customer_names(client, await _login(client, 1))


async def test_a_database_file_keeps_the_organisations_apart_across_a_restart(tmp_path: Path) -> None:
    db = str(tmp_path / "pm.sqlite")
    before = build_emulator("empty", db=db, clock=FakeClock(), companies=2)
    async with make_client(before) as client:
        created = await client.post(
            "/v1/customers", json={"name": "Sparad i tvåan AB"}, headers=await _login(client, 2)
        )
        assert created.status_code == 201, created.text
    before.close()

    after = build_emulator("empty", db=db, clock=FakeClock())  # no --companies: the file's two are served
    async with make_client(after) as client:
        second = await _customer_names(client, await _login(client, 2))
        first = await _customer_names(client, await _login(client, 1))
    after.close()

    assert "Sparad i tvåan AB" in second and "Sparad i tvåan AB" not in first
