"""The in-process scheduler of ``brygga worker`` on SQLite: for every company it runs the categories that are due,
through the same engine path as the queue's task on PostgreSQL (``brygga.schedules.company_run``), and sleeps until
the next one is due.

The categories of one company due at the same moment run in one job, so the engine runs them in dependency order
(customers, articles and projects before invoices: ``brygga.transfer.runner.CATEGORIES``) under the store's lease.
Where each category's next slot is counted from is kept in the store (``schedule_slot``), so a restarted worker
neither repeats a slot nor forgets one; slots missed while a run took long, or while no worker ran, are not caught
up one by one: a category runs once for all of them. The clock and the sleep are injected, so tests move time by
hand.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from brygga.errors import BryggaError
from brygga.schedules.company_run import Notify, RunJob, run_company
from brygga.store import Database, Store
from brygga.store.companies import CompanyRegistry

__all__ = ["Job", "RunJob", "Worker"]

logger = logging.getLogger(__name__)

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
        deliver_alerts: Callable[[datetime], object] | None = None,
    ) -> None:
        self.db = db
        self.run_job = run_job
        self.clock = clock
        self.sleep = sleep or self._sleep_unless_stopped
        self.notify = notify
        self.poll_seconds = poll_seconds
        self.deliver_alerts = deliver_alerts  # undelivered alerts tried again on every tick (brygga.alerts)
        self.jobs_run = 0
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

    def take_due_jobs(self, now: datetime) -> tuple[list[Job], datetime | None]:
        """The jobs due at ``now`` (one per company, its due categories in dependency order), their slots taken in
        the store, and the next moment anything is due after them."""
        jobs: list[Job] = []
        upcoming: datetime | None = None
        for company in CompanyRegistry(self.db).all():
            decision = Store.for_tenant(self.db, company.id).schedules.take_due(now)
            if decision.due and decision.first_due is not None:
                jobs.append(Job(company.id, decision.due, decision.first_due))
            if decision.upcoming is not None and (upcoming is None or decision.upcoming < upcoming):
                upcoming = decision.upcoming
        return jobs, upcoming

    async def tick(self) -> datetime | None:
        """Run every job due now; the next moment something is due (``None``: nothing scheduled)."""
        jobs, upcoming = self.take_due_jobs(self.clock())
        for job in jobs:
            if self.stopping:
                return None
            await self._run(job)
        if self.deliver_alerts is not None:
            try:
                await asyncio.to_thread(self.deliver_alerts, self.clock())
            except Exception:  # alerting never stops the schedules
                logger.exception("alert delivery failed")
        return upcoming

    async def _run(self, job: Job) -> None:
        store = Store.for_tenant(self.db, job.company)
        try:
            result = await run_company(store, job.categories, self.run_job, notify=self.notify)
        except BryggaError as exc:  # another run holds the company (a manual transfer): this slot is not run
            message = str(getattr(exc, "message", "") or exc)
            self.notify(f"{job.company}: kördes inte: {message}", f"{job.company}: not run: {message}")
            return
        if result.outcome != "paused":
            self.jobs_run += 1
