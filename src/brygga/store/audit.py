"""The audit of one company: who changed which setting, connection, schedule or pause, and when.

The stores record a change with :func:`record` inside the transaction that makes it, so a change and its audit row
commit together or not at all, whichever path (web, CLI, worker) made it; the actor is whoever
:mod:`brygga.actor` says is acting. Only real changes are recorded (the old value differs from the new), and a
secret's value never is: a changed client secret, password, token or key is recorded as :data:`CHANGED`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from brygga.actor import current_actor
from brygga.store.database import Database
from brygga.store.tables import AuditEventRow, ConnectionRow

__all__ = [
    "CHANGED",
    "AuditEvent",
    "AuditStore",
    "connection_summary",
    "is_secret_setting",
    "record",
]

CHANGED = "changed"  # what a secret's change is recorded as: never its value
# Setting keys whose values are secrets (the admin password's hash, the session key, SMTP passwords, webhook keys).
_SECRET_KEY = re.compile(r"password|passw|secret|token|api_?key|webhook_key|signing|(^|[._])key$|^web\.", re.I)


@dataclass(frozen=True)
class AuditEvent:
    id: int
    at: datetime
    actor: str
    source: str
    subject: str
    key: str
    old_value: str | None
    new_value: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "source": self.source,
            "subject": self.subject,
            "key": self.key,
            "old_value": self.old_value,
            "new_value": self.new_value,
        }


def is_secret_setting(key: str) -> bool:
    return bool(_SECRET_KEY.search(key))


def record(
    session: Session,
    tenant: str,
    subject: str,
    key: str,
    old: str | None,
    new: str | None,
    *,
    secret: bool = False,
) -> bool:
    """Add the audit row of a change to ``session`` (the change's own transaction); nothing when ``old == new``.
    A ``secret`` is recorded as changed, without its values. ``True`` when a row was added."""
    if old == new:
        return False
    if secret:
        old, new = None, CHANGED
    actor = current_actor()
    session.add(
        AuditEventRow(
            tenant_id=tenant,
            at=datetime.now(UTC),
            actor=actor.name[:200],
            source=actor.source[:16],
            subject=subject,
            key=key[:200],
            old_value=old,
            new_value=new,
        )
    )
    return True


def connection_summary(row: ConnectionRow | None, *, secret_changed: bool = False, again: bool = False) -> str | None:
    """A connection as its audit shows it: where it points and its client id, never its secret or tokens (only
    that they changed: ``again`` is a connection saved over an existing one, whose tokens were replaced)."""
    if row is None:
        return None
    data: dict[str, str | None] = {"api_url": row.api_url, "auth_url": row.auth_url, "client_id": row.client_id}
    if secret_changed:
        data["client_secret"] = CHANGED
    if again:
        data["tokens"] = CHANGED
    return json.dumps(data, sort_keys=True)


class AuditStore:
    """One company's audit, newest first."""

    def __init__(self, db: Database, tenant: str) -> None:
        self.db = db
        self.tenant = tenant

    def events(self, limit: int = 50, offset: int = 0) -> list[AuditEvent]:
        with self.db.read() as session:
            rows = session.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.tenant_id == self.tenant)
                .order_by(AuditEventRow.at.desc(), AuditEventRow.id.desc())
                .limit(max(limit, 0))
                .offset(max(offset, 0))
            )
            return [AuditEvent(r.id, r.at, r.actor, r.source, r.subject, r.key, r.old_value, r.new_value) for r in rows]

    def count(self) -> int:
        with self.db.read() as session:
            query = select(func.count()).select_from(AuditEventRow).where(AuditEventRow.tenant_id == self.tenant)
            return int(session.scalar(query) or 0)
