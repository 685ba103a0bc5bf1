"""The month-end report tests: both emulators on loopback with their demo data (tests/scenarios/harness.py), the
demo company's invoice settings, and the report read back through its public renderings."""

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
        built.set("project_cost_center", "Projekt")
        built.set("default_article_number", "DIV")
        built.set("supplier_costs", "billable")
        yield built
