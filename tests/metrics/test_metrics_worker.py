"""``brygga worker --metrics-port`` serves the worker's own counts on loopback; a port that cannot be opened is a
ConfigError with a hint, not a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet

from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.metrics import MetricsBook
from brygga.metrics.serve import serve_metrics
from brygga.store import Store, open_store
from tests.metrics.conftest import samples, value

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[tuple[Store, Settings]]:
    settings = Settings(data_dir=tmp_path, db=str(tmp_path / "w.sqlite3"), secret_key=Fernet.generate_key().decode())
    store = open_store(settings)
    yield store, settings
    store.db.dispose()


def test_metrics_worker_server_serves_the_process_counts(opened: tuple[Store, Settings], book: MetricsBook) -> None:
    store, settings = opened
    book.category_finished("default", "articles", "failed", 3.0, ["failed"])
    server = serve_metrics(settings, store.db, "127.0.0.1", 0)
    try:
        response = httpx.get(f"http://127.0.0.1:{server.server_port}/metrics", timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    found = samples(response.text)
    assert value(found, "brygga_runs_total", category="articles", state="failed") == 1
    assert value(found, "brygga_objects_total", category="articles", outcome="failed") == 1


def test_metrics_worker_port_in_use_is_a_config_error(opened: tuple[Store, Settings]) -> None:
    store, settings = opened
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ConfigError) as raised:
            serve_metrics(settings, store.db, "127.0.0.1", port)
    assert "--metrics-port" in (raised.value.hint or "")


def test_metrics_worker_cli_option_serves_on_loopback(opened: tuple[Store, Settings], tmp_path: Path) -> None:
    _store, settings = opened
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "BRYGGA_DB": str(settings.db),
        "BRYGGA_DATA_DIR": str(tmp_path),
        "BRYGGA_SECRET_KEY": settings.secret_key.get_secret_value() if settings.secret_key else "",
        "BRYGGA_LANG": "en",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "brygga", "worker", "--metrics-port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert worker.poll() is None, worker.stdout.read().decode() if worker.stdout else ""
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the worker's metrics never answered"
                time.sleep(0.1)
    finally:
        worker.kill()  # the worker's own stopping is tested in tests/jobs and tests/schedules
        worker.wait(30)
    assert response.status_code == 200
    assert "# TYPE brygga_runs_total counter" in response.text
    assert "# TYPE brygga_api_calls_total counter" in response.text
    assert "brygga_queue_depth" not in response.text  # SQLite: no queue
