"""``brygga doctor`` on the terminal: one table row per check (✓ / ! / ✗), then a one-line summary.

The table fits 80 columns: the symbol and title columns are narrow and fixed, the details column folds."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from brygga.doctor.results import CheckResult, DoctorReport, Lang, Status

__all__ = ["render_doctor"]

SYMBOLS = {Status.GREEN: "✓", Status.YELLOW: "!", Status.RED: "✗"}
HEADINGS = {
    "sv": ("Kontroll före start (brygga doctor)", "Kontroll", "Resultat och åtgärd"),
    "en": ("Pre-flight check (brygga doctor)", "Check", "Result and action"),
}
TITLE_WIDTH = 22


def _details(result: CheckResult, lang: Lang) -> Text:
    text = Text(result.found.pick(lang))
    action = result.action.pick(lang)
    if action:
        text.append("\n→ " + action, style="dim" if result.status is Status.GREEN else "bold")
    return text


def render_doctor(report: DoctorReport, console: Console, lang: Lang | None = None) -> None:
    chosen = lang or report.lang
    title, check_heading, details_heading = HEADINGS[chosen]
    table = Table(title=title, show_lines=True, expand=True)
    table.add_column("", width=1, no_wrap=True)
    table.add_column(check_heading, width=TITLE_WIDTH, overflow="fold")
    table.add_column(details_heading, ratio=1, overflow="fold")
    for result in report.results:
        style = result.status.value
        table.add_row(
            Text(SYMBOLS[result.status], style=f"bold {style}"),
            Text(result.title.pick(chosen), style=style),
            _details(result, chosen),
        )
    console.print(table)
    summary_style = "bold red" if not report.ok else "bold green"
    console.print(Text(report.summary(chosen), style=summary_style))
