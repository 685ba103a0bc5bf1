"""What the pages read about past runs: the last run of each category (rule X3), the messages of failed and
skipped objects (X2, I7), and the run history, all from the run log (never from the cursors)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from brygga.store import ItemRecord, Store
from brygga.store.tables import RunItemRow
from brygga.transfer.runner import CATEGORIES
from brygga.web.i18n import category_label, counts_text, translator

__all__ = [
    "CategorySummary",
    "MessageRow",
    "RunLine",
    "category_summaries",
    "counts_line",
    "message_rows",
    "run_counts",
    "run_lines",
]


@dataclass(frozen=True)
class CategorySummary:
    """One line of Dataöverföring's table: a category and its last run (``state`` "never" when it has none)."""

    category: str
    state: str
    run_id: int | None = None
    started: datetime | None = None
    counts: dict[str, int] = field(default_factory=dict)
    linked: int = 0  # linked in both systems now, whatever the last run did

    @property
    def failed(self) -> int:
        return self.counts.get("failed", 0)

    @property
    def skipped(self) -> int:
        return self.counts.get("skipped", 0)


@dataclass(frozen=True)
class MessageRow:
    """A failed or skipped object as the pages show it: the headline and hint in the page's language, and the
    original's text (``detail``) and the rule for "Teknisk detalj"."""

    category: str
    object_key: str
    object_name: str
    outcome: str
    headline: str
    hint: str
    detail: str
    rule_id: str | None
    at: datetime | None
    run_id: int | None


@dataclass(frozen=True)
class RunLine:
    id: int
    categories: str
    state: str
    status: str
    started: datetime
    summary: str


def category_summaries(store: Store) -> list[CategorySummary]:
    """Every category in the page's order, with its last run from the run history."""
    last = store.runs.last_run_by_category()
    lines = []
    for category in CATEGORIES:
        run = last.get(category)
        if run is None:
            lines.append(CategorySummary(category, "never"))
        else:
            lines.append(
                CategorySummary(category, run.status, run.run_id, run.started_at, dict(run.counts), run.linked)
            )
    return lines


def message_rows(
    store: Store,
    lang: str,
    outcomes: Sequence[str] = ("failed",),
    *,
    category: str | None = None,
    run_id: int | None = None,
) -> list[MessageRow]:
    """Failed (or skipped) objects of one run, or (no run given) of the newest real run of each category."""
    wanted = tuple(outcomes)
    if run_id is not None:
        records = store.runs.items_of_run(run_id, wanted)
    else:
        records = store.runs.latest_items(wanted, category=category)
    return [_row(record, lang) for record in records if category is None or record.category == category]


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
        summary = "; ".join(counts_line(category, per_category.get(category, {}), lang) for category in shown)
        names = ", ".join(category_label(c, lang) for c in named)
        lines.append(RunLine(run_id, names, state, t(f"state.{state}"), started, summary))
    return lines


def counts_line(category: str, counts: dict[str, int], lang: str) -> str:
    """ "Kunder: 5 lyckades, 1 misslyckades, 2 hoppades över" (and the unchanged ones when there are any)."""
    return f"{category_label(category, lang)}: {counts_text(counts, lang)}"


def run_counts(store: Store, run_ids: list[int]) -> dict[int, dict[str, dict[str, int]]]:
    """run -> category -> outcome -> how many objects, read from the runs' items."""
    return _outcome_counts(store, run_ids)


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


def _row(record: ItemRecord, lang: str) -> MessageRow:
    return MessageRow(
        record.category,
        record.object_key,
        record.object_name,
        record.outcome,
        record.headline(lang),
        record.hint_in(lang),
        record.detail(lang),
        record.rule_id,
        record.at,
        record.run_id,
    )
