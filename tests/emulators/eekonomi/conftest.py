from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from brygga_emulators.eekonomi import Emulator, build_emulator
from brygga_emulators.faults import FaultConfig

from .support import FakeClock, bearer, obtain_tokens


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def emulator(clock: FakeClock) -> Emulator:
    return build_emulator("demo", config=FaultConfig(), clock=clock)


@pytest.fixture
async def client(emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=emulator.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://eek.test") as http:
        yield http


@pytest.fixture
async def api(client: httpx.AsyncClient) -> httpx.AsyncClient:
    """The same client, already holding a valid bearer token for the demo company."""
    tokens = await obtain_tokens(client)
    client.headers.update(bearer(tokens))
    return client
