"""The worker's Procrastinate App: the run task, the periodic decision and the stalled-job retry.

- ``brygga.run_company`` runs one company's categories through ``brygga.schedules.company_run`` (the engine path of
  the SQLite scheduler too). Every job of a company has the lock ``company:<id>``, so one runs at a time whichever
  worker fetches it; the store's lease with its fencing token is the second guard under it. When the lease is still
  held (a manual ``brygga transfer``, or a killed worker's lease on another machine that has not expired yet) the job
  is tried again later (``LeaseBusyError``), not failed; a job cancelled by a worker's shutdown is put back at once.
- ``brygga.enqueue_due`` (periodic, every minute) defers each company's due categories as one job.
- ``brygga.retry_stalled`` (periodic, every minute) puts back the jobs of workers that stopped sending heartbeats
  (killed), so another worker takes them over; the runner closes the dead run as interrupted and the write protocol
  reconciles before writing, so nothing is written twice.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from procrastinate import App, BaseRetryStrategy, PsycopgConnector, RetryDecision
from procrastinate.exceptions import JobAborted
from procrastinate.jobs import Job

from brygga.alerts import deliver_everywhere
from brygga.config import Settings
from brygga.jobs.conninfo import libpq_conninfo
from brygga.jobs.enqueue import enqueue_due
from brygga.jobs.names import QUEUE, RUN_TASK
from brygga.schedules.company_run import Notify, RunJob, run_company, session_runner
from brygga.store import Database, Store
from brygga.transfer.runner import LeaseBusyError

__all__ = ["ENQUEUE_TASK", "STALLED_TASK", "QueueOptions", "build_app"]

logger = logging.getLogger(__name__)

ENQUEUE_TASK = "brygga.enqueue_due"
STALLED_TASK = "brygga.retry_stalled"
ALERTS_TASK = "brygga.deliver_alerts"
HOUSEKEEPING_PRIORITY = 20  # the periodic tasks before any transfer, so a busy queue never delays a take-over


@dataclass(frozen=True)
class QueueOptions:
    """How the worker runs; tests shorten the times."""

    concurrency: int = 4
    heartbeat_seconds: float = 10.0
    stalled_after_seconds: float = 60.0  # no heartbeat for this long: the worker is dead, its jobs are put back
    busy_retry_seconds: int = 30  # a company whose lease is held is tried again after this
    shutdown_timeout_seconds: float = 120.0  # SIGTERM: the running jobs may finish within this, then are cancelled
    poll_seconds: float = 5.0
    enqueue_cron: str = "* * * * *"
    stalled_cron: str = "* * * * *"
    alerts_cron: str = "* * * * *"


class _Retry(BaseRetryStrategy):
    """A busy lease: later; a shutdown's cancel: at once (another worker takes it); anything else: not again."""

    def __init__(self, busy_retry_seconds: int) -> None:
        self.busy_retry_seconds = busy_retry_seconds

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if isinstance(exception, LeaseBusyError):
            return RetryDecision(retry_in={"seconds": self.busy_retry_seconds})
        if isinstance(exception, asyncio.CancelledError | JobAborted):
            return RetryDecision(retry_in={"seconds": 0})
        return None


def build_app(
    settings: Settings,
    db: Database,
    options: QueueOptions,
    *,
    run_job: RunJob | None = None,
    notify: Notify | None = None,
) -> App:
    """The App of one worker process, on ``BRYGGA_DB`` (the application role)."""
    say: Notify = notify or (lambda sv, en: logger.info(en))
    runner = run_job or session_runner(settings)
    connector = PsycopgConnector(
        conninfo=libpq_conninfo(settings.database_url()), min_size=1, max_size=options.concurrency + 4
    )
    app = App(connector=connector)

    @app.task(name=RUN_TASK, queue=QUEUE, retry=_Retry(options.busy_retry_seconds))
    async def run_company_job(company: str, categories: list[str], kind: str = "scheduled") -> str:
        store = Store.for_tenant(db, company)
        result = await run_company(store, list(categories), runner, manual=kind == "now", notify=say)
        return result.outcome

    @app.periodic(cron=options.enqueue_cron, periodic_id="due")
    @app.task(
        name=ENQUEUE_TASK,
        queue=QUEUE,
        queueing_lock=ENQUEUE_TASK,  # no lock: a killed worker's tick left "doing" must not block every later tick
        priority=HOUSEKEEPING_PRIORITY,
    )
    async def enqueue_due_job(timestamp: int) -> int:
        now = datetime.fromtimestamp(timestamp, UTC)
        enqueued = await asyncio.to_thread(enqueue_due, db, now, say)
        for company, categories in enqueued.items():
            say(f"{company}: köad: {', '.join(categories)}", f"{company}: queued: {', '.join(categories)}")
        return len(enqueued)

    @app.periodic(cron=options.stalled_cron, periodic_id="stalled")
    @app.task(
        name=STALLED_TASK,
        queue=QUEUE,
        queueing_lock=STALLED_TASK,  # no lock: a killed worker's tick left "doing" must not block every later tick
        priority=HOUSEKEEPING_PRIORITY,
    )
    async def retry_stalled_job(timestamp: int) -> int:
        return await retry_stalled(app, options.stalled_after_seconds, say)

    @app.periodic(cron=options.alerts_cron, periodic_id="alerts")
    @app.task(
        name=ALERTS_TASK,
        queue=QUEUE,
        queueing_lock=ALERTS_TASK,
        priority=HOUSEKEEPING_PRIORITY,  # no lock, as above
    )
    async def deliver_alerts_job(timestamp: int) -> int:
        """Reminders, daily summaries and undelivered alerts tried again (brygga.alerts); never fails."""
        result = await asyncio.to_thread(deliver_everywhere, db, settings, now=datetime.fromtimestamp(timestamp, UTC))
        return result.sent

    return app


async def retry_stalled(app: App, stalled_after_seconds: float, notify: Notify) -> int:
    """Put back every job of workers silent for ``stalled_after_seconds`` (transfers, and the periodic ticks too: a
    tick left "doing" would otherwise stay there for good); how many."""
    stalled = await app.job_manager.get_stalled_jobs(queue=QUEUE, seconds_since_heartbeat=stalled_after_seconds)
    count = 0
    for job in stalled:
        try:
            await app.job_manager.retry_job(job)
        except Exception:  # another worker put it back first
            logger.info("stalled job %s was already put back", job.id, exc_info=True)
            continue
        count += 1
        if job.task_name != RUN_TASK:
            continue  # a periodic tick: run again, nothing to tell anyone
        company = str(job.task_kwargs.get("company", ""))
        notify(
            f"{company}: jobb {job.id} togs över (workern som körde det svarar inte)",
            f"{company}: job {job.id} taken over (the worker running it stopped answering)",
        )
    return count
