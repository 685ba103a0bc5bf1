"""A clean company over both emulators (Visma PM ``bulk:N``, an empty eEkonomi company), transferred in full, for the
reconcile's scenario tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from brygga.config import Settings
from tests.scenarios.harness import World, build_world
from tests.support.contract_plugin import register_base_url

FULL = ("customers", "articles", "projects", "invoices", "supplier-invoices")
PM_DATA = "bulk:4"  # 4 customers, 4 products, 2 projects, 4 invoices of 5 rows (customers 20003, 20004 bill none)


@pytest.fixture
async def world(
    tmp_path,
    recording_transport_factory: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport],
    database_settings: Settings,
) -> AsyncIterator[World]:
    built, servers = await build_world(
        tmp_path,
        recording_transport_factory,
        register_base_url,
        eek_data="empty",
        pm_data=PM_DATA,
        settings=database_settings,
    )
    try:
        built.set("project_cost_center", "Projekt")
        built.set("default_article_number", "B-00001")
        built.set("supplier_costs", "billable")
        yield built
    finally:
        built.store.db.dispose()
        for server in servers:
            server.stop()


@pytest.fixture
async def transferred(world: World) -> World:
    """Every category transferred once: the company as it stands after a full transfer."""
    report = await world.run(*FULL)
    assert not report.errors(), [o.headline("en") for o in report.errors()]
    return world


@pytest.fixture
async def empty_world(
    tmp_path,
    recording_transport_factory: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport],
    database_settings: Settings,
) -> AsyncIterator[World]:
    """Both systems empty, a fresh store, nothing set and nothing transferred: a company's first day."""
    built, servers = await build_world(
        tmp_path,
        recording_transport_factory,
        register_base_url,
        eek_data="empty",
        pm_data="empty",
        settings=database_settings,
    )
    try:
        yield built
    finally:
        built.store.db.dispose()
        for server in servers:
            server.stop()
