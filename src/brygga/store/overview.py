"""The overview's reads: every company's connections, last run per category, schedules and pause, in one query.

``OverviewStore.companies`` lists the companies (the registry, which is not walled); ``OverviewStore.facts`` reads
everything else for a set of companies in **one** statement (a ``UNION ALL`` of small typed rows), inside a read-only
transaction that names exactly those companies (``brygga.store.across``). The number of queries a page costs does
not grow with the number of companies.

A category's last run is the newest real (not dry) run that names it. (``RunStore.last_run_by_category`` also counts
a category touched by another category's run, e.g. customers sent first for invoices; finding those would read every
company's whole run log, so the overview leaves them out.)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Integer,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.sql import CompoundSelect, column, table

from brygga.categories import CATEGORY_LABELS
from brygga.company_guard import LINKED_COMPANY_KEY
from brygga.errors import ConfigError
from brygga.schedules.model import Schedule
from brygga.store.across import OVERVIEW_POLICY, judge_companies, overview_tables, read_companies
from brygga.store.database import Database
from brygga.store.status import Judgement, listing_query, save_query
from brygga.store.tables import (
    AlertStateRow,
    CompanyRow,
    ConnectionRow,
    LinkRow,
    RunItemRow,
    RunRow,
    SchedulePauseRow,
    ScheduleRow,
    SettingRow,
    UtcDateTime,
)

__all__ = ["CompanyFacts", "Judgement", "LastRun", "Listed", "OverviewStore", "PolicyMissing"]


class PolicyMissing(ConfigError):
    """PostgreSQL without the overview's read policy (migration 0012 dropped by hand): the figures would be empty, so
    none are shown, and the user is told what to do."""

    def __init__(self, policy: str) -> None:
        super().__init__(
            f"Översikten kan inte läsa företagen: läsregeln {policy} saknas i databasen.",
            hint="Starta brygga en gång som databasens ägare (BRYGGA_DB_OWNER) så att migreringarna körs.",
            message_en=f"The overview cannot read the companies: the read policy {policy} is missing in the database.",
            hint_en="Start brygga once as the database's owner (BRYGGA_DB_OWNER) so that the migrations run.",
        )
        self.policy = policy


@dataclass(frozen=True)
class LastRun:
    category: str
    run_id: int
    status: str  # the run's own: running, ok, partial, failed, interrupted
    started_at: datetime
    finished_at: datetime | None
    counts: dict[str, int] = field(default_factory=dict)  # succeeded, failed, skipped, unchanged, stopped
    linked: bool = False  # the category has linked objects (in sync from earlier runs)


@dataclass
class CompanyFacts:
    id: str
    name: str
    connections: dict[str, tuple[bool, str | None]] = field(default_factory=dict)  # system -> (usable, company id)
    linked_company: str | None = None  # the eEkonomi company the links belong to (rule X4)
    pause: tuple[str, str, datetime] | None = None  # reason, reason_en, since
    schedules: dict[str, Schedule] = field(default_factory=dict)
    last_runs: dict[str, LastRun] = field(default_factory=dict)
    alerts: dict[str, tuple[str, int, datetime]] = field(
        default_factory=dict
    )  # open: category -> headline, count, since


@dataclass(frozen=True)
class Listed:
    """One page as the database sorted and filtered it (``brygga.store.status``)."""

    stale: dict[str, int]  # companies to judge again -> their ``changes``
    page: list[str]  # the page's company ids, in order
    total: int  # companies matching the filter


class OverviewStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def companies(self) -> list[tuple[str, str]]:
        """(id, name) of every company, by id (the registry is not walled: no company needs to be named)."""
        query = select(CompanyRow.tenant_id, CompanyRow.name).where(CompanyRow.tenant_id.not_like(r"\_%", escape="\\"))
        with self.db.read() as session:
            return [(str(i), str(n)) for i, n in session.execute(query.order_by(CompanyRow.tenant_id))]

    def listing(
        self,
        named: Sequence[str],
        ids: list[str] | None,
        sort: str,
        ranks: tuple[int, ...] | None,
        now: datetime,
        offset: int,
        limit: int,
    ) -> Listed:
        """A page of the companies ``ids`` (``None``: every company) sorted by ``sort``, with a state among ``ranks``
        (``None``: any), from one query; ``named`` are the companies the transaction may read (PostgreSQL)."""
        postgres = self.db.engine.dialect.name == "postgresql"
        with read_companies(self.db, named) as session:
            rows = session.execute(listing_query(ids, sort, ranks, now, offset, limit, postgres)).all()
        stale = {str(t): int(n) for kind, t, n in rows if kind == "stale"}
        page = [str(t) for _, t, _ in sorted((r for r in rows if r[0] == "page"), key=lambda r: int(r[2]))]
        total = next((int(n) for kind, _, n in rows if kind == "total"), 0)
        return Listed(stale, page, total)

    def save_statuses(self, judgements: Sequence[Judgement], now: datetime) -> None:
        """Store the companies' judgements (one statement)."""
        if judgements:
            with judge_companies(self.db, [j.tenant for j in judgements]) as session:
                save_query(session, judgements, now)

    def facts(self, companies: Sequence[tuple[str, str]]) -> list[CompanyFacts]:
        """The facts of ``companies`` ((id, name) pairs), in their order, from one query."""
        result = {company_id: CompanyFacts(company_id, name) for company_id, name in companies}
        if not result:
            return []
        ids = list(result)
        postgres = self.db.engine.dialect.name == "postgresql"
        with read_companies(self.db, ids) as session:
            rows = session.execute(_facts_query(ids, postgres)).all()
        counts: dict[tuple[str, str], dict[str, int]] = {}
        for kind, tenant, key, text1, text2, at1, at2, number, flag in rows:
            if kind == "policy":
                if int(number or 0) < len(overview_tables()):
                    raise PolicyMissing(OVERVIEW_POLICY)
                continue
            facts = result[tenant]
            if kind == "run":
                facts.last_runs[key] = LastRun(key, int(number), text1, at1, at2, {}, bool(flag))
            elif kind == "count":
                numbers = counts.setdefault((tenant, key), {})
                numbers[text1] = numbers.get(text1, 0) + int(number)
                if text2 == "run" and text1 == "failed":  # the category stopped as a whole
                    numbers["stopped"] = numbers.get("stopped", 0) + int(number)
            elif kind == "conn":
                facts.connections[key] = (bool(flag), text1)
            elif kind == "linked":
                facts.linked_company = text1 or None
            elif kind == "pause":
                facts.pause = (text1, text2, at1)
            elif kind == "alert":
                facts.alerts[key] = (text1, int(number or 0), at1)
            elif kind == "schedule":
                facts.schedules[key] = Schedule.from_json(json.loads(text1))
        for (tenant, category), numbers in counts.items():
            run = result[tenant].last_runs.get(category)
            if run is not None:
                run.counts.update(numbers)
        return [result[company_id] for company_id in ids]


