"""The reconcile's store ("Avstämning", issue 17): runs, their findings, and what an interrupted run had done.

A run records per category that it is done (``progress``), with the findings of that category in the same commit,
so a run that is interrupted (Ctrl+C, a killed process) is continued by the next one for the same categories:
the categories already done are not read again.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from brygga.store.database import Database
from brygga.store.tables_reconcile import ReconcileFindingRow, ReconcileRunRow

__all__ = ["FINISHED", "Finding", "NewFinding", "ReconcileRun", "ReconcileStore"]

FINISHED = ("ok", "findings", "failed")
RESUMABLE = ("interrupted", "failed")
RESUME_WITHIN = timedelta(hours=24)  # an older run's done categories are too old to stand beside new reads


@dataclass(frozen=True)
class ReconcileRun:
    id: int
    started_at: datetime
    finished_at: datetime | None
    status: str  # "running", "ok" (no findings), "findings", "failed", "interrupted"
    categories: tuple[str, ...]
    objects_read: int
    api_reads: int
    trigger: str  # "cli", "web", "schedule"


@dataclass(frozen=True)
class Finding:
    id: int
    run_id: int
    category: str  # "customers", "articles", "projects", "invoices", "supplier_costs"
    kind: str  # "field_differs", "missing_in_eekonomi", "missing_in_pm", "remote_deleted", "totals_differ",
    # "cost_without_item", "item_without_cost", "duplicate_in_eekonomi"
    object_key: str  # the number a person knows: customer number, article number, invoice number
    object_name: str
    field: str | None
    pm_value: str | None
    eek_value: str | None
    changed_in: str | None  # "pm", "eekonomi" or None
    title: str
    title_en: str
    hint: str
    hint_en: str
    detail: str | None
    repair: str | None  # "relink", "repush" or None
    state: str  # "open", "repaired"


@dataclass(frozen=True)
class NewFinding:
    """A finding as the engine makes it, before it is stored; ``repair_ref`` holds what a repair needs (ids)."""

    category: str
    kind: str
    object_key: str
    object_name: str
    title: str
    title_en: str
    hint: str
    hint_en: str
    detail: str | None = None
    field: str | None = None
    pm_value: str | None = None
    eek_value: str | None = None
    changed_in: str | None = None
    repair: str | None = None
    repair_ref: dict[str, str] = dataclasses.field(default_factory=dict)


def _now() -> datetime:
    return datetime.now(UTC)


def _run(row: ReconcileRunRow) -> ReconcileRun:
    categories = tuple(c for c in row.categories.split(",") if c)
    return ReconcileRun(
        row.id, row.started_at, row.finished_at, row.status, categories, row.objects_read, row.api_reads, row.trigger
    )


def _finding(row: ReconcileFindingRow) -> Finding:
    return Finding(
        row.id,
        row.run_id,
        row.category,
        row.kind,
        row.object_key,
        row.object_name,
        row.field,
        row.pm_value,
        row.eek_value,
        row.changed_in,
        row.title,
        row.title_en,
        row.hint,
        row.hint_en,
        row.detail,
        row.repair,
        row.state,
    )


class ReconcileStore:
    def __init__(self, db: Database, tenant: str) -> None:
        self.db = db
        self.tenant = tenant

    # reading -------------------------------------------------------------------------------------
    def latest_run(self) -> ReconcileRun | None:
        with self.db.read() as session:
            row = session.scalar(self._runs().order_by(ReconcileRunRow.id.desc()).limit(1))
            return None if row is None else _run(row)

    def runs(self, limit: int = 20) -> list[ReconcileRun]:
        with self.db.read() as session:
            return [_run(r) for r in session.scalars(self._runs().order_by(ReconcileRunRow.id.desc()).limit(limit))]

    def findings(self, run_id: int) -> list[Finding]:
        with self.db.read() as session:
            rows = session.scalars(
                select(ReconcileFindingRow)
                .where(ReconcileFindingRow.tenant_id == self.tenant, ReconcileFindingRow.run_id == run_id)
                .order_by(ReconcileFindingRow.id)
            )
            return [_finding(r) for r in rows]

    def open_findings_count(self) -> int:
        """Open findings of the latest finished run (0 when there is none)."""
        with self.db.read() as session:
            run_id = session.scalar(
                self._runs()
                .with_only_columns(ReconcileRunRow.id)
                .where(ReconcileRunRow.status.in_(FINISHED))
                .order_by(ReconcileRunRow.id.desc())
                .limit(1)
            )
            if run_id is None:
                return 0
            count = session.scalar(
                select(func.count())
                .select_from(ReconcileFindingRow)
                .where(
                    ReconcileFindingRow.tenant_id == self.tenant,
                    ReconcileFindingRow.run_id == run_id,
                    ReconcileFindingRow.state == "open",
                )
            )
            return int(count or 0)

    def repair_ref(self, finding_id: int) -> dict[str, str]:
        with self.db.read() as session:
            row = session.get(ReconcileFindingRow, finding_id)
            if row is None or row.tenant_id != self.tenant or not row.repair_ref:
                return {}
            loaded: dict[str, str] = json.loads(row.repair_ref)
            return loaded

    def progress(self, run_id: int) -> dict[str, Any]:
        with self.db.read() as session:
            row = session.get(ReconcileRunRow, run_id)
            if row is None or row.tenant_id != self.tenant:
                return {}
            loaded: dict[str, Any] = json.loads(row.progress or "{}")
            return loaded

    # writing -------------------------------------------------------------------------------------
    def interrupt_stale(self) -> int:
        """Runs left "running" while the caller holds the company's lease were left by a process that died."""
        with self.db.transaction() as session:
            result = session.execute(
                update(ReconcileRunRow)
                .where(ReconcileRunRow.tenant_id == self.tenant, ReconcileRunRow.status == "running")
                .values(status="interrupted", finished_at=_now())
            )
            return int(getattr(result, "rowcount", 0) or 0)

    def start_or_resume(self, categories: Sequence[str], trigger: str) -> tuple[int, bool]:
        """The run to work in: the latest run when it was interrupted, or stopped by a system that could not be
        reached, with the same categories in the last day (continued: its done categories are skipped), else a new
        one. Returns ``(run id, resumed)``."""
        wanted = ",".join(categories)
        with self.db.transaction() as session:
            row = session.scalar(self._runs().order_by(ReconcileRunRow.id.desc()).limit(1))
            if (
                row is not None
                and row.status in RESUMABLE
                and row.categories == wanted
                and row.started_at > _now() - RESUME_WITHIN
            ):
                row.status = "running"
                row.finished_at = None
                row.trigger = trigger
                progress = json.loads(row.progress or "{}")
                progress.pop("not_checked", None)  # checked again now
                row.progress = json.dumps(progress, sort_keys=True)
                return row.id, True
            row = ReconcileRunRow(
                tenant_id=self.tenant,
                started_at=_now(),
                status="running",
                categories=wanted,
                objects_read=0,
                api_reads=0,
                trigger=trigger,
                progress="{}",
            )
            session.add(row)
            session.flush()
            return row.id, False

    def category_done(
        self, run_id: int, category: str, found: Sequence[NewFinding], *, objects_read: int, api_reads: int, pages: int
    ) -> None:
        """A category's findings and its "done" mark in one commit (what a continued run skips)."""
        with self.db.transaction() as session:
            row = session.get(ReconcileRunRow, run_id)
            if row is None or row.tenant_id != self.tenant:
                return
            progress = json.loads(row.progress or "{}")
            progress.setdefault("done", {})[category] = {"pages": pages, "objects": objects_read}
            row.progress = json.dumps(progress, sort_keys=True)
            row.objects_read += objects_read
            row.api_reads += api_reads
            session.add_all(self._finding_row(run_id, f) for f in found)

    def category_not_checked(self, run_id: int, category: str, message: str, message_en: str, api_reads: int) -> None:
        """A category that could not be checked (a setting missing): said in the run; a resume checks it again."""
        with self.db.transaction() as session:
            row = session.get(ReconcileRunRow, run_id)
            if row is None or row.tenant_id != self.tenant:
                return
            progress = json.loads(row.progress or "{}")
            progress.setdefault("not_checked", {})[category] = {"sv": message, "en": message_en}
            row.progress = json.dumps(progress, sort_keys=True)
            row.api_reads += api_reads

    def count_reads(self, run_id: int, api_reads: int) -> None:
        """Reads made outside a category (the company check)."""
        with self.db.transaction() as session:
            row = session.get(ReconcileRunRow, run_id)
            if row is not None and row.tenant_id == self.tenant:
                row.api_reads += api_reads

    def finish(self, run_id: int, status: str, error: str | None = None) -> None:
        with self.db.transaction() as session:
            row = session.get(ReconcileRunRow, run_id)
            if row is None or row.tenant_id != self.tenant:
                return
            if status == "ok" and self._has_findings(run_id):
                status = "findings"
            row.status = status
            row.finished_at = _now()
            row.error = error

    def mark_repaired(self, finding_id: int) -> None:
        with self.db.transaction() as session:
            session.execute(
                update(ReconcileFindingRow)
                .where(ReconcileFindingRow.tenant_id == self.tenant, ReconcileFindingRow.id == finding_id)
                .values(state="repaired")
            )

    # helpers -------------------------------------------------------------------------------------
    def _runs(self) -> Any:
        return select(ReconcileRunRow).where(ReconcileRunRow.tenant_id == self.tenant)

    def _has_findings(self, run_id: int) -> bool:
        with self.db.read() as session:
            count = session.scalar(
                select(func.count())
                .select_from(ReconcileFindingRow)
                .where(ReconcileFindingRow.tenant_id == self.tenant, ReconcileFindingRow.run_id == run_id)
            )
            return bool(count)

    def _finding_row(self, run_id: int, f: NewFinding) -> ReconcileFindingRow:
        return ReconcileFindingRow(
            tenant_id=self.tenant,
            run_id=run_id,
            category=f.category,
            kind=f.kind,
            object_key=f.object_key[:200],
            object_name=f.object_name[:500],
            field=f.field,
            pm_value=f.pm_value,
            eek_value=f.eek_value,
            changed_in=f.changed_in,
            title=f.title,
            title_en=f.title_en,
            hint=f.hint,
            hint_en=f.hint_en,
            detail=f.detail,
            repair=f.repair,
            repair_ref=json.dumps(f.repair_ref, sort_keys=True) if f.repair_ref else None,
            state="open",
        )
