"""The queue's tests on real PostgreSQL: a fresh database per test (migrated as the owner, the queue installed and
granted to the application role), the scenario emulators on loopback, and worker processes with short times."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from brygga.config import Settings
from brygga.jobs.schema import install_queue
from brygga.store.database import make_engine, open_database
from tests.postgres.plugin import NO_POSTGRES, REPO, PostgresServer
from tests.scenarios.harness import World, served_world
from tests.support.contract_plugin import register_base_url

NEEDS_POSTGRES = pytest.mark.skipif(NO_POSTGRES, reason="BRYGGA_TEST_NO_POSTGRES=1")
FAST = {
    "concurrency": 2,
    "heartbeat_seconds": 0.2,
    "stalled_after_seconds": 1.0,
    "busy_retry_seconds": 1,
    "shutdown_timeout_seconds": 30.0,
    "poll_seconds": 0.2,
    "enqueue_cron": "0 0 1 1 *",  # the tests decide when schedules are enqueued
    "stalled_cron": "* * * * * *",  # every second
}


@pytest.fixture
def queue_settings(tmp_path: Path, postgres_server: PostgresServer) -> Iterator[Settings]:
    name = postgres_server.create()
    settings = postgres_server.settings_for(name, tmp_path)
    open_database(settings).dispose()
    install_queue(settings)
    try:
        yield settings
    finally:
        postgres_server.drop(name)


@pytest.fixture
async def queue_world(
    tmp_path: Path,
    recording_transport_factory: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport],
    queue_settings: Settings,
) -> AsyncIterator[World]:
    async with served_world(tmp_path, recording_transport_factory, register_base_url, queue_settings) as built:
        yield built


class WorkerProcess:
    """One ``brygga worker`` process; its output lines are kept in a file so a test can wait for one."""

    def __init__(self, settings: Settings, log: Path, **options: object) -> None:
        env = {
            **os.environ,
            "BRYGGA_DB": str(settings.db),
            "BRYGGA_DB_OWNER": str(settings.db_owner),
            "BRYGGA_DATA_DIR": str(settings.data_dir),
            "BRYGGA_SECRET_KEY": settings.secret_key.get_secret_value() if settings.secret_key else "",
            "BRYGGA_CONCURRENCY": "1",
        }
        self.log = log
        self.handle = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.jobs.worker_main", json.dumps({**FAST, **options})],
            cwd=REPO,
            env=env,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
        )

    def output(self) -> str:
        return self.log.read_text()

    def wait_for(self, words: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while words not in self.output():
            assert self.process.poll() is None, self.output()
            assert time.monotonic() < deadline, f"no {words!r} in: {self.output()}"
            time.sleep(0.05)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.kill()
        code = self.process.wait(30)
        self.handle.close()
        return code


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Callable[..., WorkerProcess]]:
    started: list[WorkerProcess] = []

    def start(settings: Settings, **options: object) -> WorkerProcess:
        started.append(WorkerProcess(settings, tmp_path / f"worker{len(started)}.log", **options))
        return started[-1]

    yield start
    for worker in started:
        worker.stop()


def job_states(settings: Settings) -> list[tuple[int, str, str]]:
    """(id, task, status) of every job, oldest first (read without opening the store: no migration, no grants)."""
    engine = make_engine(str(settings.db))
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, task_name, status FROM procrastinate_jobs ORDER BY id")).all()
            return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]
    finally:
        engine.dispose()


def wait_until(check: Callable[[], bool], timeout: float = 30.0, why: Callable[[], str] = str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out: {why()}"
        time.sleep(0.1)
