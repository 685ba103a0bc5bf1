"""Worker processes on real PostgreSQL against the emulators on loopback: one run per company at a time under two
workers (from the run records), a worker killed with SIGKILL mid-run taken over by another with nothing duplicated
and nothing lost (counted through the emulators' APIs), and SIGTERM finishing the job or putting it back."""

from __future__ import annotations

import itertools
import signal
import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, text

from brygga.jobs import defer_now
from brygga.jobs.queue import defer_run
from brygga.store.tables import LeaseRow, RunRow
from tests.jobs.conftest import NEEDS_POSTGRES, WorkerProcess, job_states, wait_until
from tests.scenarios.harness import World, eek_customers, pm_customers

pytestmark = [NEEDS_POSTGRES, pytest.mark.scenario]

Start = Callable[..., WorkerProcess]
DONE = "partial"  # the demo's first customers run: some customers are rejected by the rules, the rest go through


def _assert_nothing_duplicated(world: World) -> None:
    eek = [str(doc.get("CustomerNumber")) for doc in eek_customers(world)]
    pm = [str(doc.get("number")) for doc in pm_customers(world)]
    assert len(eek) == len(set(eek)), "duplicate customer in eEkonomi"
    assert len(pm) == len(set(pm)), "duplicate customer in Visma PM"
    assert not world.store.protocol.pending_intents("customers")


def _runs(world: World) -> list[RunRow]:
    with world.store.db.read() as session:
        return list(session.scalars(select(RunRow).where(RunRow.tenant_id == world.store.tenant).order_by(RunRow.id)))


def _job_done(world: World, job: int) -> Callable[[], bool]:
    return lambda: any(row[0] == job and row[2] == "succeeded" for row in job_states(world.settings))


async def test_w_killed_worker_is_taken_over_with_nothing_duplicated_or_lost(
    queue_world: World, workers: Start
) -> None:
    world = queue_world
    world.eek.faults.stall_next("POST", "/v2/customers", seconds=1)
    first = workers(world.settings)
    job = defer_now(world.store.db, world.store.tenant, ["customers"])
    assert world.eek.faults.stalled.wait(60), first.output()
    first.process.send_signal(signal.SIGKILL)  # mid-run: the create landed, its link is not committed
    first.stop()
    landed = len(eek_customers(world))
    second = workers(world.settings)
    wait_until(_job_done(world, job), timeout=60, why=second.output)
    assert "taken over" in second.output()
    _assert_nothing_duplicated(world)
    assert len(eek_customers(world)) == landed + 34  # 35 creates in all: the one that landed was adopted
    assert [run.status for run in _runs(world)] == ["interrupted", DONE]


@pytest.mark.parametrize(
    ("grace", "ends_as", "job_after"), [(30.0, "partial", "succeeded"), (0.3, "interrupted", "todo")]
)
async def test_w_sigterm_finishes_the_job_or_releases_it(
    queue_world: World, workers: Start, grace: float, ends_as: str, job_after: str
) -> None:
    world = queue_world
    world.eek.faults.stall_next("POST", "/v2/customers", seconds=1)
    worker = workers(world.settings, shutdown_timeout_seconds=grace)
    job = defer_now(world.store.db, world.store.tenant, ["customers"])
    assert world.eek.faults.stalled.wait(60), worker.output()
    worker.process.send_signal(signal.SIGTERM)
    assert worker.process.wait(60) == 0, worker.output()
    assert [run.status for run in _runs(world)] == [ends_as]
    assert [row[2] for row in job_states(world.settings) if row[0] == job] == [job_after]
    with world.store.db.read() as session:
        lease = session.get(LeaseRow, world.store.tenant)
        assert lease is not None and lease.holder == ""  # released: the next run takes it at once
    if job_after == "todo":  # put back: another worker finishes it, nothing written twice
        workers(world.settings)
        wait_until(_job_done(world, job), timeout=60)
        _assert_nothing_duplicated(world)
        assert [run.status for run in _runs(world)] == ["interrupted", DONE]


async def test_w_one_run_per_company_at_a_time_under_two_workers(queue_world: World, workers: Start) -> None:
    world = queue_world
    for _ in range(2):
        workers(world.settings)
    deadline = time.monotonic() + 60
    while len(_runs(world)) < 4:  # a "now" and a scheduled job of the company keep waiting beside a running one
        assert time.monotonic() < deadline, "the workers ran too little"
        defer_now(world.store.db, world.store.tenant, ["customers"])
        with world.store.db.engine.begin() as connection:
            defer_run(connection, world.store.tenant, ["customers"], "scheduled")
        time.sleep(0.2)
    wait_until(lambda: all(row[2] == "succeeded" for row in job_states(world.settings)), timeout=90)
    runs = _runs(world)
    assert len(runs) >= 4 and all(run.status in ("ok", DONE) and run.finished_at for run in runs)
    for before, after in itertools.pairwise(runs):
        assert before.finished_at is not None and before.finished_at <= after.started_at, "overlapping runs"
    _assert_nothing_duplicated(world)
    assert _attempts(world) == {1}  # each job ran once: the queue lock alone kept them apart, none met a held lease


def _attempts(world: World) -> set[Any]:
    with world.store.db.engine.connect() as connection:
        return set(connection.execute(text("SELECT DISTINCT attempts FROM procrastinate_jobs")).scalars())
