"""Run history, per-object outcomes (the error log) and the per-company run lease."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import desc, func, select

from brygga.store.database import Database
from brygga.store.tables import LeaseRow, RunItemRow, RunRow

__all__ = ["ItemRecord", "LeaseStore", "RunStore"]


@dataclass(frozen=True)
class ItemRecord:
    category: str
    direction: str
    object_key: str
    object_name: str
    action: str
    outcome: str
    rule_id: str | None = None
    message: str | None = None
    hint: str | None = None
    hint_en: str | None = None
    at: datetime | None = None


class RunStore:
    def __init__(self, db: Database, tenant: str) -> None:
        self.db = db
        self.tenant = tenant

    def start(self, categories: list[str], dry_run: bool) -> int:
        with self.db.transaction() as session:
            row = RunRow(
                tenant_id=self.tenant,
                categories=",".join(categories),
                dry_run=dry_run,
                status="running",
                started_at=datetime.now(UTC),
            )
            session.add(row)
            session.flush()
            return row.id

    def add_items(self, run_id: int, items: list[ItemRecord]) -> None:
        with self.db.transaction() as session:
            for item in items:
                session.add(
                    RunItemRow(
                        run_id=run_id,
                        tenant_id=self.tenant,
                        category=item.category,
                        direction=item.direction,
                        object_key=item.object_key[:100],
                        object_name=item.object_name[:300],
                        action=item.action,
                        outcome=item.outcome,
                        rule_id=item.rule_id,
                        message=item.message,
                        hint=item.hint,
                        hint_en=item.hint_en,
                        at=item.at or datetime.now(UTC),
                    )
                )

    def finish(self, run_id: int, status: str, summary: str) -> None:
        with self.db.transaction() as session:
            row = session.get(RunRow, run_id)
            if row is not None:
                row.status = status
                row.summary = summary
                row.finished_at = datetime.now(UTC)

    def latest_failures(self) -> list[ItemRecord]:
        """Failures of the newest finished, non-dry run of each category: what is still wrong."""
        with self.db.read() as session:
            latest = (
                select(RunItemRow.category, func.max(RunItemRow.run_id).label("run_id"))
                .join(RunRow, RunRow.id == RunItemRow.run_id)
                .where(RunItemRow.tenant_id == self.tenant, RunRow.dry_run.is_(False))
                .group_by(RunItemRow.category)
                .subquery()
            )
            rows = session.scalars(
                select(RunItemRow)
                .join(
                    latest,
                    (RunItemRow.category == latest.c.category) & (RunItemRow.run_id == latest.c.run_id),
                )
                .where(RunItemRow.outcome == "failed")
                .order_by(RunItemRow.category, RunItemRow.id)
            )
            return [_record(row) for row in rows]

    def history(self, limit: int = 10) -> list[tuple[int, str, str, datetime, str | None]]:
        with self.db.read() as session:
            rows = session.scalars(
                select(RunRow).where(RunRow.tenant_id == self.tenant).order_by(desc(RunRow.id)).limit(limit)
            )
            return [(r.id, r.categories, r.status, r.started_at, r.summary) for r in rows]


def _alive(holder: str) -> bool:
    """A lease held by a process on this machine that no longer exists (killed, crashed) is stale."""
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's lease: trust its expiry time
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _record(row: RunItemRow) -> ItemRecord:
    return ItemRecord(
        row.category,
        row.direction,
        row.object_key,
        row.object_name,
        row.action,
        row.outcome,
        row.rule_id,
        row.message,
        row.hint,
        row.hint_en,
        row.at,
    )


class LeaseStore:
    """One run per company at a time. On PostgreSQL the worker adds an advisory lock on top."""

    def __init__(self, db: Database, tenant: str) -> None:
        self.db = db
        self.tenant = tenant

    def acquire(self, holder: str, ttl: timedelta = timedelta(minutes=30)) -> bool:
        now = datetime.now(UTC)
        with self.db.transaction() as session:
            row = session.get(LeaseRow, self.tenant, with_for_update=True)
            if row is not None and row.holder != holder and row.expires_at > now and _alive(row.holder):
                return False
            if row is None:
                session.add(LeaseRow(tenant_id=self.tenant, holder=holder, expires_at=now + ttl))
            else:
                row.holder = holder
                row.expires_at = now + ttl
            return True

    def release(self, holder: str) -> None:
        with self.db.transaction() as session:
            row = session.get(LeaseRow, self.tenant)
            if row is not None and row.holder == holder:
                session.delete(row)
