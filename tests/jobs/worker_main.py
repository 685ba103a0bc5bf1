"""A ``brygga worker`` process on PostgreSQL with short times for the tests: ``python -m tests.jobs.worker_main
'{"heartbeat_seconds": 0.3, …}'`` (QueueOptions as JSON); settings from the environment (BRYGGA_DB, …). Prints what
it does, one line each, flushed, so a test can wait for a line."""

from __future__ import annotations

import asyncio
import json
import sys

from brygga.config import Settings
from brygga.jobs.tasks import QueueOptions
from brygga.jobs.worker import run_queue_worker
from brygga.store.database import open_database


def _say(sv: str, en: str) -> None:
    print(en, flush=True)


def main() -> None:
    options = QueueOptions(**json.loads(sys.argv[1]))
    settings = Settings()
    db = open_database(settings)
    try:
        asyncio.run(run_queue_worker(settings, db, options, notify=_say))
    finally:
        db.dispose()
    print("worker stopped", flush=True)


if __name__ == "__main__":
    main()
