""" "Överför nu" from the page on real PostgreSQL with the queue installed: the button puts a "now" job in
Procrastinate's table (no run in the web process), a second click collapses into the waiting job, the page polls
"I kö"; when a worker has run it (here: the job marked done and its run written, as ``brygga worker`` would) the page
shows the run's result. The worker itself is tested in tests/jobs."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from brygga.config import Settings
from brygga.jobs import queue_installed, queued_for
from brygga.jobs.schema import install_queue
from brygga.store import Store, open_store
from brygga.web import create_app
from tests.postgres.plugin import NO_POSTGRES, PostgresServer
from tests.web.conftest import PASSWORD, csrf_of, page_token

pytestmark = pytest.mark.skipif(NO_POSTGRES, reason="BRYGGA_TEST_NO_POSTGRES=1")


@pytest.fixture
def pg_store(tmp_path: Path, postgres_server: PostgresServer) -> Iterator[Store]:
    name = postgres_server.create()
    settings = postgres_server.settings_for(name, tmp_path)
    store = open_store(settings)
    install_queue(settings)
    try:
        yield store
    finally:
        store.db.dispose()
        postgres_server.drop(name)


@pytest.fixture
async def pg_admin(pg_store: Store, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(lambda _settings: pg_store, Settings(data_dir=tmp_path, db=str(tmp_path / "unused.sqlite3")))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000") as http:
        token = csrf_of(await http.get("/setup"))
        await http.post("/setup", data={"password": PASSWORD, "repeat": PASSWORD, "csrf_token": token})
        yield http


async def test_w_transfer_now_on_postgresql_enqueues_collapses_and_shows_the_result(
    pg_admin: httpx.AsyncClient, pg_store: Store
) -> None:
    assert queue_installed(pg_store.db)
    token = await page_token(pg_admin)
    headers = {"HX-Request": "true", "X-CSRF-Token": token}
    first = await pg_admin.post("/transfer", data={"category": "invoices", "mode": "run"}, headers=headers)
    second = await pg_admin.post("/transfer", data={"category": "customers", "mode": "run"}, headers=headers)
    assert first.status_code == second.status_code == 200
    assert 'data-state="queued"' in first.text and "I kö" in second.text
    waiting = queued_for(pg_store.db, pg_store.tenant)
    assert [(job.kind, job.categories, job.status) for job in waiting] == [("now", ["customers", "invoices"], "todo")]
    url = re.search(r'hx-get="(/transfer/queued/\d+[^"]*)"', second.text)
    assert url and f"/transfer/queued/{waiting[0].id}?" in url.group(1)
    assert pg_store.runs.history() == []  # the web process ran nothing

    polled = await pg_admin.get(url.group(1).replace("&amp;", "&"), headers={"HX-Request": "true"})
    assert "Kunder, Fakturor" in polled.text and 'data-state="queued"' in polled.text  # the merged job

    run_id = pg_store.runs.start(["customers", "invoices"], dry_run=False)  # what the worker's run writes
    pg_store.runs.finish(run_id, "ok", "")
    with pg_store.db.engine.begin() as connection:
        connection.execute(
            text("UPDATE procrastinate_jobs SET status = 'succeeded' WHERE id = :i"), {"i": waiting[0].id}
        )
    done = await pg_admin.get(url.group(1).replace("&amp;", "&"), headers={"HX-Request": "true"})
    assert f"Överföring #{run_id}: Klar" in done.text and 'data-state="ok"' in done.text
