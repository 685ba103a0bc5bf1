"""The run report as text for a terminal: the red or green box of the original (rule X1) and the error list."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from brygga.transfer.outcome import Action, ObjectOutcome, Outcome
from brygga.transfer.report import CATEGORY_LABELS, CategoryReport, RunReport

__all__ = ["render_report"]


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
