"""First-time and empty cases as a new user meets them: an empty order inbox, a company with nothing to transfer,
a dry run with nothing to do (O1, X1, X5). None of them may crash or claim something happened."""

from __future__ import annotations

import pytest

from brygga.transfer.runner import CATEGORIES
from tests.scenarios.harness import World

pytestmark = pytest.mark.scenario

SETUP = {"project_cost_center": "Projekt", "default_article_number": "DIV"}


async def test_o1_orders_with_an_empty_inbox_is_nothing_to_do(world: World) -> None:
    report = await world.run("orders")
    orders = report.categories["orders"]
    assert orders.outcomes == [] and orders.state == "nothing"
    assert world.store.runs.history()[0][2] == "ok"


async def test_o1_transfer_all_with_an_empty_inbox_runs_every_category(world: World) -> None:
    for key, value in SETUP.items():
        world.set(key, value)
    report = await world.run(*CATEGORIES)
    assert list(report.categories) == list(CATEGORIES)
    assert report.categories["orders"].state == "nothing"
    assert not [o for o in report.errors() if o.is_run_level], [o.headline("sv") for o in report.errors()]


async def test_x5_dry_run_of_an_empty_inbox_has_nothing_to_do(world: World) -> None:
    report = await world.run("orders", dry_run=True)
    orders = report.categories["orders"]
    assert orders.state == "nothing" and sum(orders.would_counts().values()) == 0
    assert world.store.runs.history() == []  # a dry run is no run
