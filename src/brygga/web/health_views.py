"""``/healthz`` (the process is alive), ``/readyz`` (its database, and on PostgreSQL the queue, answer) and
``/metrics`` (Prometheus' text format). None of them needs the web login (``pages._NO_SESSION_PREFIXES``).

``/metrics`` with ``BRYGGA_METRICS_TOKEN`` set asks for ``Authorization: Bearer <token>``; without it, it answers
clients on the same machine (loopback) only, so a Prometheus elsewhere needs the token. The bodies never hold an
exception's text (which may name a server, a user or SQL), only what is not ready.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from brygga.config import Settings
from brygga.errors import BryggaError
from brygga.metrics.registry import build_registry, exposition
from brygga.store import Database
from brygga.web.stores import StoreHolder

__all__ = ["health_router", "readiness"]

logger = logging.getLogger(__name__)

_NOT_READY = {
    "database": ("Databasen svarar inte.", "The database does not answer."),
    "queue": ("Kön i PostgreSQL går inte att läsa.", "The queue in PostgreSQL cannot be read."),
}


def health_router(stores: StoreHolder, settings: Settings) -> APIRouter:
    router = APIRouter()

    def database() -> Database | None:
        try:
            return stores.database()
        except (BryggaError, SQLAlchemyError, OSError):
            return None

    registry = build_registry(database, company_labels_max=settings.metrics_company_labels_max)

    @router.get("/healthz")
    async def healthz() -> JSONResponse:
        """Alive: answers without touching the database (``/readyz`` does)."""
        return JSONResponse({"status": "ok"})

    @router.get("/readyz")
    async def readyz() -> JSONResponse:
        checks, missing = await run_in_threadpool(readiness, stores)
        if not missing:
            return JSONResponse({"status": "ok", **checks})
        return JSONResponse(
            {
                "status": "inte redo",
                "not_ready": missing,
                "fel": " ".join(_NOT_READY[name][0] for name in missing),
                "error": " ".join(_NOT_READY[name][1] for name in missing),
            },
            status_code=503,
        )

    @router.get("/metrics")
    async def metrics(request: Request) -> Response:
        refused = _refusal(request, settings)
        if refused is not None:
            return refused
        body = await run_in_threadpool(exposition, registry)
        return Response(body, media_type=CONTENT_TYPE_LATEST)

    return router


def readiness(stores: StoreHolder) -> tuple[dict[str, str], list[str]]:
    """What was checked and how it stands, and the names of what is not ready (``database``, ``queue``)."""
    try:
        db = stores.database()
        _ask_database(db)
    except (BryggaError, SQLAlchemyError, OSError):
        logger.warning("readyz: the database does not answer", exc_info=True)
        return {"database": "fel"}, ["database"]
    if db.engine.dialect.name != "postgresql":
        return {"database": "ok", "queue": "sqlite"}, []
    try:
        with db.engine.connect() as connection:
            installed = connection.execute(text("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")).scalar()
            if installed:
                connection.execute(text("SELECT 1 FROM procrastinate_jobs LIMIT 1")).all()
    except SQLAlchemyError:
        logger.warning("readyz: the queue does not answer", exc_info=True)
        return {"database": "ok", "queue": "fel"}, ["queue"]
    return {"database": "ok", "queue": "ok" if installed else "inte installerad"}, []


def _ask_database(db: Database) -> None:
    """A trivial query on brygga's own table of migrations: an SQLite file removed under the process (which SQLite
    would silently create again, empty) is not ready."""
    path = db.engine.url.database if db.engine.dialect.name == "sqlite" else None
    if path and path != ":memory:" and not Path(path).is_file():
        raise FileNotFoundError(path)
    with db.read() as session:
        session.execute(text("SELECT version_num FROM alembic_version")).all()


def _refusal(request: Request, settings: Settings) -> Response | None:
    token = settings.metrics_token
    if token is not None:
        given = request.headers.get("authorization", "")
        if hmac.compare_digest(given.encode(), f"Bearer {token.get_secret_value()}".encode()):
            return None
        return PlainTextResponse(
            "Fel eller saknad token för /metrics. / Wrong or missing token for /metrics.\n",
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    if _loopback(request):
        return None
    return PlainTextResponse(
        "/metrics svarar bara på samma dator utan BRYGGA_METRICS_TOKEN. / "
        "/metrics answers the same machine only unless BRYGGA_METRICS_TOKEN is set.\n",
        status_code=403,
    )


def _loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
