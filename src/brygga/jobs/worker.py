"""``brygga worker`` on PostgreSQL: install the queue (idempotent), then run Procrastinate's worker until SIGTERM or
Ctrl+C. A stop lets the running jobs finish within ``shutdown_timeout_seconds``; a job still running then is
cancelled (the runner closes its run as interrupted and releases the lease) and put back in the queue."""

from __future__ import annotations

from brygga.config import Settings
from brygga.jobs.names import QUEUE
from brygga.jobs.schema import install_queue
from brygga.jobs.tasks import QueueOptions, build_app
from brygga.schedules.company_run import Notify, RunJob
from brygga.store import Database
from brygga.store.lease import lease_holder

__all__ = ["run_queue_worker"]


async def run_queue_worker(
    settings: Settings,
    db: Database,
    options: QueueOptions,
    *,
    notify: Notify | None = None,
    run_job: RunJob | None = None,
) -> None:
    install_queue(settings)
    app = build_app(settings, db, options, notify=notify, run_job=run_job)
    async with app.open_async():
        await app.run_worker_async(
            queues=[QUEUE],
            name=lease_holder(),
            concurrency=options.concurrency,
            update_heartbeat_interval=options.heartbeat_seconds,
            stalled_worker_timeout=options.stalled_after_seconds,
            shutdown_graceful_timeout=options.shutdown_timeout_seconds,
            fetch_job_polling_interval=options.poll_seconds,
            install_signal_handlers=True,
        )
