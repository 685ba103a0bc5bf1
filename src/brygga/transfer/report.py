"""The result of a run: counts and state per category (rule X1), failures (X2) and skipped objects with their
reasons (I7, C1), API calls, as JSON. The terminal and the web page render it (``brygga.report_text``, web)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from brygga.categories import CATEGORY_LABELS
from brygga.transfer.outcome import Action, ObjectOutcome, Outcome

__all__ = ["CATEGORY_LABELS", "WOULD_ACTIONS", "CategoryReport", "RunReport", "RunState"]


# What a dry run says would happen, in this order; "unchanged" is what is already linked and needs nothing.
WOULD_ACTIONS = ("create", "update", "link", "skip", "reject", "unchanged")

RunState = Literal["ok", "partial", "failed", "nothing"]


@dataclass
class CategoryReport:
    category: str
    outcomes: list[ObjectOutcome] = field(default_factory=list)
    api_calls: dict[str, int] = field(default_factory=lambda: {"eekonomi": 0, "severa": 0})
    notices: list[str] = field(default_factory=list)
    planned_only: bool = False
    already_linked: int = 0  # objects linked before this run, whether or not they changed: the part in sync

    def count(self, outcome: Outcome) -> int:
        return sum(1 for item in self.outcomes if item.outcome is outcome)

    @property
    def failed(self) -> list[ObjectOutcome]:
        return [item for item in self.outcomes if item.outcome is Outcome.FAILED]

    @property
    def skipped(self) -> list[ObjectOutcome]:
        return [item for item in self.outcomes if item.outcome is Outcome.SKIPPED]

    @property
    def stopped(self) -> ObjectOutcome | None:
        """The failure that stopped the whole category (no connection, a settings problem, an outage), if any."""
        return next((item for item in self.failed if item.is_run_level), None)

    @property
    def state(self) -> RunState:
        """Partly done ("partial", "Delvis klar") when some objects failed while others got through or were
        already in sync; "failed" when the category stopped as a whole, or all it tried failed and nothing is in
        sync; "nothing" when there was nothing to transfer."""
        if self.count(Outcome.FAILED):
            if self.stopped is None and (self.count(Outcome.SUCCEEDED) or self.already_linked):
                return "partial"
            return "failed"
        return "ok" if self.count(Outcome.SUCCEEDED) or self.count(Outcome.SKIPPED) else "nothing"

    def would_counts(self) -> dict[str, int]:
        """A dry run's plan in figures: n would be created, updated, linked, skipped, rejected; n unchanged."""
        counts = dict.fromkeys(WOULD_ACTIONS, 0)
        for item in self.outcomes:
            if item.is_run_level:
                continue
            if item.outcome is Outcome.FAILED:
                counts["reject"] += 1
            elif item.action is Action.NONE or item.outcome is Outcome.UNCHANGED:
                counts["unchanged"] += 1
            else:
                counts[item.action.value] += 1
        # Linked before this run and not about to be written: the rest of the register, untouched.
        counts["unchanged"] = max(counts["unchanged"], self.already_linked - counts["update"])
        return counts

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "state": self.state,
            "succeeded": self.count(Outcome.SUCCEEDED),
            "failed": self.count(Outcome.FAILED),
            "skipped": self.count(Outcome.SKIPPED),
            "api_calls": dict(self.api_calls),
        }
        if self.planned_only:
            data["would"] = self.would_counts()
            data["plan"] = [
                {"direction": o.direction, "object": o.key, "name": o.name, "action": o.action.value}
                for o in self.outcomes
                if o.action is not Action.NONE and o.outcome is not Outcome.UNCHANGED
            ]
        return data


@dataclass
class RunReport:
    run_id: int | None
    dry_run: bool
    categories: dict[str, CategoryReport] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(not report.failed for report in self.categories.values())

    @property
    def state(self) -> RunState:
        """The whole run: "ok", "partial" when something failed but something else got through, "failed"."""
        states = [report.state for report in self.categories.values()]
        if "failed" in states or "partial" in states:
            clean = any(state in ("ok", "partial") for state in states)
            return "partial" if clean else "failed"
        return "ok" if "ok" in states else "nothing"

    def errors(self) -> list[ObjectOutcome]:
        """Failures in category order, then by direction and object, so two runs list them alike."""
        return [item for report in self.categories.values() for item in _sorted(report.failed)]

    def skipped(self) -> list[ObjectOutcome]:
        return [item for report in self.categories.values() for item in _sorted(report.skipped)]

    def to_json(self, lang: str = "sv") -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "dry_run": self.dry_run,
            "state": self.state,
            "categories": {name: report.to_json() for name, report in self.categories.items()},
            "errors": [_item_json(item, lang, "message") for item in self.errors()],
            "skipped": [_item_json(item, lang, "reason") for item in self.skipped()],
        }


def _sorted(items: list[ObjectOutcome]) -> list[ObjectOutcome]:
    return sorted(items, key=lambda o: (o.direction, o.key, o.name))


def _item_json(item: ObjectOutcome, lang: str, text_key: str) -> dict[str, Any]:
    return {
        "category": item.category,
        "object": item.key or None,
        "name": item.name,
        "direction": item.direction or None,
        "rule": item.rule_id,
        text_key: item.headline(lang),
        "detail": item.detail(lang),
        "hint": item.hint_in(lang),
    }
