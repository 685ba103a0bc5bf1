"""The client against brygga's eEkonomi emulator (written separately from the spec): the two must agree.

In-process over ASGI for speed; the lost-response case runs over a real loopback socket, because
only there does "apply the write, then drop the connection" look like it does in production.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from brygga.eekonomi import Customer, EEkonomiAuth, EEkonomiClient, EEkonomiOAuthConfig, connect_unattended
from brygga.errors import TransportError
from brygga.tokens import MemoryTokenStore
from brygga_emulators.eekonomi import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Emulator, build_emulator
from brygga_emulators.server import EmulatorServer

REDIRECT_URI = "http://localhost:8765/callback"


class RecordingSleep:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@dataclass
class Connected:
    emulator: Emulator
    client: EEkonomiClient
    auth: EEkonomiAuth
    sleep: RecordingSleep


async def connect(base_url: str, transport: httpx.AsyncBaseTransport | None, emulator: Emulator) -> Connected:
    config = EEkonomiOAuthConfig(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, auth_url=base_url)
    store = MemoryTokenStore(await connect_unattended(config, REDIRECT_URI, transport=transport))
    auth = EEkonomiAuth(config, store, token_transport=transport)
    sleep = RecordingSleep()
    client = EEkonomiClient(base_url + "/v2", auth, transport=transport, sleep=sleep)
    return Connected(emulator, client, auth, sleep)


@pytest.fixture
async def eek() -> AsyncIterator[Connected]:
    emulator = build_emulator("demo")
    connected = await connect("http://eek.test", httpx.ASGITransport(app=emulator.app), emulator)
    async with connected.client:
        yield connected


async def first_terms_id(client: EEkonomiClient) -> str:
    terms = [t async for t in client.terms_of_payment.iter()]
    assert terms and terms[0].id is not None
    return terms[0].id


def new_customer(number: str, terms_id: str) -> Customer:
    return Customer(
        customer_number=number,
        name="Emulatortest AB",
        is_private_person=False,
        is_active=True,
        invoice_address1="Testgatan 1",
        invoice_city="Lund",
        invoice_postal_code="222 22",
        invoice_country_code="SE",
        terms_of_payment_id=terms_id,
    )


async def test_reads_the_demo_company(eek: Connected) -> None:
    settings = await eek.client.company_settings.get()
    customers = [c async for c in eek.client.customers.iter(page_size=2)]
    assert settings.name
    assert len(customers) >= 1
    assert [c async for c in eek.client.currencies.iter()]
    assert [c async for c in eek.client.countries.iter()]


async def test_create_find_update_and_changed_since(eek: Connected) -> None:
    client = eek.client
    cursor = (await client.customers.list(page_size=1)).meta.server_time_utc
    created = await client.customers.create(new_customer("E'1", await first_terms_id(client)))
    assert created.id is not None
    found = await client.customers.find_by_number("E'1")
    assert found is not None and found.id == created.id
    await client.customers.update(created.id, found.model_copy(update={"name": "Omdöpt AB"}))
    changed = [c async for c in client.customers.changed_since(cursor)]
    assert [c.name for c in changed] == ["Omdöpt AB"]


async def test_expired_tokens_are_refreshed_on_401(eek: Connected) -> None:
    await eek.client.company_settings.get()
    eek.emulator.faults.expire_tokens()
    await eek.client.company_settings.get()
    assert eek.auth.refreshes == 1


async def test_rate_limit_storm_is_waited_out(eek: Connected) -> None:
    eek.emulator.faults.rate_limit_next(3)
    await eek.client.company_settings.get()
    assert len(eek.sleep.waits) == 3


async def test_lost_post_answer_is_an_unknown_outcome_that_a_lookup_resolves() -> None:
    emulator = build_emulator("demo")
    with EmulatorServer(emulator.app) as server:
        eek = await connect(server.base_url, None, emulator)
        async with eek.client as client:
            terms_id = await first_terms_id(client)
            emulator.faults.drop_next("POST", "/v2/customers")
            with pytest.raises(TransportError) as caught:
                await client.customers.create(new_customer("LOST-1", terms_id))
            assert caught.value.outcome_unknown is True
            assert client.calls_by_endpoint["POST /customers"] == 1
            assert await client.customers.find_by_number("LOST-1") is not None
