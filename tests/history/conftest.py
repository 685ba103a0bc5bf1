"""Both emulators and a real store (tests/scenarios/harness.py) for the object history's scenarios."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from brygga.config import Settings
from tests.scenarios.harness import World, served_world
from tests.support.contract_plugin import register_base_url


@pytest.fixture
async def world(
    tmp_path,
    recording_transport_factory: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport],
    database_settings: Settings,
) -> AsyncIterator[World]:
    async with served_world(tmp_path, recording_transport_factory, register_base_url, database_settings) as built:
        yield built
