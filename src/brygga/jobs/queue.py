"""The queue as the web page and the CLI see it: is it there, put "Överför nu" in it, what waits for a company.

These work on brygga's own ``Database`` (its engine and the application role), not on a running worker: the job is
written with Procrastinate's own ``defer`` inside a transaction on that engine's connection, so importing or calling
them needs no worker, and deferring can share a transaction with brygga's own rows (the periodic task advances a
company's schedule slots in the same commit as it enqueues the company's job).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from procrastinate import App, SyncPsycopgConnector
from procrastinate.exceptions import AlreadyEnqueued
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from brygga.errors import ConfigError
from brygga.jobs.names import NOW_PRIORITY, QUEUE, RUN_TASK, SCHEDULED_PRIORITY, Kind, company_lock, queueing_lock
from brygga.store.database import Database
from brygga.transfer.runner import CATEGORIES

__all__ = ["QueuedJob", "defer_now", "defer_run", "ordered_categories", "queue_installed", "queued_for"]

logger = logging.getLogger(__name__)

# Never opened: every defer passes the connection it runs on (brygga's engine's), so no pool of its own.
_DEFERRER = App(connector=SyncPsycopgConnector())


@dataclass(frozen=True)
class QueuedJob:
    """A job of one company that waits (``todo``) or runs (``doing``)."""

    id: int
    kind: Kind
    categories: list[str]
    status: Literal["todo", "doing"]
    queued_at: datetime  # UTC


def queue_installed(db: Database) -> bool:
    """``True`` on PostgreSQL with the queue's tables in place (``brygga worker`` creates them); ``False`` on SQLite."""
    if db.engine.dialect.name != "postgresql":
        return False
    try:
        with db.engine.connect() as connection:
            return bool(connection.execute(text("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")).scalar())
    except DBAPIError:
        logger.warning("could not tell whether the queue is installed", exc_info=True)
        return False


def ordered_categories(categories: list[str]) -> list[str]:
    """``categories`` in dependency order (``brygga.transfer.runner.CATEGORIES``); an unknown one is refused."""
    unknown = [name for name in categories if name not in CATEGORIES]
    if unknown or not categories:
        shown = ", ".join(unknown) or "-"
        raise ConfigError(
            f"Okänd kategori: {shown}",
            hint=f"Välj bland: {', '.join(CATEGORIES)}.",
            message_en=f"Unknown category: {shown}",
            hint_en=f"Choose from: {', '.join(CATEGORIES)}.",
        )
    return [name for name in CATEGORIES if name in categories]


def defer_now(db: Database, company: str, categories: list[str]) -> int:
    """ "Överför nu": enqueue ``categories`` of ``company`` before any scheduled work; the job id. A "now" job already
    waiting for the company gets these categories too, and its id is returned instead of a second job."""
    ordered = ordered_categories(categories)
    _require_queue(db)
    with db.engine.begin() as connection:
        return defer_run(connection, company, ordered, "now")


def defer_run(connection: Connection, company: str, categories: list[str], kind: Kind) -> int:
    """Enqueue one run of ``company`` in the transaction of ``connection``. A job of the same kind already waiting
    collapses this one into it (its categories become the union, in dependency order): its id is returned."""
    raw = connection.connection.driver_connection
    deferrer = _DEFERRER.configure_task(
        RUN_TASK,
        queue=QUEUE,
        lock=company_lock(company),
        queueing_lock=queueing_lock(company, kind),
        priority=NOW_PRIORITY if kind == "now" else SCHEDULED_PRIORITY,
        connection=raw,
    )
    arguments: dict[str, Any] = {"company": company, "categories": list(categories), "kind": kind}
    for _ in range(3):  # the waiting job may start between the refused insert and the merge: enqueue again
        try:
            with connection.begin_nested():
                return deferrer.defer(**arguments)
        except AlreadyEnqueued:
            merged = _merge_into_waiting(connection, company, categories, kind)
            if merged is not None:
                return merged
    raise ConfigError(
        f"Överföringen för {company} kunde inte läggas i kön.",
        hint="Försök igen om en stund.",
        message_en=f"The transfer for {company} could not be queued.",
        hint_en="Try again in a moment.",
    )


def _merge_into_waiting(connection: Connection, company: str, categories: list[str], kind: Kind) -> int | None:
    row = connection.execute(
        text("SELECT id, args FROM procrastinate_jobs WHERE queueing_lock = :lock AND status = 'todo' FOR UPDATE"),
        {"lock": queueing_lock(company, kind)},
    ).first()
    if row is None:
        return None
    job_id, args = int(row[0]), dict(row[1] or {})
    waiting = [str(name) for name in args.get("categories", [])]
    union = [name for name in CATEGORIES if name in waiting or name in categories]
    if union != waiting:
        connection.execute(
            text(
                "UPDATE procrastinate_jobs SET args = jsonb_set(args, '{categories}', CAST(:c AS jsonb)) WHERE id = :i"
            ),
            {"c": json.dumps(union), "i": job_id},
        )
    return job_id


def queued_for(db: Database, company: str) -> list[QueuedJob]:
    """The jobs of ``company`` that wait or run, running first, then in the order they will run."""
    if not queue_installed(db):
        return []
    with db.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT j.id, j.status, j.args, (SELECT min(e.at) FROM procrastinate_events e "
                "WHERE e.job_id = j.id AND e.type = 'deferred') FROM procrastinate_jobs j "
                "WHERE j.lock = :lock AND j.task_name = :task AND j.status IN ('todo', 'doing') "
                "ORDER BY j.status = 'doing' DESC, j.priority DESC, j.id"
            ),
            {"lock": company_lock(company), "task": RUN_TASK},
        ).all()
    return [_queued(row) for row in rows]


def _queued(row: Any) -> QueuedJob:
    args = dict(row[2] or {})
    kind: Kind = "now" if args.get("kind") == "now" else "scheduled"
    status: Literal["todo", "doing"] = "doing" if row[1] == "doing" else "todo"
    at = row[3] or datetime.now(UTC)
    return QueuedJob(int(row[0]), kind, [str(c) for c in args.get("categories", [])], status, at.astimezone(UTC))


def _require_queue(db: Database) -> None:
    if db.engine.dialect.name != "postgresql":
        raise ConfigError(
            "Kön finns bara med PostgreSQL.",
            hint="På SQLite körs överföringen direkt (brygga transfer eller brygga schedule now).",
            message_en="The queue exists on PostgreSQL only.",
            hint_en="On SQLite the transfer runs at once (brygga transfer or brygga schedule now).",
        )
    if not queue_installed(db):
        raise ConfigError(
            "Kön för brygga worker finns inte i databasen än.",
            hint="Starta brygga worker en gång (med BRYGGA_DB_OWNER satt) så skapas den.",
            message_en="The queue of brygga worker is not in the database yet.",
            hint_en="Start brygga worker once (with BRYGGA_DB_OWNER set) and it is created.",
        )
