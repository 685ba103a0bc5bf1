"""Tokens: client credentials, refresh rotation, expiry by the clock, expire_tokens, the Client_Id header."""

from __future__ import annotations

import httpx
import pytest

from brygga_emulators.severa import DEMO_CLIENT_ID, Emulator, build_emulator

from .conftest import FakeClock, auth_headers, login, make_client


def _assert_authentication_required(response: httpx.Response) -> None:
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "AuthenticationRequired"
    assert response.json()["error"]["httpStatusCode"] == 401


async def test_token_has_the_public_authentication_output_model(emu: Emulator, clock: FakeClock) -> None:
    async with make_client(emu) as client:
        tokens = await login(client)
    assert tokens["access_token_type"] == "Bearer"
    assert tokens["access_token_expires_in"] == 3600
    assert tokens["access_token_expires_utc"] == "2025-05-01T10:00:00.000Z"
    assert tokens["refresh_token"] and tokens["refresh_token"] != tokens["access_token"]
    assert tokens["refresh_token_expires_in"] > 3600
    assert "customers:read" in tokens["scope"]


@pytest.mark.parametrize("secret", ["nope", "fel-hemlighet-åäö"])
async def test_wrong_secret_is_refused(emu: Emulator, secret: str) -> None:
    async with make_client(emu) as client:
        response = await client.post("/v1/token", json={"client_id": DEMO_CLIENT_ID, "client_secret": secret})
    _assert_authentication_required(response)


async def test_missing_secret_is_a_validation_error(emu: Emulator) -> None:
    async with make_client(emu) as client:
        response = await client.post("/v1/token", json={"client_id": DEMO_CLIENT_ID})
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["location"]["name"] == "client_secret"


async def test_empty_data_set_accepts_any_credentials() -> None:
    async with make_client(build_emulator("empty")) as client:
        tokens = await login(client, "someone", "anything")
        response = await client.get("/v1/currencies", headers=auth_headers(tokens, "someone"))
    assert response.status_code == 200


async def test_calls_need_bearer_token_and_matching_client_id(emu: Emulator) -> None:
    async with make_client(emu) as client:
        tokens = await login(client)
        no_token = await client.get("/v1/customers", headers={"Client_Id": DEMO_CLIENT_ID})
        no_client_id = await client.get("/v1/customers", headers={"Authorization": f"Bearer {tokens['access_token']}"})
        other_client_id = await client.get("/v1/customers", headers=auth_headers(tokens, "someone-else"))
        ok = await client.get("/v1/customers", headers=auth_headers(tokens))
    for refused in (no_token, no_client_id, other_client_id):
        _assert_authentication_required(refused)
    assert no_client_id.json()["error"]["details"][0]["location"] == {
        "type": "RequestHeader",
        "name": "Client_Id",
        "identifier": None,
    }
    assert ok.status_code == 200


async def test_access_token_expires_after_an_hour_by_the_clock(emu: Emulator, clock: FakeClock) -> None:
    async with make_client(emu) as client:
        headers = auth_headers(await login(client))
        clock.advance(3599)
        assert (await client.get("/v1/currencies", headers=headers)).status_code == 200
        clock.advance(1)
        _assert_authentication_required(await client.get("/v1/currencies", headers=headers))


async def test_refresh_rotates_and_the_old_refresh_token_is_single_use(emu: Emulator, clock: FakeClock) -> None:
    async with make_client(emu) as client:
        first = await login(client)
        clock.advance(4000)
        second = (await client.post("/v1/refreshtoken", json=first["refresh_token"])).json()
        reused = await client.post("/v1/refreshtoken", json=first["refresh_token"])
        works = await client.get("/v1/currencies", headers=auth_headers(second))
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    _assert_authentication_required(reused)
    assert works.status_code == 200


async def test_refresh_body_must_be_a_json_string(emu: Emulator) -> None:
    async with make_client(emu) as client:
        response = await client.post("/v1/refreshtoken", json={"refresh_token": "x"})
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "InvalidRequest"


async def test_expire_tokens_kills_issued_access_tokens_but_not_refresh(emu: Emulator) -> None:
    async with make_client(emu) as client:
        tokens = await login(client)
        emu.faults.expire_tokens()
        expired = await client.get("/v1/currencies", headers=auth_headers(tokens))
        renewed = (await client.post("/v1/refreshtoken", json=tokens["refresh_token"])).json()
        after = await client.get("/v1/currencies", headers=auth_headers(renewed))
    _assert_authentication_required(expired)
    assert after.status_code == 200
