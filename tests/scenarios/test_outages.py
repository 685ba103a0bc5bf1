"""A system that cannot be reached during a transfer is said once per category, naming the system and what to do,
not as failed objects with empty names; the run is closed with its outcome (X1, X2)."""

from __future__ import annotations

import httpx
import pytest

from brygga.transfer.outcome import Outcome
from tests.scenarios.harness import World

pytestmark = pytest.mark.scenario


def pm_down(world: World, after: int = 0):  # type: ignore[no-untyped-def]
    """Visma PM stops answering after ``after`` requests to it (connection refused)."""
    seen = {"pm": 0}

    def hook(_: int, request: httpx.Request) -> None:
        if str(request.url).startswith(world.pm_url):
            seen["pm"] += 1
            if seen["pm"] > after:
                raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    return hook


@pytest.mark.parametrize("lang", ["sv", "en"])
async def test_x2_visma_pm_down_is_one_run_level_error_per_category_naming_the_system(world: World, lang: str) -> None:
    report = await world.run("customers", "articles", hook=pm_down(world))
    for name in ("customers", "articles"):
        category = report.categories[name]
        [failure] = category.failed
        assert failure.is_run_level and category.state == "failed"
        assert "Visma PM" in failure.headline(lang) and failure.hint_in(lang)
        assert "ConnectError" not in failure.headline(lang) + failure.hint_in(lang)
    data = report.to_json(lang)
    assert all(error["object"] is None and error["direction"] is None for error in data["errors"])
    [(_, _, status, _, _)] = world.store.runs.history()
    assert status == "failed"


async def test_x2_visma_pm_going_down_mid_transfer_closes_the_run_and_loses_nothing(world: World) -> None:
    report = await world.run("customers", hook=pm_down(world, after=12))
    customers = report.categories["customers"]
    assert customers.failed, "the outage must show"
    transient = [item for item in customers.failed if item.retry]
    assert transient and all("Visma PM" in item.headline("sv") for item in transient)
    [(_, _, status, _, _)] = world.store.runs.history()
    assert status in ("failed", "partial")
    again = await world.run("customers")  # PM is back: what failed is tried again and nothing is duplicated
    assert not [o for o in again.categories["customers"].failed if "Visma PM svarar inte" in o.headline("sv")]
    assert again.categories["customers"].count(Outcome.SUCCEEDED) >= 0


async def test_x1_a_run_stopped_by_an_unexpected_error_is_closed_as_failed_with_the_cause(world: World) -> None:
    def explode(number: int, _: httpx.Request) -> None:
        if number > 5:
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await world.run("customers", hook=explode)
    [(_, _, status, _, summary)] = world.store.runs.history()
    assert status == "failed" and summary is not None and "oväntat fel" in summary
    await world.run("customers")  # the lease was released: the next run starts
    assert [h[2] for h in world.store.runs.history()] == ["partial", "failed"]


async def test_x1_a_run_left_running_by_a_killed_process_is_marked_interrupted_by_the_next(world: World) -> None:
    world.store.runs.start(["customers"], dry_run=False)  # as a process killed mid-run leaves it
    await world.run("customers")
    states = [h[2] for h in world.store.runs.history()]
    assert states == ["partial", "interrupted"]
    last = world.store.runs.last_run_by_category()["customers"]
    assert last.status == "partial"
