"""Rate limit, injected failures, "apply then drop" over a real socket, latency-free determinism."""

from __future__ import annotations

import httpx
import pytest

from brygga_emulators.server import EmulatorServer
from brygga_emulators.severa import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Emulator, build_emulator

from .conftest import FakeClock, auth_headers, login, make_client


async def test_rate_limit_answers_429_with_retry_after(limited_emu: Emulator) -> None:
    async with make_client(limited_emu) as client:
        headers = auth_headers(await login(client, "any", "any"), "any")
        statuses = [(await client.get("/v1/currencies", headers=headers)).status_code for _ in range(4)]
        limited = await client.get("/v1/currencies", headers=headers)
        other_template = await client.get("/v1/localization/countries", headers=headers)
    assert statuses == [200, 200, 200, 429]
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    error = limited.json()["error"]
    assert error["type"] == "InvalidOperation" and error["httpStatusCode"] == 429
    wait = limited.headers["Retry-After"]
    assert error["details"][0]["message"] == f"Rate limit exceeded. Try again in {wait} seconds."
    assert other_template.status_code == 200  # the window is per endpoint template


async def test_rate_limit_window_follows_the_emulator_clock(limited_emu: Emulator, clock: FakeClock) -> None:
    async with make_client(limited_emu) as client:
        headers = auth_headers(await login(client, "any", "any"), "any")
        for _ in range(3):
            await client.get("/v1/currencies", headers=headers)
        clock.advance(20)
        limited = await client.get("/v1/currencies", headers=headers)
        clock.advance(40)
        freed = await client.get("/v1/currencies", headers=headers)
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "40"
    assert freed.status_code == 200


async def test_forced_429_burst(client: httpx.AsyncClient, emu: Emulator) -> None:
    emu.faults.rate_limit_next(2)
    statuses = [(await client.get("/v1/currencies")).status_code for _ in range(3)]
    assert statuses == [429, 429, 200]


async def test_fail_next_answers_503_and_applies_nothing(client: httpx.AsyncClient, emu: Emulator) -> None:
    before = emu.store.count("customers")
    emu.faults.fail_next("POST", "/v1/customers")
    failed = await client.post("/v1/customers", json={"name": "Spök AB", "number": 8000})
    assert failed.status_code == 503
    assert failed.json()["error"]["type"] == "InternalSystemError"
    assert emu.store.count("customers") == before
    retried = await client.post("/v1/customers", json={"name": "Spök AB", "number": 8000})
    assert retried.status_code == 201
    assert emu.store.count("customers") == before + 1


async def test_requests_are_counted_per_template(client: httpx.AsyncClient, emu: Emulator) -> None:
    [customer] = (await client.get("/v1/customers", params={"numbers": 1001})).json()
    await client.get(f"/v1/customers/{customer['guid']}")
    await client.get(f"/v1/customers/{customer['guid']}/addresses")
    assert emu.faults.requests["GET /v1/customers"] == 1
    assert emu.faults.requests["GET /v1/customers/{guid}"] == 1
    assert emu.faults.requests["GET /v1/customers/{customerGuid}/addresses"] == 1
    assert emu.faults.requests["POST /v1/token"] == 1


def test_drop_next_over_a_socket_loses_the_answer_but_keeps_the_write() -> None:
    emu = build_emulator("demo")
    with EmulatorServer(emu.app) as server, httpx.Client(base_url=server.base_url, timeout=5) as client:
        tokens = client.post("/v1/token", json={"client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET})
        headers = auth_headers(tokens.json())
        emu.faults.drop_next("POST", "/v1/customers")
        with pytest.raises(httpx.TransportError):
            client.post("/v1/customers", json={"name": "Tappat Svar AB", "number": 8100}, headers=headers)
        found = client.get("/v1/customers", params={"numbers": 8100}, headers=headers)
    assert [customer["name"] for customer in found.json()] == ["Tappat Svar AB"]
