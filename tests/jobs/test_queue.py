"""The queue on real PostgreSQL, with one in-process worker and a stand-in engine: "Överför nu" before waiting
scheduled work, duplicate enqueues collapse, schedules enqueued once however many workers decide, a paused company
not run, a broken connection pausing it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from brygga.config import Settings
from brygga.jobs import defer_now, queue_installed, queued_for
from brygga.jobs.enqueue import enqueue_due
from brygga.jobs.names import QUEUE
from brygga.jobs.tasks import ENQUEUE_TASK, QueueOptions, build_app, retry_stalled
from brygga.schedules import Schedule
from brygga.store import Database, Store
from brygga.store.companies import CompanyRegistry
from brygga.store.database import open_database
from brygga.transfer.outcome import Action, ObjectOutcome, Outcome
from brygga.transfer.report import CategoryReport, RunReport
from tests.jobs.conftest import FAST, NEEDS_POSTGRES, job_states

pytestmark = NEEDS_POSTGRES


@pytest.fixture
def db(queue_settings: Settings) -> Iterator[Database]:
    database = open_database(queue_settings)
    for company in ("alfa", "beta"):
        CompanyRegistry(database).add(company)
    yield database
    database.dispose()


class Engine:
    """Stands in for the transfer: records which company ran which categories, in order."""

    def __init__(self, report: RunReport | None = None) -> None:
        self.runs: list[tuple[str, list[str]]] = []
        self.report = report

    async def __call__(self, store: Store, categories: list[str]) -> RunReport:
        self.runs.append((store.tenant, categories))
        return self.report or RunReport(
            run_id=None, dry_run=False, categories={c: CategoryReport(c) for c in categories}
        )


async def _drain(settings: Settings, db: Database, engine: Engine, said: list[str] | None = None) -> None:
    """One worker, one job at a time, until the queue is empty."""
    options = QueueOptions(**{**FAST, "concurrency": 1})  # type: ignore[arg-type]
    app = build_app(settings, db, options, run_job=engine, notify=lambda sv, en: (said or []).append(en))
    async with app.open_async():
        await app.run_worker_async(concurrency=1, wait=False, install_signal_handlers=False, listen_notify=False)


def _scheduled(db: Database, company: str, category: str, every: int = 10) -> None:
    Store.for_tenant(db, company).schedules.set(category, Schedule("every", every))


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 3, 4, hour, minute, tzinfo=UTC)


def test_w_queue_installed_only_where_the_queue_is(db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sqlite = open_database(Settings(data_dir=tmp_path, db=str(tmp_path / "s.sqlite3")))
    try:
        assert queue_installed(db) and not queue_installed(sqlite)
    finally:
        sqlite.dispose()


async def test_w_now_runs_before_waiting_scheduled_work(queue_settings: Settings, db: Database) -> None:
    _scheduled(db, "alfa", "customers")
    _scheduled(db, "beta", "invoices")
    enqueue_due(db, at(12, 0))  # first seen
    assert enqueue_due(db, at(12, 10)) == {"alfa": ["customers"], "beta": ["invoices"]}
    now = defer_now(db, "beta", ["orders", "customers"])
    assert [(job.kind, job.categories, job.status) for job in queued_for(db, "beta")] == [
        ("now", ["customers", "orders"], "todo"),
        ("scheduled", ["invoices"], "todo"),
    ]
    engine = Engine()
    await _drain(queue_settings, db, engine)
    assert engine.runs == [("beta", ["customers", "orders"]), ("alfa", ["customers"]), ("beta", ["invoices"])]
    assert now == max(job_id for job_id, task, _ in job_states(queue_settings) if task == "brygga.run_company")


def test_w_duplicate_enqueues_collapse(queue_settings: Settings, db: Database) -> None:
    first = defer_now(db, "alfa", ["customers"])
    assert defer_now(db, "alfa", ["invoices"]) == first  # one waiting "now" job, both categories
    _scheduled(db, "alfa", "invoices")
    _scheduled(db, "alfa", "customers", every=30)
    enqueue_due(db, at(12, 0))
    enqueue_due(db, at(12, 10))
    assert enqueue_due(db, at(12, 10)) == {}  # a second worker deciding the same minute: the slot is taken
    enqueue_due(db, at(12, 30))  # the 12:10 job still waits: this one collapses into it
    jobs = queued_for(db, "alfa")
    assert [(job.kind, job.categories) for job in jobs] == [
        ("now", ["customers", "invoices"]),
        ("scheduled", ["customers", "invoices"]),
    ]
    assert len([row for row in job_states(queue_settings) if row[2] == "todo"]) == 2


async def test_w_paused_company_is_not_run_and_a_broken_connection_pauses_it(
    queue_settings: Settings, db: Database
) -> None:
    Store.for_tenant(db, "beta").schedules.pause("Anslutningen har upphört.", "The connection expired.")
    for company in ("alfa", "beta"):
        _scheduled(db, company, "customers")
    enqueue_due(db, at(12, 0))
    said: list[str] = []
    assert enqueue_due(db, at(12, 10), lambda sv, en: said.append(en)) == {"alfa": ["customers"]}
    assert said == ["beta: paused, not run (The connection expired.)"] and queued_for(db, "beta") == []
    broken = ObjectOutcome(
        "customers", "", "", "", Action.NONE, Outcome.FAILED, "401 Unauthorized",
        "Anslutningen till Visma eEkonomi har upphört. Anslut igen med: brygga connect eekonomi",
        "The connection to Visma eEkonomi expired. Connect again with: brygga connect eekonomi",
    )  # fmt: skip
    engine = Engine(
        RunReport(run_id=None, dry_run=False, categories={"customers": CategoryReport("customers", [broken])})
    )
    await _drain(queue_settings, db, engine)
    assert engine.runs == [("alfa", ["customers"])]
    pause = Store.for_tenant(db, "alfa").schedules.paused()
    assert pause is not None and "brygga connect eekonomi" in pause.reason
    assert enqueue_due(db, at(12, 20)) == {}  # both paused now: nothing more is queued


async def test_w_a_tick_left_doing_by_a_killed_worker_blocks_no_later_tick_and_is_put_back(
    queue_settings: Settings, db: Database
) -> None:
    """A worker SIGKILLed while it ran the minute's enqueue left that tick "doing" for good; later ticks must still
    run (the scale-out benchmark's --kill found scheduling stopped for good), and the stalled check puts it back."""
    app = build_app(queue_settings, db, QueueOptions(**FAST), run_job=Engine())  # type: ignore[arg-type]
    async with app.open_async():
        manager = app.job_manager
        dead = await manager.register_worker()
        await app.configure_task(ENQUEUE_TASK).defer_async(timestamp=1_000_000_000)
        stuck = await manager.fetch_job([QUEUE], dead)
        assert stuck is not None and stuck.task_name == ENQUEUE_TASK
        with db.engine.begin() as connection:  # the worker died: no heartbeat since
            connection.execute(
                text("UPDATE procrastinate_workers SET last_heartbeat = now() - interval '1 hour' WHERE id = :id"),
                {"id": dead},
            )
        live = await manager.register_worker()
        await app.configure_task(ENQUEUE_TASK).defer_async(timestamp=1_000_000_060)
        later = await manager.fetch_job([QUEUE], live)
        assert later is not None and later.task_name == ENQUEUE_TASK  # not held back by the stuck tick
        assert await retry_stalled(app, 1.0, lambda sv, en: None) == 1
        assert stuck.id is not None
        assert (await manager.get_job_status_async(stuck.id)).value == "todo"
