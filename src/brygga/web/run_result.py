"""The result box of one transfer started on the page (rule X1): per category what happened, or for a dry run
what would happen (X5), with the failed and skipped objects in the page's language."""

from __future__ import annotations

from dataclasses import dataclass, field

from brygga.transfer.outcome import Action, ObjectOutcome, Outcome
from brygga.transfer.report import CategoryReport, RunReport
from brygga.web.history import MessageRow

__all__ = ["CategoryResult", "box_state", "category_results", "message_of"]


@dataclass(frozen=True)
class CategoryResult:
    category: str
    state: str  # "ok" | "partial" | "failed" | "nothing"
    counts: dict[str, int]
    would: dict[str, int]
    api_calls: dict[str, int]
    notices: list[str]
    plan: list[ObjectOutcome] = field(default_factory=list)
    errors: list[MessageRow] = field(default_factory=list)
    skipped: list[MessageRow] = field(default_factory=list)


def category_results(report: RunReport | None, lang: str) -> list[CategoryResult]:
    if report is None:
        return []
    return [_result(name, category, lang) for name, category in report.categories.items()]


def box_state(report: RunReport | None, *, dry_run: bool) -> str:
    """The box's colour and word: a dry run is neutral whatever it found; a real run is done, partly done
    (some objects failed, others succeeded) or failed."""
    if dry_run:
        return "dry-run"
    return report.state if report is not None else "failed"


def message_of(item: ObjectOutcome, lang: str) -> MessageRow:
    return MessageRow(
        item.category,
        item.key,
        item.name,
        item.outcome.value,
        item.headline(lang),
        item.hint_in(lang),
        item.detail(lang),
        item.rule_id,
        None,
        None,
    )


def _result(name: str, category: CategoryReport, lang: str) -> CategoryResult:
    counts = {outcome.value: category.count(outcome) for outcome in Outcome}
    plan = [o for o in category.outcomes if o.action is not Action.NONE and o.outcome is not Outcome.UNCHANGED]
    return CategoryResult(
        name,
        category.state,
        counts,
        category.would_counts() if category.planned_only else {},
        dict(category.api_calls),
        list(category.notices),
        plan,
        [message_of(item, lang) for item in _in_order(category.failed)],
        [message_of(item, lang) for item in _in_order(category.skipped)],
    )


def _in_order(items: list[ObjectOutcome]) -> list[ObjectOutcome]:
    """By direction and object, as the report lists them, so two runs list them alike."""
    return sorted(items, key=lambda o: (o.direction, o.key, o.name))
