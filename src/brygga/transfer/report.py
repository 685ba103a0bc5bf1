"""The result of a run: counts per category (rule X1), the error list (X2), API calls, as JSON or a Rich table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from brygga.transfer.outcome import Action, ObjectOutcome, Outcome

__all__ = ["CATEGORY_LABELS", "CategoryReport", "RunReport"]

CATEGORY_LABELS = {
    "customers": ("Kunder", "Customers"),
    "articles": ("Artiklar", "Articles"),
    "projects": ("Projekt", "Projects"),
    "invoices": ("Fakturor", "Invoices"),
    "invoice-status": ("Fakturastatus", "Invoice status"),
    "supplier-invoices": ("Leverantörsfakturor", "Supplier invoices"),
    "orders": ("Order", "Orders"),
}


@dataclass
class CategoryReport:
    category: str
    outcomes: list[ObjectOutcome] = field(default_factory=list)
    api_calls: dict[str, int] = field(default_factory=lambda: {"eekonomi": 0, "severa": 0})
    notices: list[str] = field(default_factory=list)
    planned_only: bool = False

    def count(self, outcome: Outcome) -> int:
        return sum(1 for item in self.outcomes if item.outcome is outcome)

    @property
    def failed(self) -> list[ObjectOutcome]:
        return [item for item in self.outcomes if item.outcome is Outcome.FAILED]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "succeeded": self.count(Outcome.SUCCEEDED),
            "failed": self.count(Outcome.FAILED),
            "skipped": self.count(Outcome.SKIPPED),
            "api_calls": dict(self.api_calls),
        }
        if self.planned_only:
            data["plan"] = [
                {"direction": o.direction, "object": o.key, "name": o.name, "action": o.action.value}
                for o in self.outcomes
                if o.action is not Action.NONE
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

    def errors(self) -> list[ObjectOutcome]:
        """Failures in category order, then by direction and object, so two runs list them alike."""
        return [
            item
            for report in self.categories.values()
            for item in sorted(report.failed, key=lambda o: (o.direction, o.key, o.name))
        ]

    def to_json(self, lang: str = "sv") -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "dry_run": self.dry_run,
            "categories": {name: report.to_json() for name, report in self.categories.items()},
            "errors": [
                {
                    "category": item.category,
                    "object": item.key,
                    "name": item.name,
                    "direction": item.direction,
                    "rule": item.rule_id,
                    "message": item.message,
                    "hint": item.hint if lang == "sv" else (item.hint_en or item.hint),
                }
                for item in self.errors()
            ],
        }
