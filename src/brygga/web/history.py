"""What the pages read about past runs: the error list (rule X2), last transfer per category (X3), the runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from brygga.store import ItemRecord, Store
from brygga.store.tables import RunItemRow
from brygga.web.i18n import category_label, translator

__all__ = ["ErrorRow", "RunLine", "error_rows", "last_transfers", "run_lines"]


@dataclass(frozen=True)
class ErrorRow:
    category: str
    object_key: str
    object_name: str
    rule_id: str | None
    message: str
    hint: str
    at: datetime | None


@dataclass(frozen=True)
class RunLine:
    id: int
    categories: str
    status: str
    started: datetime
    summary: str


def error_rows(store: Store, lang: str, *, category: str | None = None, run_id: int | None = None) -> list[ErrorRow]:
    """Failures of one run, or (no run given) of the newest real run of each category; optionally one category."""
    records = _failures_of_run(store, run_id) if run_id is not None else store.runs.latest_failures()
    return [_row(record, lang) for record in records if category is None or record.category == category]


def last_transfers(store: Store) -> dict[str, dict[str, datetime]]:
    """category -> system -> when its changes were last read (the cursor a successful run moves)."""
    result: dict[str, dict[str, datetime]] = {}
    for (category, system), when in store.protocol.cursors().items():
        result.setdefault(category, {})[system] = when
    return result


def run_lines(store: Store, lang: str = "sv", limit: int = 20) -> list[RunLine]:
    """The newest runs, in the page's language: category names, state, and counts read from the run's items."""
    t = translator(lang)
    history = store.runs.history(limit)
    counts = _outcome_counts(store, [run_id for run_id, *_ in history])
    lines = []
    for run_id, categories, state, started, _stored_summary in history:
        named = [c for c in categories.split(",") if c]
        per_category = counts.get(run_id, {})
        shown = named + [c for c in per_category if c not in named]  # e.g. customers sent first for invoices (I3)
        summary = "; ".join(_counts_line(category, per_category.get(category, {}), lang) for category in shown)
        names = ", ".join(category_label(c, lang) for c in named)
        lines.append(RunLine(run_id, names, t(f"state.{state}"), started, summary))
    return lines


def _counts_line(category: str, counts: dict[str, int], lang: str) -> str:
    t = translator(lang)
    parts = (f"{counts.get(outcome, 0)} {t('transfer.' + outcome)}" for outcome in ("succeeded", "failed", "skipped"))
    return f"{category_label(category, lang)}: {', '.join(parts)}"


def _outcome_counts(store: Store, run_ids: list[int]) -> dict[int, dict[str, dict[str, int]]]:
    """run -> category -> outcome -> how many objects, in one query for all the runs shown."""
    if not run_ids:
        return {}
    with store.db.read() as session:
        rows = session.execute(
            select(RunItemRow.run_id, RunItemRow.category, RunItemRow.outcome, func.count())
            .where(RunItemRow.tenant_id == store.tenant, RunItemRow.run_id.in_(run_ids))
            .group_by(RunItemRow.run_id, RunItemRow.category, RunItemRow.outcome)
            .order_by(RunItemRow.run_id, func.min(RunItemRow.id))
        )
        result: dict[int, dict[str, dict[str, int]]] = {}
        for run_id, category, outcome, count in rows:
            result.setdefault(run_id, {}).setdefault(category, {})[outcome] = count
        return result


def _failures_of_run(store: Store, run_id: int) -> list[ItemRecord]:
    with store.db.read() as session:
        rows = session.scalars(
            select(RunItemRow)
            .where(RunItemRow.tenant_id == store.tenant, RunItemRow.run_id == run_id, RunItemRow.outcome == "failed")
            .order_by(RunItemRow.category, RunItemRow.id)
        )
        return [
            ItemRecord(
                r.category,
                r.direction,
                r.object_key,
                r.object_name,
                r.action,
                r.outcome,
                r.rule_id,
                r.message,
                r.hint,
                r.hint_en,
                r.at,
            )
            for r in rows
        ]


def _row(record: ItemRecord, lang: str) -> ErrorRow:
    hint = record.hint if lang == "sv" else (record.hint_en or record.hint)
    return ErrorRow(
        record.category,
        record.object_key,
        record.object_name,
        record.rule_id,
        record.message or "",
        hint or "",
        record.at,
    )
