"""The result of a run: counts per category (rule X1), the error list (X2), API calls, as JSON or a Rich table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from brygga.transfer.outcome import Action, ObjectOutcome, Outcome

__all__ = ["CategoryReport", "RunReport", "render_report"]

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


def _summary_line(report: CategoryReport) -> Text:
    label = CATEGORY_LABELS.get(report.category, (report.category, report.category))[0]
    ok, failed, skipped = (report.count(o) for o in (Outcome.SUCCEEDED, Outcome.FAILED, Outcome.SKIPPED))
    style = "bold red" if failed else "bold green"
    calls = f"API-anrop: eEkonomi {report.api_calls['eekonomi']}, Visma PM {report.api_calls['severa']}"
    return Text(f"{label}: {ok} lyckades, {failed} misslyckades, {skipped} hoppades över  ({calls})", style=style)


def _plan_table(report: CategoryReport) -> Table:
    table = Table(title="Torrkörning: planerade ändringar", show_lines=False)
    for column in ("Riktning", "Objekt", "Namn", "Åtgärd"):
        table.add_column(column)
    for item in report.outcomes:
        if item.action is not Action.NONE:
            table.add_row(item.direction, item.key, item.name, item.action.value)
    return table


def _error_block(item: ObjectOutcome) -> Group:
    """One error as a block: readable at 80 columns, where a four-column table is not."""
    label = CATEGORY_LABELS.get(item.category, (item.category,))[0]
    rule = f" [{item.rule_id}]" if item.rule_id else ""
    lines = [
        Text(f"✗ {label} {item.key} {item.name}".rstrip() + rule, style="bold red"),
        Text.assemble(("  Fel: ", "bold"), item.message),
    ]
    if item.hint:
        lines.append(Text.assemble(("  Lösning: ", "bold"), item.hint))
    return Group(*lines)


def render_report(report: RunReport, console: Console) -> None:
    """The red or green box of the original ("3 lyckades, 1 misslyckades"), then the error list."""
    lines = [_summary_line(r) for r in report.categories.values()]
    for category in report.categories.values():
        lines.extend(Text(f"• {notice}", style="yellow") for notice in category.notices)
    title = "Torrkörning (inget skrevs)" if report.dry_run else f"Överföring #{report.run_id}"
    console.print(Panel(Group(*lines), title=title, border_style="green" if report.ok else "red"))
    if report.dry_run:
        for category in report.categories.values():
            console.print(_plan_table(category))
    errors = report.errors()
    if errors:
        console.print(Text("Felmeddelanden", style="bold underline"))
        for item in errors:
            console.print(_error_block(item))
