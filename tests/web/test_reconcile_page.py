"""Avstämning on the web (``/reconcile``): before any reconcile it says so; "Stäm av nu" runs one in the background
and the page then shows the run (when, objects read, status) and each finding grouped by category, with both values,
"ändrad i fel system", what to do, the detail line and the link to the object's history; a repairable finding is
shown as a dry run first ("Visa reparation") and repaired only on "Reparera"."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from brygga.config import Settings
from brygga.web import create_app
from tests.scenarios.harness import World, build_world
from tests.support.contract_plugin import register_base_url
from tests.web.conftest import PASSWORD, csrf_of

FULL = ("customers", "articles", "projects", "invoices", "supplier-invoices")


@pytest.fixture
async def world(
    tmp_path,
    recording_transport_factory: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport],
    database_settings: Settings,
) -> AsyncIterator[World]:
    """A small clean company (Visma PM ``bulk:6``, an empty eEkonomi company), transferred in full."""
    built, servers = await build_world(
        tmp_path,
        recording_transport_factory,
        register_base_url,
        eek_data="empty",
        pm_data="bulk:6",
        settings=database_settings,
    )
    try:
        built.set("project_cost_center", "Projekt")
        built.set("default_article_number", "B-00001")
        built.set("supplier_costs", "billable")
        report = await built.run(*FULL)
        assert not report.errors()
        yield built
    finally:
        built.store.db.dispose()
        for server in servers:
            server.stop()


@pytest.fixture
async def admin(world: World) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(lambda _settings: world.store, world.settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000") as http:
        token = csrf_of(await http.get("/setup"))
        await http.post("/setup", data={"password": PASSWORD, "repeat": PASSWORD, "csrf_token": token})
        yield http


async def post(admin: httpx.AsyncClient, path: str) -> httpx.Response:
    token = csrf_of(await admin.get("/reconcile"))
    return await admin.post(path, data={"csrf_token": token}, follow_redirects=False)


async def settled(admin: httpx.AsyncClient) -> str:
    """The page once the background job is done (it polls itself while it runs)."""
    for _ in range(300):
        page = (await admin.get("/reconcile")).text
        if 'id="reconcile-running"' not in page:
            return page
        assert 'hx-trigger="every 2s"' in page
        await asyncio.sleep(0.1)
    raise AssertionError("the reconcile did not finish")


def finding(page: str, kind: str) -> str:
    found = re.search(rf'<article class="[^"]*" id="finding-(\d+)" data-kind="{kind}".*?</article>', page, re.S)
    assert found is not None, page
    return found.group(0)


async def rename_customer_in_eekonomi(world: World, number: str, name: str) -> None:
    async def rename(session) -> None:  # type: ignore[no-untyped-def]
        customer = await session.eek.customers.find_by_number(number)
        await session.eek.customers.update(customer.id, customer.model_copy(update={"name": name}))

    await world.with_session(rename)


async def test_reconcile_page_runs_shows_a_wrong_system_change_and_repairs_it_after_a_dry_run(
    admin: httpx.AsyncClient, world: World
) -> None:
    assert (await post(admin, "/reconcile/findings/999/repair")).status_code == 404  # no such finding to repair
    first = (await admin.get("/reconcile")).text
    assert "Ingen avstämning gjord ännu." in first and "Stäm av nu" in first
    assert 'aria-current="page">Avstämning</a>' in first

    started = await post(admin, "/reconcile")
    assert started.status_code == 303 and started.headers["location"] == "/reconcile"
    clean = await settled(admin)
    assert 'data-status="ok"' in clean and "Båda systemen stämmer överens: inga avvikelser." in clean

    await rename_customer_in_eekonomi(world, "20002", "Omdöpt i eEkonomi AB")
    await post(admin, "/reconcile")
    page = await settled(admin)
    assert 'data-status="findings"' in page and "1 avvikelse(r) att se över." in page
    article = finding(page, "field_differs")
    assert 'data-category="customers"' in page and "Kunder (1)" in page
    assert '<dd data-value="eekonomi">Omdöpt i eEkonomi AB</dd>' in article
    assert "ändrad i fel system" in article and "Gör så här:" in article
    assert 'href="/object/customers/20002"' in article and "Teknisk detalj" in article
    assert (await admin.get("/object/customers/20002")).status_code == 200  # the history page knows the object
    assert "20002" in article and "Traceback" not in page
    finding_id = re.search(r'id="finding-(\d+)"', article).group(1)  # type: ignore[union-attr]

    preview = await post(admin, f"/reconcile/findings/{finding_id}/preview")
    assert preview.status_code == 200
    plan = finding(preview.text, "field_differs")
    assert "Det här skulle göras" in plan and f'action="/reconcile/findings/{finding_id}/repair"' in plan
    eek_names = [c["Name"] for c in world.eek.store.customers.all() if c["CustomerNumber"] == "20002"]
    assert eek_names == ["Omdöpt i eEkonomi AB"]  # the dry run wrote nothing

    repaired = await post(admin, f"/reconcile/findings/{finding_id}/repair")
    assert repaired.status_code == 303
    after = await settled(admin)
    assert 'id="repair-result"' in after and 'data-state="repaired"' in finding(after, "field_differs")
    assert [c["Name"] for c in world.eek.store.customers.all() if c["CustomerNumber"] == "20002"] != eek_names
