"""The SQLite in-process scheduler (``brygga worker``) under a fake clock: due runs at the right times, nothing when
off, holidays skipped, a paused company not run, due categories of a company in one job in dependency order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from brygga.calendar_se import STOCKHOLM
from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.schedules import WEEKDAYS, Schedule
from brygga.schedules.worker import Worker
from brygga.store import Database, Store
from brygga.store.companies import CompanyRegistry
from brygga.store.database import open_database
from brygga.transfer.outcome import Action, ObjectOutcome, Outcome
from brygga.transfer.report import CategoryReport, RunReport


class FakeTime:
    """A clock that only moves when the worker sleeps; the worker stops at ``until``."""

    def __init__(self, start: datetime, until: datetime) -> None:
        self.now, self.until = start, until
        self.worker: Worker | None = None

    def clock(self) -> datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += timedelta(seconds=max(seconds, 1.0))
        if self.now >= self.until and self.worker is not None:
            self.worker.stop()


class Engine:
    """Stands in for TransferSession.run: records which company ran which categories when."""

    def __init__(self, fake: FakeTime, report: RunReport | None = None) -> None:
        self.fake, self.report, self.runs = fake, report, []  # type: ignore[var-annotated]

    async def __call__(self, store: Store, categories: list[str]) -> RunReport:
        self.runs.append((store.tenant, categories, self.fake.now.astimezone(STOCKHOLM).strftime("%a %d %H:%M")))
        return self.report or RunReport(
            run_id=None, dry_run=False, categories={c: CategoryReport(c) for c in categories}
        )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    settings = Settings(data_dir=tmp_path, db=str(tmp_path / "b.sqlite3"), secret_key=Fernet.generate_key().decode())
    database = open_database(settings)
    CompanyRegistry(database).add("alfa")
    yield database
    database.dispose()


def se(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=STOCKHOLM).astimezone(UTC)  # type: ignore[misc]


async def _run(db: Database, start: datetime, until: datetime, report: RunReport | None = None) -> Engine:
    fake = FakeTime(start, until)
    engine = Engine(fake, report)
    worker = Worker(db, engine, clock=fake.clock, sleep=fake.sleep, poll_seconds=6 * 3600)
    fake.worker = worker
    await worker.run_forever()
    return engine


async def test_worker_runs_due_schedules_at_the_right_times(db: Database) -> None:
    Store.for_tenant(db, "alfa").schedules.set("customers", Schedule("every", 30, time(7, 0), time(8, 0), WEEKDAYS))
    engine = await _run(db, se(2026, 3, 6, 6, 45), se(2026, 3, 9, 7, 45))  # Friday morning to Monday morning
    assert [when for _, _, when in engine.runs] == [
        "Fri 06 07:00",
        "Fri 06 07:30",
        "Fri 06 08:00",
        "Mon 09 07:00",
        "Mon 09 07:30",
    ]


async def test_worker_runs_nothing_when_every_schedule_is_off(db: Database) -> None:
    engine = await _run(db, se(2026, 3, 4, 6, 0), se(2026, 3, 5, 6, 0))
    assert engine.runs == []


async def test_worker_skips_swedish_public_holidays(db: Database) -> None:
    at = Schedule("at", days=WEEKDAYS, times=(time(6, 30),), skip_holidays=True)
    Store.for_tenant(db, "alfa").schedules.set("invoices", at)
    engine = await _run(db, se(2026, 4, 2, 0, 0), se(2026, 4, 8, 0, 0))  # Easter 2026
    assert [when for _, _, when in engine.runs] == ["Thu 02 06:30", "Tue 07 06:30"]


async def test_worker_does_not_run_a_paused_company(db: Database) -> None:
    CompanyRegistry(db).add("beta")
    for company in ("alfa", "beta"):
        Store.for_tenant(db, company).schedules.set("customers", Schedule("every", 10))
    Store.for_tenant(db, "beta").schedules.pause("Anslutningen har upphört.", "The connection expired.")
    engine = await _run(db, se(2026, 3, 4, 12, 0), se(2026, 3, 4, 12, 25))
    assert [(company, when) for company, _, when in engine.runs] == [("alfa", "Wed 04 12:10"), ("alfa", "Wed 04 12:20")]


async def test_worker_runs_due_categories_of_a_company_in_one_job_in_dependency_order(db: Database) -> None:
    schedules = Store.for_tenant(db, "alfa").schedules
    schedules.set("invoices", Schedule("every", 10))
    schedules.set("invoice-status", Schedule("every", 60))
    schedules.set("customers", Schedule("every", 30))
    schedules.set("projects", Schedule("every", 30))
    engine = await _run(db, se(2026, 3, 4, 11, 55), se(2026, 3, 4, 12, 15))
    assert [(categories, when) for _, categories, when in engine.runs] == [
        (["customers", "projects", "invoices", "invoice-status"], "Wed 04 12:00"),
        (["invoices"], "Wed 04 12:10"),
    ]


async def test_worker_pauses_a_company_whose_connection_is_broken_instead_of_failing_every_run(db: Database) -> None:
    Store.for_tenant(db, "alfa").schedules.set("customers", Schedule("every", 10))
    broken = ObjectOutcome(
        "customers", "", "", "", Action.NONE, Outcome.FAILED, "401 Unauthorized",
        "Anslutningen till Visma eEkonomi har upphört eller nekades. Anslut igen med: brygga connect eekonomi",
        "The connection to Visma eEkonomi expired or was refused. Connect again with: brygga connect eekonomi",
    )  # fmt: skip
    report = RunReport(run_id=None, dry_run=False, categories={"customers": CategoryReport("customers", [broken])})
    engine = await _run(db, se(2026, 3, 4, 12, 5), se(2026, 3, 4, 13, 0), report)
    assert len(engine.runs) == 1
    pause = Store.for_tenant(db, "alfa").schedules.paused()
    assert pause is not None and "brygga connect eekonomi" in pause.reason and "Connect again" in pause.reason_en


async def test_worker_pauses_on_an_x4_company_change_raised_before_the_run(db: Database) -> None:
    Store.for_tenant(db, "alfa").schedules.set("customers", Schedule("every", 10))
    fake = FakeTime(se(2026, 3, 4, 12, 5), se(2026, 3, 4, 13, 0))
    calls = []

    async def x4(store: Store, categories: list[str]) -> RunReport:
        calls.append(categories)
        raise ConfigError(
            "Visma eEkonomi-anslutningen gäller nu företaget B.", hint="… (eller med brygga connect eekonomi)"
        )

    worker = Worker(db, x4, clock=fake.clock, sleep=fake.sleep, poll_seconds=6 * 3600)
    fake.worker = worker
    await worker.run_forever()
    assert len(calls) == 1 and Store.for_tenant(db, "alfa").schedules.paused() is not None


async def test_worker_a_busy_lease_skips_the_slot_without_pausing(db: Database) -> None:
    Store.for_tenant(db, "alfa").schedules.set("customers", Schedule("every", 10))
    fake = FakeTime(se(2026, 3, 4, 12, 5), se(2026, 3, 4, 12, 25))
    calls = []

    async def busy(store: Store, categories: list[str]) -> RunReport:
        calls.append(categories)
        raise ConfigError("En annan överföring för samma företag pågår redan.", hint="Vänta tills den är klar.")

    worker = Worker(db, busy, clock=fake.clock, sleep=fake.sleep, poll_seconds=6 * 3600)
    fake.worker = worker
    await worker.run_forever()
    assert len(calls) == 2 and Store.for_tenant(db, "alfa").schedules.paused() is None


async def test_worker_stop_finishes_the_running_job_then_returns(db: Database) -> None:
    Store.for_tenant(db, "alfa").schedules.set("customers", Schedule("every", 10))
    fake = FakeTime(se(2026, 3, 4, 12, 5), se(2026, 3, 5, 0, 0))
    finished = []

    async def job(store: Store, categories: list[str]) -> RunReport:
        worker.stop()  # SIGTERM arrives while the job runs
        finished.append(categories)
        return RunReport(run_id=None, dry_run=False)

    worker = Worker(db, job, clock=fake.clock, sleep=fake.sleep, poll_seconds=6 * 3600)
    await worker.run_forever()
    assert finished == [["customers"]] and fake.now == se(2026, 3, 4, 12, 10)


async def test_worker_restart_neither_repeats_nor_forgets_a_slot(db: Database) -> None:
    Store.for_tenant(db, "alfa").schedules.set("customers", Schedule("every", 10))
    first = await _run(db, se(2026, 3, 4, 12, 0), se(2026, 3, 4, 12, 25))
    again = await _run(db, se(2026, 3, 4, 12, 21), se(2026, 3, 4, 12, 35))  # restarted right after the 12:20 run
    later = await _run(db, se(2026, 3, 4, 12, 47), se(2026, 3, 4, 12, 55))  # down over the 12:40 slot
    assert [when for _, _, when in first.runs] == ["Wed 04 12:10", "Wed 04 12:20"]
    assert [when for _, _, when in again.runs] == ["Wed 04 12:30"]
    assert [when for _, _, when in later.runs] == ["Wed 04 12:47", "Wed 04 12:50"]


def test_worker_two_processes_deciding_at_once_take_a_slot_once(db: Database) -> None:
    Store.for_tenant(db, "alfa").schedules.set("customers", Schedule("every", 10))
    one, two = Worker(db, Engine(FakeTime(se(2026, 3, 4, 12, 0), se(2026, 3, 4, 13, 0)))), None
    one.take_due_jobs(se(2026, 3, 4, 12, 0))  # first seen: counted from 12:00
    two = Worker(db, one.run_job)
    taken = [one.take_due_jobs(se(2026, 3, 4, 12, 10))[0], two.take_due_jobs(se(2026, 3, 4, 12, 10))[0]]
    assert [[job.categories for job in jobs] for jobs in taken] == [[["customers"]], []]


def test_worker_a_changed_schedule_counts_its_slots_afresh(db: Database) -> None:
    schedules = Store.for_tenant(db, "alfa").schedules
    schedules.set("customers", Schedule("every", 10))
    worker = Worker(db, Engine(FakeTime(se(2026, 3, 4, 12, 0), se(2026, 3, 4, 13, 0))))
    worker.take_due_jobs(se(2026, 3, 4, 9, 0))
    schedules.set("customers", Schedule("every", 30))  # at 12:05: no run at once for the old schedule's slots
    assert worker.take_due_jobs(se(2026, 3, 4, 12, 5))[0] == []
    assert [job.categories for job in worker.take_due_jobs(se(2026, 3, 4, 12, 30))[0]] == [["customers"]]
