"""Run history and per-object outcomes (the error log)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sqlalchemy import Select, desc, func, insert, select, update
from sqlalchemy.orm import Session

from brygga.errors import StateError
from brygga.field_changes import FieldChange, changes_from_json, changes_to_json
from brygga.store.database import Database
from brygga.store.status import touch
from brygga.store.tables import LinkRow, RunItemRow, RunRow
from brygga.wording import Worded

__all__ = ["CategoryRun", "ItemRecord", "RunStore", "record_of"]

ITEM_CHUNK = 1000  # run items per bulk insert

# How far back the page looks for each category's last run; older runs are history, not "the last transfer".
_LAST_RUN_HORIZON = 500


@dataclass(frozen=True)
class ItemRecord(Worded):
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
    title: str | None = None
    title_en: str | None = None
    run_id: int | None = None
    changes: tuple[FieldChange, ...] = ()  # an update's fields, old -> new (the object history)
    pm_id: str | None = None  # the object's id in Visma PM and in Visma eEkonomi, as far as the run knew them
    eek_id: str | None = None


@dataclass(frozen=True)
class CategoryRun:
    """A category's newest real run: when, in what state, and how many objects ended how."""

    category: str
    run_id: int
    started_at: datetime
    finished_at: datetime | None
    status: str  # "running", "ok", "partial", "failed", "interrupted"
    counts: dict[str, int] = field(default_factory=dict)  # "succeeded", "failed", "skipped", "unchanged"
    linked: int = 0  # objects of the category linked now, by this run or earlier ones: the part in sync


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
            touch(session, self.tenant)  # the overview's summary (brygga.store.status)
            return row.id

    def add_items(self, run_id: int, items: Iterable[ItemRecord]) -> None:
        """One bulk insert per 1,000 items, taken from ``items`` as they come: no ORM object per item and no
        list of all of them, so a 100,000-object run stays flat."""
        rest = iter(items)
        with self.db.transaction() as session:
            self._own_run(session, run_id)
            while chunk := [self._item_row(run_id, i) for i in islice(rest, ITEM_CHUNK)]:
                session.execute(insert(RunItemRow), chunk)

    def _item_row(self, run_id: int, item: ItemRecord) -> dict[str, Any]:
        return {
            "run_id": run_id,
            "tenant_id": self.tenant,
            "category": item.category,
            "direction": item.direction,
            "object_key": item.object_key[:100],
            "object_name": item.object_name[:300],
            "action": item.action,
            "outcome": item.outcome,
            "rule_id": item.rule_id,
            "message": item.message,
            "hint": item.hint,
            "hint_en": item.hint_en,
            "title": item.title or None,
            "title_en": item.title_en or None,
            "at": item.at or datetime.now(UTC),
            "changes": changes_to_json(item.changes),
            "pm_id": (item.pm_id or None) and item.pm_id[:100],
            "eek_id": (item.eek_id or None) and item.eek_id[:100],
        }

    def finish(self, run_id: int, status: str, summary: str) -> None:
        with self.db.transaction() as session:
            row = self._own_run(session, run_id)
            if row is not None:
                row.status = status
                row.summary = summary
                row.finished_at = datetime.now(UTC)
                touch(session, self.tenant)

    def _own_run(self, session: Session, run_id: int) -> RunRow | None:
        """The run ``run_id`` of this company; another company's run is a ``StateError``, never touched (on
        PostgreSQL row-level security hides it, so a run not found is refused the same way)."""
        row = session.get(RunRow, run_id)
        if row is None or row.tenant_id != self.tenant:
            raise StateError(f"körning {run_id} hör inte till företaget {self.tenant}")
        return row

    def interrupt_stale(self, cause: str) -> int:
        """Runs still "running" while the caller holds the company's lease were left by a process that died:
        close them as "interrupted" with ``cause``. Returns how many were closed."""
        with self.db.transaction() as session:
            result = session.execute(
                update(RunRow)
                .where(RunRow.tenant_id == self.tenant, RunRow.status == "running")
                .values(status="interrupted", summary=cause, finished_at=datetime.now(UTC))
            )
            if getattr(result, "rowcount", 0):
                touch(session, self.tenant)
            return int(getattr(result, "rowcount", 0) or 0)

    def latest_failures(self) -> list[ItemRecord]:
        """Failures of the newest finished, non-dry run of each category: what is still wrong."""
        return self.latest_items(("failed",))

    def latest_items(self, outcomes: Sequence[str] = ("failed",), category: str | None = None) -> list[ItemRecord]:
        """What is still so: failures from the newest real run of each category (failed objects are tried again
        by every run, so that run has them all), and objects whose newest outcome in any real run is a skip (an
        incremental run does not look at a skipped object again until it changes, so its reason stays)."""
        wanted = list(outcomes)
        with self.db.read() as session:
            rows = []
            if set(wanted) - {"skipped"}:
                rows += list(session.scalars(self._newest_run_items([o for o in wanted if o != "skipped"], category)))
            if "skipped" in wanted:
                rows += list(session.scalars(self._newest_object_items("skipped", category)))
            rows.sort(key=lambda row: (row.category, row.id))
            return [record_of(row) for row in rows]

    def _real_items(self, category: str | None) -> Select[int]:
        query = (
            select(RunItemRow.id)
            .join(RunRow, RunRow.id == RunItemRow.run_id)
            .where(RunItemRow.tenant_id == self.tenant, RunRow.tenant_id == self.tenant, RunRow.dry_run.is_(False))
        )
        return query if category is None else query.where(RunItemRow.category == category)

    def _newest_run_items(self, outcomes: list[str], category: str | None) -> Select[RunItemRow]:
        latest = (
            select(RunItemRow.category, func.max(RunItemRow.run_id).label("run_id"))
            .where(RunItemRow.id.in_(self._real_items(category)))
            .group_by(RunItemRow.category)
            .subquery()
        )
        return (
            select(RunItemRow)
            .join(latest, (RunItemRow.category == latest.c.category) & (RunItemRow.run_id == latest.c.run_id))
            .where(RunItemRow.tenant_id == self.tenant, RunItemRow.outcome.in_(outcomes))
        )

    def _newest_object_items(self, outcome: str, category: str | None) -> Select[RunItemRow]:
        newest = (
            select(func.max(RunItemRow.id))
            .where(RunItemRow.id.in_(self._real_items(category)), RunItemRow.object_key != "")
            .group_by(RunItemRow.category, RunItemRow.direction, RunItemRow.object_key)
        )
        return select(RunItemRow).where(
            RunItemRow.tenant_id == self.tenant, RunItemRow.id.in_(newest), RunItemRow.outcome == outcome
        )

    def items_of_run(self, run_id: int, outcomes: Sequence[str] = ("failed",)) -> list[ItemRecord]:
        with self.db.read() as session:
            rows = session.scalars(
                select(RunItemRow)
                .where(
                    RunItemRow.tenant_id == self.tenant,
                    RunItemRow.run_id == run_id,
                    RunItemRow.outcome.in_(list(outcomes)),
                )
                .order_by(RunItemRow.category, RunItemRow.id)
            )
            return [record_of(row) for row in rows]

    def last_run_by_category(self) -> dict[str, CategoryRun]:
        """Each category's newest real run, with its counts; a category touched by another's run (customers
        sent first for invoices, rule I3) counts too."""
        with self.db.read() as session:
            runs = list(
                session.scalars(
                    select(RunRow)
                    .where(RunRow.tenant_id == self.tenant, RunRow.dry_run.is_(False))
                    .order_by(desc(RunRow.id))
                    .limit(_LAST_RUN_HORIZON)
                )
            )
            counts = _counts(session, self.tenant, [run.id for run in runs])
            linked = _link_counts(session, self.tenant)
        result: dict[str, CategoryRun] = {}
        for run in runs:
            per_category = counts.get(run.id, {})
            named = [c for c in run.categories.split(",") if c]
            for category in named + [c for c in per_category if c not in named]:
                if category in result:
                    continue
                numbers = per_category.get(category, {})
                result[category] = CategoryRun(
                    category,
                    run.id,
                    run.started_at,
                    run.finished_at,
                    _category_status(run.status, numbers, linked.get(category, 0)),
                    numbers,
                    linked.get(category, 0),
                )
        return result

    def history(self, limit: int = 10) -> list[tuple[int, str, str, datetime, str | None]]:
        with self.db.read() as session:
            rows = session.scalars(
                select(RunRow).where(RunRow.tenant_id == self.tenant).order_by(desc(RunRow.id)).limit(limit)
            )
            return [(r.id, r.categories, r.status, r.started_at, r.summary) for r in rows]


