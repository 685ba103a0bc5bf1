"""The in-process scheduler of ``brygga worker`` on SQLite: for every company it runs the categories that are due,
through the same engine as the CLI, and sleeps until the next one is due.

The categories of one company due at the same moment run in one job, so the engine runs them in dependency order
(customers, articles and projects before invoices: ``brygga.transfer.runner.CATEGORIES``) under the store's lease.
Slots missed while a run took long, or before the worker started, are not caught up one by one: a category runs
once for all of them. The clock and the sleep are injected, so tests move time by hand.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from brygga.errors import BryggaError
from brygga.schedules.next_run import next_run
from brygga.schedules.pause import connection_problem, error_problem, lift_pause_after_manual_run
from brygga.store import Database, Store
from brygga.store.companies import CompanyRegistry
from brygga.transfer.report import RunReport
from brygga.transfer.runner import CATEGORIES

__all__ = ["Job", "RunJob", "Worker"]

logger = logging.getLogger(__name__)

RunJob = Callable[[Store, list[str]], Awaitable[RunReport]]
Notify = Callable[[str, str], None]
POLL_SECONDS = 60.0  # a changed schedule or a new company is seen within a minute


@dataclass(frozen=True)
class Job:
    company: str
    categories: list[str]
    due: datetime


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _quiet(sv: str, en: str) -> None:
    logger.info(en)


class Worker:
    def __init__(
        self,
        db: Database,
        run_job: RunJob,
        *,
        clock: Callable[[], datetime] = _utc_now,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        notify: Notify = _quiet,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self.db = db
        self.run_job = run_job
        self.clock = clock
        self.sleep = sleep or self._sleep_unless_stopped
        self.notify = notify
        self.poll_seconds = poll_seconds
        self.jobs_run = 0
        self._since: dict[tuple[str, str], datetime] = {}  # the moment each category's next slot is counted from
        self._started: datetime | None = None
        self._stop = asyncio.Event()

    def stop(self) -> None:
        """Finish the running job (if any), then return from ``run_forever``."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    async def _sleep_unless_stopped(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), timeout=seconds)

    async def run_forever(self) -> None:
        while not self.stopping:
            wake = await self.tick()
            if self.stopping:
                break
            now = self.clock()
            wait = self.poll_seconds if wake is None else (wake - now).total_seconds()
            await self.sleep(max(0.0, min(wait, self.poll_seconds)))

    def due_jobs(self, now: datetime) -> tuple[list[Job], datetime | None]:
        """The jobs due at ``now`` (one per company, its due categories in dependency order) and the next moment
        anything else is due."""
        if self._started is None:
            self._started = now
        jobs: list[Job] = []
        upcoming: datetime | None = None
        for company in CompanyRegistry(self.db).all():
            due: list[str] = []
            first: datetime | None = None
            for category, schedule in Store.for_tenant(self.db, company.id).schedules.all().items():
                if category not in CATEGORIES:
                    continue
                moment = next_run(schedule, self._since.get((company.id, category), self._started))
                if moment is None:
                    continue
                if moment <= now:
                    due.append(category)
                    first = moment if first is None else min(first, moment)
                elif upcoming is None or moment < upcoming:
                    upcoming = moment
            if due and first is not None:
                jobs.append(Job(company.id, [name for name in CATEGORIES if name in due], first))
        return jobs, upcoming

    async def tick(self) -> datetime | None:
        """Run every job due now; the next moment something is due (``None``: nothing scheduled)."""
        now = self.clock()
        jobs, upcoming = self.due_jobs(now)
        for job in jobs:
            if self.stopping:
                return None
            for category in job.categories:
                self._since[(job.company, category)] = now
            await self._run(job)
        if jobs:  # the slots after the ones just run
            _, upcoming = self.due_jobs(self.clock())
        return upcoming

    async def _run(self, job: Job) -> None:
        store = Store.for_tenant(self.db, job.company)
        lift_pause_after_manual_run(store)
        pause = store.schedules.paused()
        if pause is not None:
            self.notify(
                f"{job.company}: pausad, körs inte ({pause.reason})",
                f"{job.company}: paused, not run ({pause.reason_en})",
            )
            return
        names = ", ".join(job.categories)
        self.notify(f"{job.company}: kör {names}", f"{job.company}: running {names}")
        self.jobs_run += 1
        try:
            report = await self.run_job(store, job.categories)
        except BryggaError as exc:
            problem = error_problem(exc)
            if problem is None:
                message = str(getattr(exc, "message", "") or exc)
                self.notify(f"{job.company}: kördes inte: {message}", f"{job.company}: not run: {message}")
                return
        except Exception:  # one company's unexpected failure must not stop the others' schedules
            logger.exception("scheduled run of %s failed", job.company)
            self.notify(f"{job.company}: oväntat fel, se loggen", f"{job.company}: unexpected error, see the log")
            return
        else:
            problem = connection_problem(report)
            if problem is None:
                self.notify(f"{job.company}: klar ({report.state})", f"{job.company}: done ({report.state})")
                return
        store.schedules.pause(*problem)
        self.notify(f"{job.company}: pausad: {problem[0]}", f"{job.company}: paused: {problem[1]}")
