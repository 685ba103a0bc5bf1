"""The overview's per-company summary (``company_status``): marking a company's facts changed, saving judgements,
and one page of companies sorted and filtered in the database.

Writers of the facts a company's state is judged from call ``touch`` in their own transaction. The overview
(``brygga.overview.page``) asks ``OverviewStore.listing`` for a page: one statement answers which companies need
judging again (missing, changed since judged, next run passed) and, in the database's order, the page's companies
and how many match. It judges the stale ones with the same Python judgement as always (``save_statuses``, one
batch) and asks again. Open alerts are added when read (``alert_state`` is not touched): a state of ``ok`` or
``idle`` with an open alert reads as ``attention``, as ``brygga.overview.model`` judges it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, String, case, cast, exists, func, literal, null, or_, select, union_all
from sqlalchemy.orm import Session

from brygga.store.tables import AlertStateRow, CompanyRow, CompanyStatusRow

__all__ = ["ATTENTION_RANK", "Judgement", "listing_query", "save_query", "touch"]

_CHUNK = 1000  # rows per statement (SQLite allows 32,766 parameters, PostgreSQL 65,535)
ATTENTION_RANK = 2  # brygga.overview.STATES: failing 0, paused 1, attention 2, idle 3, ok 4


def _insert(session: Session) -> Any:
    # The dialect's own insert (for ON CONFLICT), imported when first written: reading a store needs neither.
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert
    from sqlalchemy.dialects import sqlite

    return sqlite.insert


def touch(session: Session, tenant: str) -> None:
    """The facts of ``tenant`` changed in this transaction: the overview judges it again when it next reads it."""
    statement = _insert(session)(CompanyStatusRow).values(tenant_id=tenant, changes=1, judged=-1)
    session.execute(
        statement.on_conflict_do_update(index_elements=["tenant_id"], set_={"changes": CompanyStatusRow.changes + 1})
    )


@dataclass(frozen=True)
class Judgement:
    tenant: str
    changes: int  # the ``changes`` value read before the facts were
    state: str  # without open alerts
    rank: int
    name: str
    last_run_at: datetime | None
    next_run_at: datetime | None


def save_query(session: Session, judgements: Sequence[Judgement], now: datetime) -> None:
    """Store ``judgements`` (a statement per 1,000); one touched meanwhile keeps ``changes`` ahead, stays stale."""
    rows = [
        {"tenant_id": j.tenant, "changes": j.changes, "judged": j.changes, "state": j.state, "state_rank": j.rank,
         "name": j.name, "sort_name": j.name.casefold(), "last_run_at": j.last_run_at, "next_run_at": j.next_run_at,
         "updated_at": now}
        for j in judgements
    ]  # fmt: skip
    for start in range(0, len(rows), _CHUNK):  # multi-row VALUES: an executemany upsert goes row by row
        insert = _insert(session)(CompanyStatusRow).values(rows[start : start + _CHUNK])
        statement = insert.on_conflict_do_update(
            index_elements=["tenant_id"],
            set_={
                column: insert.excluded[column]
                for column in (
                    "judged", "state", "state_rank", "name", "sort_name", "last_run_at", "next_run_at", "updated_at"
                )
            },
        )  # fmt: skip
        session.execute(statement)


def listing_query(
    ids: list[str] | None,
    sort: str,
    ranks: tuple[int, ...] | None,
    now: datetime,
    offset: int,
    limit: int,
    postgres: bool,
) -> Any:
    """Rows (kind, tenant, number): ``stale`` with its ``changes``; ``page`` in order with its place; ``total``."""
    company, status = CompanyRow.__table__, CompanyStatusRow.__table__
    joined = company.outerjoin(status, status.c.tenant_id == company.c.tenant_id)
    where: list[ColumnElement[bool]] = [company.c.tenant_id.not_like(r"\_%", escape="\\")]
    if ids is not None:
        where.append(company.c.tenant_id.in_(ids))
    stale = or_(
        status.c.tenant_id.is_(None),
        status.c.judged != status.c.changes,
        status.c.state_rank.is_(None),
        status.c.next_run_at <= now,
        status.c.updated_at > now,
        status.c.name != company.c.name,
    )
    alert = exists().where(AlertStateRow.tenant_id == company.c.tenant_id, AlertStateRow.failing.is_(True))
    rank = case((status.c.state_rank <= ATTENTION_RANK, status.c.state_rank), (alert, ATTENTION_RANK),
                else_=status.c.state_rank)  # fmt: skip
    kept = [*where, rank.in_(ranks)] if ranks is not None else where
    name = status.c.sort_name.collate("C") if postgres else status.c.sort_name
    keys: dict[str, list[Any]] = {
        "name": [],
        "state": [rank],
        "last_run": [status.c.last_run_at.asc().nulls_first()],
        "next_run": [status.c.next_run_at.asc().nulls_last()],
    }
    order = [*keys[sort], name, company.c.tenant_id]
    ordered = (
        select(company.c.tenant_id.label("tenant"), func.row_number().over(order_by=order).label("place"))
        .select_from(joined)
        .where(*kept)
        .order_by(*order)
        .offset(offset)
        .limit(limit)
        .subquery()
    )
    return union_all(
        select(literal("stale", String()).label("kind"), company.c.tenant_id.label("tenant"),
               func.coalesce(status.c.changes, 0).label("number")).select_from(joined).where(*where, stale),
        select(literal("page", String()), ordered.c.tenant, ordered.c.place),
        select(literal("total", String()), cast(null(), String), func.count()).select_from(joined).where(*kept),
    )  # fmt: skip
