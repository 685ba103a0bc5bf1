from __future__ import annotations

import re

import httpx
import pytest

from brygga_emulators.eekonomi import Emulator, build_emulator
from brygga_emulators.faults import FaultConfig
from brygga_emulators.server import EmulatorServer

from .support import (
    REDIRECT_URI,
    FakeClock,
    asgi_client,
    authorize,
    basic_auth,
    bearer,
    customer_body,
    obtain_tokens,
)


async def test_rate_limit_answers_429_with_the_real_body_per_template(clock: FakeClock) -> None:
    emulator = build_emulator("demo", config=FaultConfig(rate_limit_per_minute=3), clock=clock)
    async with asgi_client(emulator.app) as client:
        client.headers.update(bearer(await obtain_tokens(client)))
        allowed = [(await client.get("/v2/customers")).status_code for _ in range(3)]
        limited = await client.get("/v2/customers")
        one_id = emulator.store.customers.all()[0]["Id"]
        other_template = await client.get(f"/v2/customers/{one_id}")

    assert allowed == [200, 200, 200]
    assert limited.status_code == 429
    body = limited.json()
    assert body["ErrorCode"] == 4010
    match = re.fullmatch(
        r"API calls quota exceeded! maximum admitted 3 per Minute\. Try again in (\d+) seconds\.",
        body["DeveloperErrorMessage"],
    )
    assert match is not None
    assert 1 <= int(match.group(1)) <= 60
    assert "retry-after" not in limited.headers
    assert other_template.status_code == 200
    assert emulator.faults.requests["GET /v2/customers"] == 4
    assert emulator.faults.requests["GET /v2/customers/{customerId}"] == 1


async def test_retry_after_header_only_when_configured(clock: FakeClock) -> None:
    config = FaultConfig(rate_limit_per_minute=1, send_retry_after_header=True)
    emulator = build_emulator("demo", config=config, clock=clock)
    async with asgi_client(emulator.app) as client:
        client.headers.update(bearer(await obtain_tokens(client)))
        await client.get("/v2/currencies")
        limited = await client.get("/v2/currencies")

    assert limited.status_code == 429
    assert 1 <= int(limited.headers["retry-after"]) <= 60


async def test_rate_limited_write_is_not_applied(api: httpx.AsyncClient, emulator: Emulator) -> None:
    before = len(emulator.store.customers)
    emulator.faults.rate_limit_next(1)

    refused = await api.post("/v2/customers", json=customer_body())

    assert refused.status_code == 429
    assert "maximum admitted 600 per Minute" in refused.json()["DeveloperErrorMessage"]
    assert len(emulator.store.customers) == before


async def test_fail_next_answers_503_and_applies_nothing(api: httpx.AsyncClient, emulator: Emulator) -> None:
    before = len(emulator.store.customers)
    emulator.faults.fail_next("POST", "/v2/customers")

    failed = await api.post("/v2/customers", json=customer_body(CustomerNumber="F1"))
    retried = await api.post("/v2/customers", json=customer_body(CustomerNumber="F1"))

    assert failed.status_code == 503
    assert failed.json()["ErrorCode"] == 5000
    assert retried.status_code == 201
    assert len(emulator.store.customers) == before + 1


async def test_fail_next_can_hit_the_token_endpoint(client: httpx.AsyncClient, emulator: Emulator) -> None:
    emulator.faults.fail_next("POST", "/connect/token", status=502)
    form = {"grant_type": "authorization_code", "code": await authorize(client), "redirect_uri": REDIRECT_URI}

    failed = await client.post("/connect/token", data=form, headers=basic_auth())
    answered = await client.post("/connect/token", data=form, headers=basic_auth())

    assert failed.status_code == 502
    assert answered.status_code == 200  # the failure happened before the code was spent


async def test_dropped_response_still_creates_the_customer_over_a_real_socket(clock: FakeClock) -> None:
    emulator = build_emulator("demo", clock=clock)
    with EmulatorServer(emulator.app) as server:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=5) as client:
            client.headers.update(bearer(await obtain_tokens(client)))
            emulator.faults.drop_next("POST", "/v2/customers")

            with pytest.raises(httpx.TransportError):
                await client.post("/v2/customers", json=customer_body(CustomerNumber="DROP1"))
            found = await client.get("/v2/customers", params={"$filter": "CustomerNumber eq 'DROP1'"})

    assert found.status_code == 200
    assert [customer["Name"] for customer in found.json()["Data"]] == ["Testbolaget AB"]


async def test_latency_setting_is_honoured_without_breaking_answers(clock: FakeClock) -> None:
    emulator = build_emulator("demo", config=FaultConfig(latency_ms=1), clock=clock)
    async with asgi_client(emulator.app) as client:
        client.headers.update(bearer(await obtain_tokens(client)))
        response = await client.get("/v2/countries/se")

    assert response.status_code == 200
    assert response.json() == {"Name": "Sverige", "NameEnglish": "Sweden", "Code": "SE", "IsEuMember": True}
