"""X6 and resilience: crashes, lost answers, 429 storms and expiring tokens never duplicate or lose a customer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

import httpx
import pytest

from brygga.transfer.outcome import Outcome
from tests.scenarios.harness import World, eek_customers, pm_customers

pytestmark = pytest.mark.scenario


def _numbers(docs: list[dict[str, Any]], key: str) -> list[str]:
    return [str(doc.get(key)) for doc in docs]


def _assert_unique(world: World) -> None:
    eek = _numbers(eek_customers(world), "CustomerNumber")
    pm = _numbers(pm_customers(world), "number")
    assert len(eek) == len(set(eek)), "duplicate customer in eEkonomi"
    assert len(pm) == len(set(pm)), "duplicate customer in Visma PM"


async def test_x6_lost_answer_to_eekonomi_create_is_reconciled_not_resent(world: World) -> None:
    world.eek.faults.drop_next("POST", "/v2/customers")
    first = await world.run()
    lost = [o for o in first.errors() if "kom aldrig fram" in o.hint]
    assert len(lost) == 1 and lost[0].direction == "pm->eek"
    created = len(eek_customers(world))
    second = await world.run()
    assert len(eek_customers(world)) == created  # the lost one had landed: adopted, not sent again
    assert lost[0].key not in {o.key for o in second.errors()}
    _assert_unique(world)
    assert not world.store.protocol.pending_intents("customers")


async def test_x6_lost_answer_to_pm_create_is_completed_on_rerun(world: World) -> None:
    world.pm.faults.drop_next("POST", "/v1/customers")
    first = await world.run()
    assert [o.direction for o in first.errors() if "kom aldrig fram" in o.hint] == ["eek->pm"]
    await world.run()
    _assert_unique(world)
    for number in ("9001", "9002", "9003"):
        guid = next(d["guid"] for d in pm_customers(world) if str(d["number"]) == number)
        assert world.pm.store.all("addresses", lambda a, g=guid: (a.get("customer") or {}).get("guid") == g)
        assert world.pm.store.all("contacts", lambda c, g=guid: c["customer"]["guid"] == g)


async def test_x6_lost_answer_to_an_address_leaves_one_address(world: World) -> None:
    world.pm.faults.drop_next("POST", "/v1/customers/")  # /v1/customers/{guid}/addresses
    await world.run()
    await world.run()
    _assert_unique(world)
    for number in ("9001", "9002", "9003"):
        guid = next(d["guid"] for d in pm_customers(world) if str(d["number"]) == number)
        owned = world.pm.store.all("addresses", lambda a, g=guid: (a.get("customer") or {}).get("guid") == g)
        assert len(owned) == 1


async def test_x6_process_killed_between_post_and_commit_leaves_no_duplicate(world: World) -> None:
    world.eek.faults.stall_next("POST", "/v2/customers", seconds=5)
    env = {
        **os.environ,
        "BRYGGA_DB": str(world.settings.db),
        "BRYGGA_DATA_DIR": str(world.settings.data_dir),
        "BRYGGA_SECRET_KEY": world.settings.secret_key.get_secret_value() if world.settings.secret_key else "",
        "BRYGGA_CONCURRENCY": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "brygga", "transfer", "customers", "--json"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert world.eek.faults.stalled.wait(60), "the transfer never reached its first create"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(30)
    pending = world.store.protocol.pending_intents("customers")
    assert len(pending) == 1  # killed after the POST landed, before the link was committed
    landed = len(eek_customers(world))
    report = await world.run()
    _assert_unique(world)
    assert not world.store.protocol.pending_intents("customers")
    assert report.categories["customers"].count(Outcome.SUCCEEDED) == 39
    assert len(eek_customers(world)) == landed + 34  # 35 creates in all; the one that landed was adopted


async def test_x6_a_429_storm_is_waited_out(world: World) -> None:
    world.eek.faults.rate_limit_next(15)
    world.pm.faults.rate_limit_next(10)
    report = await world.run()
    assert report.categories["customers"].count(Outcome.SUCCEEDED) == 39
    assert len([s for s in world.sleeps if s >= 1.0]) >= 25  # each 429 waited for what the API asked
    _assert_unique(world)


async def test_x6_access_tokens_expiring_mid_run_are_refreshed(world: World) -> None:
    before = world.store.connections.token_store("eekonomi").load()

    def expire(count: int, request: httpx.Request) -> None:
        if count in (25, 60):
            world.eek.faults.expire_tokens()
            world.pm.faults.expire_tokens()

    report = await world.run(hook=expire)
    assert report.categories["customers"].count(Outcome.SUCCEEDED) == 39
    after = world.store.connections.token_store("eekonomi").load()
    assert before is not None and after is not None and after.refresh_token != before.refresh_token
    _assert_unique(world)