def record_of(row: RunItemRow) -> ItemRecord:
    """A stored run item as the record the error log, the reports and the object history read."""
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
        row.title,
        row.title_en,
        row.run_id,
        changes_from_json(row.changes),
        row.pm_id,
        row.eek_id,
    )


def _counts(session: Session, tenant: str, run_ids: list[int]) -> dict[int, dict[str, dict[str, int]]]:
    """run -> category -> outcome -> how many objects, in one query."""
    if not run_ids:
        return {}
    run_level = RunItemRow.object_key == ""
    rows = session.execute(
        select(RunItemRow.run_id, RunItemRow.category, RunItemRow.outcome, run_level, func.count())
        .where(RunItemRow.tenant_id == tenant, RunItemRow.run_id.in_(run_ids))
        .group_by(RunItemRow.run_id, RunItemRow.category, RunItemRow.outcome, run_level)
    )
    result: dict[int, dict[str, dict[str, int]]] = {}
    for run_id, category, outcome, whole_category, count in rows:
        counts = result.setdefault(run_id, {}).setdefault(category, {})
        counts[outcome] = counts.get(outcome, 0) + int(count)
        if whole_category and outcome == "failed":  # the category stopped as a whole (settings, connection, outage)
            counts["stopped"] = counts.get("stopped", 0) + int(count)
    return result


def _link_counts(session: Session, tenant: str) -> dict[str, int]:
    rows = session.execute(
        select(LinkRow.category, func.count()).where(LinkRow.tenant_id == tenant).group_by(LinkRow.category)
    )
    return {category: int(count) for category, count in rows}


def _category_status(run_status: str, counts: dict[str, int], linked: int) -> str:
    """One category's share of a run, judged as the run report does (``CategoryReport.state``): a run still
    going or cut off says so; failures with something transferred or in sync are "partial"."""
    if run_status in ("running", "interrupted"):
        return run_status
    if counts.get("failed"):
        return "partial" if not counts.get("stopped") and (counts.get("succeeded") or linked) else "failed"
    return "ok"
