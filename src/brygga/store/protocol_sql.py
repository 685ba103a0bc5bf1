"""The write protocol's statements, as Core SQL: one statement per batch instead of ORM objects per row.

A customer transfer spent most of its store time building and flushing ORM objects (issue 16's profile); these
statements do the same writes as the ORM code did, on SQLite and PostgreSQL alike (``INSERT … ON CONFLICT``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from brygga.store.tables import IntentRow, LinkRow

__all__ = ["close_creates", "linked_elsewhere", "own_intents", "upsert_intent", "upsert_links"]

_LINKS = cast(Table, LinkRow.__table__)
_INTENTS = cast(Table, IntentRow.__table__)
_IN_CHUNK = 500  # bound parameters per IN list: far below SQLite's and PostgreSQL's limits


def _insert_for(dialect: str, table: Table) -> Any:
    """The dialect's ``INSERT … ON CONFLICT`` (imported on first use: every CLI command loads this module)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def _insert(session: Session, table: Table) -> Any:
    return _insert_for(session.get_bind().dialect.name, table)


def _chunks(items: Sequence[Any]) -> list[Sequence[Any]]:
    return [items[start : start + _IN_CHUNK] for start in range(0, len(items), _IN_CHUNK)]


def upsert_links(
    session: Session, tenant: str, rows: Sequence[tuple[str, str, str, str | None, str | None]], now: datetime
) -> None:
    """Write links (category, pm_id, eek_id, pm_hash, eek_hash): new ones created, existing ones repointed."""
    if not rows:
        return
    values = [
        {
            "tenant_id": tenant,
            "category": category,
            "pm_id": pm_id,
            "eek_id": eek_id,
            "pm_hash": pm_hash,
            "eek_hash": eek_hash,
            "created_at": now,
            "updated_at": now,
        }
        for category, pm_id, eek_id, pm_hash, eek_hash in rows
    ]
    statement = _insert(session, _LINKS)
    excluded = statement.excluded
    statement = statement.on_conflict_do_update(
        index_elements=[_LINKS.c.tenant_id, _LINKS.c.category, _LINKS.c.pm_id],
        set_={
            "eek_id": excluded.eek_id,
            "pm_hash": excluded.pm_hash,
            "eek_hash": excluded.eek_hash,
            "updated_at": excluded.updated_at,
        },
    )
    session.execute(statement, values)


def linked_elsewhere(session: Session, tenant: str, category: str, pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Of the (pm_id, eek_id) pairs, the eEkonomi ids already linked to *another* PM object: eek_id -> pm_id."""
    found: dict[str, str] = {}
    wanted = {eek_id: pm_id for pm_id, eek_id in pairs}
    for chunk in _chunks(sorted(wanted)):
        rows = session.execute(
            select(_LINKS.c.eek_id, _LINKS.c.pm_id).where(
                _LINKS.c.tenant_id == tenant, _LINKS.c.category == category, _LINKS.c.eek_id.in_(chunk)
            )
        )
        found.update({eek_id: pm_id for eek_id, pm_id in rows if pm_id != wanted[eek_id]})
    return found


def own_intents(session: Session, tenant: str, intent_ids: Sequence[int]) -> set[int]:
    """Which of these intent ids are this company's (an id of another company's intent is refused, never closed)."""
    found: set[int] = set()
    for chunk in _chunks(sorted(set(intent_ids))):
        rows = session.execute(select(_INTENTS.c.id).where(_INTENTS.c.tenant_id == tenant, _INTENTS.c.id.in_(chunk)))
        found.update(int(row[0]) for row in rows)
    return found


def close_creates(
    session: Session,
    tenant: str,
    category: str,
    intent_ids: Sequence[int],
    pairs: Sequence[tuple[str, str]],
    now: datetime,
) -> None:
    """Mark done the given intents and every create still pending for either side of the linked pairs: once two
    objects are linked, nothing about creating them is uncertain any more (rule X6)."""
    for chunk in _chunks(list(intent_ids)):
        session.execute(
            update(_INTENTS)
            .where(_INTENTS.c.tenant_id == tenant, _INTENTS.c.id.in_(chunk))
            .values(state="done", updated_at=now)
        )
    pm_ids = sorted({pm_id for pm_id, _ in pairs})
    eek_ids = sorted({eek_id for _, eek_id in pairs})
    for target, ids in (("eekonomi", pm_ids), ("pm", eek_ids)):
        for chunk in _chunks(ids):
            session.execute(
                update(_INTENTS)
                .where(
                    _INTENTS.c.tenant_id == tenant,
                    _INTENTS.c.category == category,
                    _INTENTS.c.op == "create",
                    _INTENTS.c.state == "pending",
                    _INTENTS.c.target == target,
                    _INTENTS.c.source_id.in_(chunk),
                )
                .values(state="done", updated_at=now)
            )


def _intent_upsert(dialect: str) -> Any:
    """Built once per dialect: building the statement anew cost more than running it (issue 16's profile)."""
    inserting = _insert_for(dialect, _INTENTS).values(
        tenant_id=bindparam("tenant_id"),
        category=bindparam("category"),
        target=bindparam("target"),
        source_id=bindparam("source_id"),
        op=bindparam("op"),
        natural_key=bindparam("natural_key"),
        payload_hash=bindparam("payload_hash"),
        state="pending",
        attempts=1,
        created_at=bindparam("now", type_=_INTENTS.c.created_at.type),
        updated_at=bindparam("now", type_=_INTENTS.c.updated_at.type),
    )
    return inserting.on_conflict_do_update(
        index_elements=[
            _INTENTS.c.tenant_id,
            _INTENTS.c.category,
            _INTENTS.c.target,
            _INTENTS.c.source_id,
            _INTENTS.c.op,
        ],
        set_={
            "attempts": _INTENTS.c.attempts + 1,
            "state": "pending",
            "natural_key": inserting.excluded.natural_key,
            "payload_hash": inserting.excluded.payload_hash,
            "updated_at": inserting.excluded.updated_at,
        },
    ).returning(_INTENTS.c.id, _INTENTS.c.attempts)


_INTENT_UPSERTS: dict[str, Any] = {}


def upsert_intent(
    session: Session,
    tenant: str,
    key: tuple[str, str, str, str],
    natural_key: str,
    payload_hash: str,
    now: datetime,
) -> tuple[int, int]:
    """Open the create (category, target, source_id, op), or reopen it counting the attempt: (id, attempts)."""
    category, target, source_id, op = key
    connection = session.connection()
    dialect = "postgresql" if connection.dialect.name == "postgresql" else "sqlite"
    statement = _INTENT_UPSERTS.get(dialect)
    if statement is None:
        statement = _INTENT_UPSERTS[dialect] = _intent_upsert(dialect)
    row = connection.execute(
        statement,
        {
            "tenant_id": tenant,
            "category": category,
            "target": target,
            "source_id": source_id,
            "op": op,
            "natural_key": natural_key,
            "payload_hash": payload_hash,
            "now": now,
        },
    ).one()
    return int(row[0]), int(row[1])