_COLUMNS = ("kind", "tenant", "key", "text1", "text2", "at1", "at2", "number", "flag")


def _row(
    kind: str,
    tenant: Any,
    key: Any = None,
    text1: Any = None,
    text2: Any = None,
    at1: Any = None,
    at2: Any = None,
    number: Any = None,
    flag: Any = None,
) -> list[Any]:
    """One select's columns in the union's shape; missing ones are typed NULLs (PostgreSQL wants matching types)."""
    types: tuple[Any, ...] = (String, String, String, String, String, UtcDateTime, UtcDateTime, Integer, Boolean)
    values = (literal(kind, String()), tenant, key, text1, text2, at1, at2, number, flag)
    return [
        (cast(null(), kind_type()) if value is None else value).label(name)
        for value, kind_type, name in zip(values, types, _COLUMNS, strict=True)
    ]


def _facts_query(ids: list[str], postgres: bool) -> CompoundSelect[Any]:
    run, item = RunRow.__table__, RunItemRow.__table__
    categories = union_all(*[select(literal(name, String()).label("category")) for name in CATEGORY_LABELS]).cte("cats")
    named = ("," + run.c.categories + ",").like("%," + categories.c.category + ",%")
    latest = (
        select(run.c.tenant_id, categories.c.category, func.max(run.c.id).label("run_id"))
        .join(categories, named)
        .where(run.c.tenant_id.in_(ids), run.c.dry_run.is_(False))
        .group_by(run.c.tenant_id, categories.c.category)
        .cte("latest")
    )
    has_links = exists().where(LinkRow.tenant_id == latest.c.tenant_id, LinkRow.category == latest.c.category)
    runs = select(
        *_row(
            "run",
            latest.c.tenant_id,
            latest.c.category,
            run.c.status,
            None,
            run.c.started_at,
            run.c.finished_at,
            latest.c.run_id,
            has_links,
        )
    ).join(run, run.c.id == latest.c.run_id)
    level = case((item.c.object_key == "", "run"), else_="object")
    item_counts = (
        select(*_row("count", latest.c.tenant_id, latest.c.category, item.c.outcome, level, number=func.count()))
        .join(
            item,
            and_(
                item.c.tenant_id == latest.c.tenant_id,
                item.c.run_id == latest.c.run_id,
                item.c.category == latest.c.category,
            ),
        )
        .group_by(latest.c.tenant_id, latest.c.category, item.c.outcome, level)
    )
    usable = or_(ConnectionRow.tokens_enc.is_not(None), ConnectionRow.secret_enc.is_not(None))
    connections = select(
        *_row("conn", ConnectionRow.tenant_id, ConnectionRow.system, ConnectionRow.company_id, flag=usable)
    ).where(ConnectionRow.tenant_id.in_(ids))
    linked = select(*_row("linked", SettingRow.tenant_id, SettingRow.key, SettingRow.value)).where(
        SettingRow.tenant_id.in_(ids), SettingRow.key == LINKED_COMPANY_KEY
    )
    pauses = select(
        *_row(
            "pause",
            SchedulePauseRow.tenant_id,
            None,
            SchedulePauseRow.reason,
            SchedulePauseRow.reason_en,
            SchedulePauseRow.paused_at,
        )
    ).where(SchedulePauseRow.tenant_id.in_(ids))
    schedules = select(*_row("schedule", ScheduleRow.tenant_id, ScheduleRow.category, ScheduleRow.spec)).where(
        ScheduleRow.tenant_id.in_(ids)
    )
    alerts = select(
        *_row("alert", AlertStateRow.tenant_id, AlertStateRow.category, AlertStateRow.headline, None,
              AlertStateRow.since, number=AlertStateRow.failed_count)
    ).where(AlertStateRow.tenant_id.in_(ids), AlertStateRow.failing.is_(True))  # fmt: skip
    parts = [runs, item_counts, connections, linked, pauses, schedules, alerts]
    if postgres:  # one row saying whether the read policy is there (without it every figure would be empty)
        parts.append(select(*_row("policy", None, number=_policy_count())))
    return union_all(*parts)


def _policy_count() -> ColumnElement[int]:
    policies = table("pg_policies", column("policyname", String()))
    return select(func.count()).select_from(policies).where(policies.c.policyname == OVERVIEW_POLICY).scalar_subquery()
