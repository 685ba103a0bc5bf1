"""Memory that does not grow with the register (issue 16, goal 2), over both emulators: a first run of more PM
customers than the per-customer reads take keeps no PM wire models, and a rerun with nothing changed keeps no
wire models and plans nothing for its linked, unchanged customers, yet a number clash with one of them is still
reported (C2), never created twice. An article rerun keeps no wire models either."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from brygga.severa import models as sev
from brygga.transfer.articles.transfer import ArticlesTransfer
from brygga.transfer.customers.pm_side import BULK_THRESHOLD
from brygga.transfer.customers.transfer import CustomersTransfer
from brygga.transfer.outcome import Action
from brygga.transfer.sync.planner import PackedChanges, Plan
from brygga_emulators.severa.bulk_data import BULK_FIRST_NUMBER
from tests.scenarios.harness import World, build_world, eek_customers, pm_customers
from tests.support.contract_plugin import register_base_url

COUNT = BULK_THRESHOLD + 20


@pytest.fixture
async def bulk_world(
    tmp_path: Any, recording_transport_factory: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport]
) -> AsyncIterator[World]:
    world, servers = await build_world(
        tmp_path, recording_transport_factory, register_base_url, eek_data="empty", pm_data=f"bulk:{COUNT}"
    )
    try:
        yield world
    finally:
        world.store.db.dispose()
        for server in servers:
            server.stop()


@pytest.fixture
def plans(monkeypatch: pytest.MonkeyPatch) -> list[tuple[CustomersTransfer, Any]]:
    """Each customer transfer with the plan it made, as execute() gets them: copied first, since executing a
    packed plan lets each object go (PackedChanges.take)."""
    seen: list[tuple[CustomersTransfer, Any]] = []
    original = CustomersTransfer.execute

    async def execute(self: CustomersTransfer, plan: Any, report: Any) -> None:
        assert isinstance(plan.changes, PackedChanges) or not plan.changes
        seen.append((self, Plan(list(plan.changes), list(plan.notices))))
        await original(self, plan, report)

    monkeypatch.setattr(CustomersTransfer, "execute", execute)
    return seen


async def test_x3_many_customers_keep_no_wire_models_and_a_rerun_plans_nothing(
    bulk_world: World, plans: list[tuple[CustomersTransfer, Any]]
) -> None:
    first = await bulk_world.run("customers")
    assert first.categories["customers"].to_json()["succeeded"] == COUNT
    transfer, plan = plans[-1]
    assert transfer.pm_records == {} and transfer.eek_customers == {}  # PM read in bulk, eEkonomi empty
    assert len(plan.actionable()) == COUNT

    rerun = await bulk_world.run("customers")
    assert bulk_world.last_write_calls == 0
    assert rerun.categories["customers"].to_json()["succeeded"] == 0
    transfer, plan = plans[-1]
    assert plan.changes == []  # every customer read again on both sides is linked and unchanged
    assert transfer.pm_records == {} and transfer.eek_customers == {}


async def test_c2_a_clash_with_a_quiet_linked_customer_is_still_reported(
    bulk_world: World, plans: list[tuple[CustomersTransfer, Any]]
) -> None:
    """A PM customer is renumbered and a new one takes its old number: the eEkonomi customer with that number is
    linked and unchanged (quiet, only its name kept), and the new PM customer must clash with it, not be created."""
    await bulk_world.run("customers")
    [old] = [c for c in pm_customers(bulk_world) if c["number"] == BULK_FIRST_NUMBER]
    session = bulk_world.session()
    try:
        await session.pm.customers.update(old["guid"], {"number": 99999})
        await session.pm.customers.create(sev.Customer(number=BULK_FIRST_NUMBER, name="En helt annan kund AB"))
    finally:
        await session.aclose()
    report = await bulk_world.run("customers")
    changes = {c.item.number: c for c in plans[-1][1].actionable()}
    clash = changes[str(BULK_FIRST_NUMBER)]
    assert clash.action is Action.REJECT and clash.violation is not None and clash.violation.rule_id == "C2"
    assert old["name"] in str(clash.violation)
    assert changes["99999"].action is Action.UPDATE
    assert report.categories["customers"].to_json()["failed"] == 1
    assert len(eek_customers(bulk_world)) == COUNT  # nothing created twice


async def test_x3_an_article_rerun_keeps_no_wire_models_and_plans_nothing(
    bulk_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[ArticlesTransfer, Any]] = []
    original = ArticlesTransfer.execute

    async def execute(self: ArticlesTransfer, plan: Any, report: Any) -> None:
        seen.append((self, plan))
        await original(self, plan, report)

    monkeypatch.setattr(ArticlesTransfer, "execute", execute)
    first = await bulk_world.run("articles")
    assert first.categories["articles"].to_json()["succeeded"] >= COUNT
    await bulk_world.run("articles")
    assert bulk_world.last_write_calls == 0
    transfer, plan = seen[-1]
    assert plan.changes == [] and transfer.eek_articles == {}  # every article read again is linked and unchanged
