"""``brygga report month``: the month-end report ("Månadsrapport") of a company: invoices transferred in the month
with Visma PM's and Visma eEkonomi's totals side by side, booked, paid, credit invoices skipped, orders turned into
drafts, open reconcile findings; in the terminal, as JSON, and written as CSV (Swedish Excel) and PDF."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from brygga.cli.common import LANG, JsonOpt, _typer, app, console, open_cli_store, print_json, run, t

if TYPE_CHECKING:
    from brygga.report import MonthReport

__all__ = ["month"]

report_app = _typer(t("Rapporter över överföringarna.", "Reports on the transfers."))
app.add_typer(report_app, name="report")

MonthOpt = Annotated[
    str | None,
    typer.Option(
        "--month",
        metavar="ÅÅÅÅ-MM",
        help=t(
            "Månaden, till exempel 2026-11 (standard: förra månaden, svensk tid).",
            "The month, for example 2026-11 (default: last month, Swedish time).",
        ),
        show_default=False,
    ),
]
CsvOpt = Annotated[
    Path | None,
    typer.Option(
        "--csv", metavar="FIL", help=t("Skriv rapporten som CSV (Excel).", "Write the report as CSV (Excel).")
    ),
]
PdfOpt = Annotated[
    Path | None, typer.Option("--pdf", metavar="FIL", help=t("Skriv rapporten som PDF.", "Write the report as PDF."))
]


@report_app.command(
    "month",
    help=t(
        "Månadsrapport: överförda fakturor med belopp i Visma PM och Visma eEkonomi sida vid sida, bokförda, "
        "betalda, kreditfakturor som hoppades över, order som blev utkast och öppna avvikelser.",
        "Month-end report: transferred invoices with amounts in Visma PM and Visma eEkonomi side by side, booked, "
        "paid, credit invoices skipped, orders turned into drafts and open findings.",
    ),
)
def month(month: MonthOpt = None, csv: CsvOpt = None, pdf: PdfOpt = None, as_json: JsonOpt = False) -> None:
    from brygga.report import Month, build_month_report
    from brygga.report.csv_out import to_csv
    from brygga.report.json_out import to_json

    chosen = Month.parse(month) if month else Month.previous(datetime.now(UTC))
    settings, store = open_cli_store()
    try:
        report = run(build_month_report(store, settings, chosen))
    finally:
        store.db.dispose()
    written = []
    if csv is not None:
        csv.write_bytes(to_csv(report, LANG))
        written.append(csv)
    if pdf is not None:
        from brygga.report.pdf_out import to_pdf  # reportlab: imported only when a PDF is asked for (CLI start-up)

        pdf.write_bytes(to_pdf(report, LANG))
        written.append(pdf)
    if as_json:
        print_json({**to_json(report, LANG), "written": [str(path) for path in written]})
        return
    _print(report)
    for path in written:
        console.print(t(f"Skrev {path}", f"Wrote {path}"))


def _print(report: MonthReport) -> None:
    from brygga.calendar_se import local_time
    from brygga.report.texts import findings_text, month_title, text

    console.print(
        f"[bold]{text('title', LANG)} {month_title(report.month, LANG)}[/] · {escape(report.company_name)} "
        f"({escape(report.company_id)}) · {text('generated', LANG)} {local_time(report.generated_at)}"
    )
    if report.future:
        console.print(text("future", LANG))
        return
    summary = Table(show_header=False, box=None)
    for key, value in (
        ("transferred", len(report.invoices)),
        ("booked", report.booked),
        ("paid", report.paid),
        ("differing", len(report.with_differences)),
        ("credit", len(report.credit_skipped)),
        ("orders", len(report.orders)),
        ("findings", findings_text(report, LANG)),
    ):
        style = "red" if key == "differing" and value else ""
        summary.add_row(text(key, LANG), f"[{style}]{value}[/]" if style else str(value))
    console.print(summary)
    if not report.invoices:
        console.print(text("empty", LANG))
        return
    console.print(_invoice_table(report))


def _invoice_table(report: MonthReport) -> Table:
    from brygga.report.texts import differences_text, money, state_text, text

    table = Table(title=text("invoices", LANG))
    amounts = ("col.gross_pm", "col.gross_eek", "col.vat_pm", "col.vat_eek")
    for key in ("col.pm_number", "col.customer", "col.currency", *amounts, "col.state", "col.difference"):
        table.add_column(
            text(key, LANG),
            justify="right" if key in amounts else "left",
            style="red" if key == "col.difference" else "",
        )
    for line in report.invoices:
        pm, eek = line.pm, line.eek
        table.add_row(
            line.pm_number,
            escape(line.customer),
            line.currency,
            money(pm.gross if pm else None),
            money(eek.gross if eek else None),
            money(pm.vat if pm else None),
            money(eek.vat if eek else None),
            state_text(line.eek_state, LANG),
            differences_text(line, LANG),
        )
    for totals in report.totals():
        table.add_row(
            f"{text('type.total', LANG)} ({totals.count})",
            "",
            totals.currency,
            money(totals.pm.gross),
            money(totals.eek.gross),
            money(totals.pm.vat),
            money(totals.eek.vat),
            "",
            ", ".join(text(f"diff.{name}", LANG) for name in totals.pm.differing(totals.eek)),
            style="bold",
        )
    return table
