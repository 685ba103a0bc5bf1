"""/healthz is 200 whenever the process answers; /readyz is 200 while the database (and on PostgreSQL the queue)
answers and 503 naming what is not ready otherwise, without an exception's text; /metrics needs no web login, is
open to loopback only without BRYGGA_METRICS_TOKEN and asks for the token when it is set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr

from brygga.config import Settings
from brygga.jobs import defer_now
from brygga.jobs.schema import install_queue
from brygga.metrics import MetricsBook
from brygga.store import Store, open_store
from brygga.store.companies import CompanyRegistry
from brygga.store.database import open_database
from brygga.web import create_app
from tests.jobs.conftest import NEEDS_POSTGRES
from tests.metrics.conftest import samples, value
from tests.postgres.plugin import PostgresServer

LOOPBACK = ("127.0.0.1", 50000)


def _settings(tmp_path: Path, **more: object) -> Settings:
    given: dict[str, object] = {"db": str(tmp_path / "h.sqlite3"), **more}
    return Settings(data_dir=tmp_path, secret_key=Fernet.generate_key().decode(), **given)  # type: ignore[arg-type]


async def _get(store: Store, settings: Settings, path: str, client: tuple[str, int] = LOOPBACK, **kw: object):
    app = create_app(lambda _settings: store, settings)
    transport = httpx.ASGITransport(app=app, client=client)
    async with httpx.AsyncClient(transport=transport, base_url="http://brygga.test") as http:
        return await http.get(path, **kw)  # type: ignore[arg-type]


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[tuple[Store, Settings]]:
    settings = _settings(tmp_path)
    store = open_store(settings)
    yield store, settings
    store.db.dispose()


async def test_health_readyz_is_200_when_the_database_answers(sqlite_store: tuple[Store, Settings]) -> None:
    store, settings = sqlite_store
    response = await _get(store, settings, "/readyz")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "ok", "queue": "sqlite"})


async def test_health_readyz_is_503_with_the_database_gone_and_healthz_still_200(
    sqlite_store: tuple[Store, Settings],
) -> None:
    store, settings = sqlite_store
    store.db.dispose()
    for leftover in Path(settings.data_dir).glob("h.sqlite3*"):
        leftover.unlink()
    ready = await _get(store, settings, "/readyz")
    alive = await _get(store, settings, "/healthz")
    assert ready.status_code == 503
    body = ready.json()
    assert body["not_ready"] == ["database"] and body["status"] == "inte redo"
    assert body["fel"] == "Databasen svarar inte." and body["error"] == "The database does not answer."
    assert "Traceback" not in ready.text and "sqlite" not in ready.text.lower()
    assert (alive.status_code, alive.json()) == (200, {"status": "ok"})


async def test_health_readyz_is_503_on_a_wrong_postgresql_port_without_the_password(tmp_path: Path) -> None:
    settings = _settings(tmp_path, db="postgresql+psycopg://brygga:hemligt-losen@127.0.0.1:1/brygga")

    def unreachable(given: Settings) -> Store:
        return open_store(given)

    app = create_app(unreachable, settings)
    transport = httpx.ASGITransport(app=app, client=LOOPBACK)
    async with httpx.AsyncClient(transport=transport, base_url="http://brygga.test") as http:
        ready = await http.get("/readyz")
        alive = await http.get("/healthz")
        metrics = await http.get("/metrics")  # a scrape still answers, without the database's figures
    assert ready.status_code == 503 and ready.json()["not_ready"] == ["database"]
    assert "hemligt" not in ready.text and "Traceback" not in ready.text
    assert alive.status_code == 200
    assert metrics.status_code == 200 and "hemligt" not in metrics.text


async def test_health_metrics_needs_no_login_and_parses(
    sqlite_store: tuple[Store, Settings], book: MetricsBook
) -> None:
    store, settings = sqlite_store
    book.api_response("eekonomi", "GET /v2/customers/{customerId}", 429)
    response = await _get(store, settings, "/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    found = samples(response.text)
    assert value(found, "brygga_rate_limited_total", system="eekonomi", endpoint="GET /v2/customers/{customerId}") == 1
    assert "set-cookie" not in response.headers


async def test_health_metrics_refuses_a_remote_client_without_a_token(sqlite_store: tuple[Store, Settings]) -> None:
    store, settings = sqlite_store
    response = await _get(store, settings, "/metrics", client=("203.0.113.7", 40000))
    assert response.status_code == 403 and "BRYGGA_METRICS_TOKEN" in response.text


async def test_health_metrics_asks_for_the_bearer_token_when_set(tmp_path: Path) -> None:
    settings = _settings(tmp_path, metrics_token=SecretStr("s3cret-token"))
    store = open_store(settings)
    try:
        remote = ("203.0.113.7", 40000)
        missing = await _get(store, settings, "/metrics", client=remote)
        wrong = await _get(store, settings, "/metrics", client=remote, headers={"Authorization": "Bearer nope"})
        right = await _get(store, settings, "/metrics", client=remote, headers={"Authorization": "Bearer s3cret-token"})
    finally:
        store.db.dispose()
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert wrong.status_code == 401 and "s3cret" not in wrong.text
    assert right.status_code == 200 and "brygga_runs_total" in right.text


@NEEDS_POSTGRES
async def test_health_queue_depth_and_lag_on_postgresql_with_a_queued_job(
    tmp_path: Path, postgres_server: PostgresServer, book: MetricsBook
) -> None:
    name = postgres_server.create()
    try:
        settings = postgres_server.settings_for(name, tmp_path)
        open_database(settings).dispose()
        install_queue(settings)
        store = open_store(settings)
        try:
            CompanyRegistry(store.db).ensure(store.tenant)
            before = samples((await _get(store, settings, "/metrics")).text)
            defer_now(store.db, store.tenant, ["customers"])
            after = samples((await _get(store, settings, "/metrics")).text)
            ready = await _get(store, settings, "/readyz")
        finally:
            store.db.dispose()
    finally:
        postgres_server.drop(name)
    assert value(before, "brygga_queue_depth", kind="todo") == 0
    assert value(after, "brygga_queue_depth", kind="todo") == 1
    assert value(after, "brygga_queue_depth", kind="doing") == 0
    assert 0 <= next(v for n, _, v in after if n == "brygga_queue_lag_seconds") < 60
    assert (ready.status_code, ready.json()) == (200, {"status": "ok", "database": "ok", "queue": "ok"})


async def test_health_queue_gauges_absent_on_sqlite(sqlite_store: tuple[Store, Settings]) -> None:
    store, settings = sqlite_store
    found = samples((await _get(store, settings, "/metrics")).text)
    assert not [n for n, _, _ in found if n.startswith("brygga_queue_")]
