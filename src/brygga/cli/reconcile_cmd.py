"""``brygga reconcile``: the full compare of Visma PM and Visma eEkonomi ("Avstämning"), its findings per category
with what to do, and the repairs brygga can make (``--repair``, shown first with ``--dry-run``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from brygga.cli.common import LANG, JsonOpt, VerboseOpt, app, console, open_cli_store, print_json, run, t
from brygga.cli.entry import EXIT_INTERRUPTED, report_interrupted

if TYPE_CHECKING:
    from brygga.config import Settings
    from brygga.reconcile import ReconcileResult
    from brygga.store import Store
    from brygga.store.reconcile import Finding

__all__ = ["EXIT_NOT_CHECKED", "reconcile"]

EXIT_NOT_CHECKED = 2  # no findings, but a category could not be checked (a setting is missing)

CATEGORY_LABELS = {
    "customers": ("Kunder", "Customers"),
    "articles": ("Artiklar", "Articles"),
    "projects": ("Projekt", "Projects"),
    "invoices": ("Fakturor", "Invoices"),
    "supplier_costs": ("Leverantörsfakturor", "Supplier invoices"),
}
RECONCILE_CATEGORIES = tuple(CATEGORY_LABELS)
"""``brygga.reconcile.RECONCILE_CATEGORIES`` without importing the reconcile engine when the CLI starts
(tests/cli/test_lazy_imports.py keeps the two equal)."""
STATUS_LABELS = {
    "ok": ("Inga avvikelser", "No findings"),
    "findings": ("Avvikelser hittades", "Findings"),
    "failed": ("Misslyckades", "Failed"),
    "interrupted": ("Avbruten", "Interrupted"),
    "running": ("Pågår", "Running"),
}
CHANGED_IN = {"pm": ("Visma PM", "Visma PM"), "eekonomi": ("Visma eEkonomi", "Visma eEkonomi")}


def _say(pair: tuple[str, str]) -> str:
    return pair[1] if LANG == "en" else pair[0]


_HELP = t(
    "Avstämning: läser båda systemen i sin helhet och rapporterar per kategori det som inte stämmer: fält som "
    "skiljer sig (och i vilket system de ändrades), objekt som saknas på andra sidan, kopplade objekt som tagits "
    "bort, fakturor vars belopp skiljer sig och leverantörsfakturarader utan projektkostnad. Avbruten körning "
    "fortsätter där den slutade. Slutkod 0: inga avvikelser, 1: avvikelser, 2: en kategori kunde inte "
    "kontrolleras (en inställning saknas).\n\nKategorier: ",
    "Reconcile: reads both systems whole and reports per category what does not agree: fields that differ (and in "
    "which system they were changed), objects missing on the other side, linked objects that were deleted, invoices "
    "whose amounts differ and supplier invoice rows without a project cost. An interrupted run continues where it "
    "stopped. Exit code 0: no findings, 1: findings, 2: a category could not be checked (a setting is missing)."
    "\n\nCategories: ",
) + ", ".join(RECONCILE_CATEGORIES)


@app.command(help=_HELP)
def reconcile(
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--category",
            metavar=t("KATEGORI", "CATEGORY"),
            help=t("Bara den här kategorin (kan upprepas): ", "Only this category (may be repeated): ")
            + ", ".join(RECONCILE_CATEGORIES),
            show_default=False,
        ),
    ] = None,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help=t(
                "Reparera det brygga kan reparera säkert (koppla om, skriv tillbaka huvudsystemets värde) genom "
                "överföringen",
                "Repair what brygga can repair safely (link again, write the master's value back) through the transfer",
            ),
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help=t(
                "Med --repair: visa vad som skulle repareras; skriv inget",
                "With --repair: show what would be repaired; write nothing",
            ),
        ),
    ] = False,
    as_json: JsonOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    from brygga.reconcile import choose_categories

    chosen = choose_categories(category)
    settings, store = open_cli_store()
    try:
        result = run(_run(store, settings, chosen, repair=repair, dry_run=dry_run))
    except KeyboardInterrupt:
        report_interrupted()
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        store.db.dispose()
    if as_json:
        print_json(result_json(result))
    else:
        _print(result, verbose=verbose)
    if result.open_findings:
        raise typer.Exit(1)
    if result.not_checked:
        raise typer.Exit(EXIT_NOT_CHECKED)


async def _run(
    store: Store, settings: Settings, chosen: tuple[str, ...], *, repair: bool, dry_run: bool
) -> ReconcileResult:
    from brygga.reconcile import run_reconcile
    from brygga.session import TransferSession

    session = TransferSession(store, settings)
    try:
        return await run_reconcile(session, chosen, trigger="cli", repair=repair, dry_run=dry_run)
    finally:
        await session.aclose()


def result_json(result: ReconcileResult) -> dict[str, Any]:
    en = LANG == "en"
    return {
        "run_id": result.run_id,
        "status": result.status,
        "categories": list(result.categories),
        "resumed": result.resumed,
        "objects_read": result.objects_read,
        "api_reads": result.api_reads,
        "open_findings": len(result.open_findings),
        "findings": [_finding_json(f, en) for f in result.findings],
        "repairs": [
            {
                "finding_id": r.finding_id,
                "repair": r.repair,
                "object_key": r.object_key,
                "applied": r.applied,
                "text": r.text_en if en else r.text,
                "error": r.error,
            }
            for r in result.repairs
        ],
        "dry_run": result.dry_run,
        "not_checked": {c: (en_text if en else sv) for c, (sv, en_text) in result.not_checked.items()},
    }


def _finding_json(f: Finding, en: bool) -> dict[str, Any]:
    return {
        "id": f.id,
        "category": f.category,
        "kind": f.kind,
        "object_key": f.object_key,
        "object_name": f.object_name,
        "field": f.field,
        "pm_value": f.pm_value,
        "eek_value": f.eek_value,
        "changed_in": f.changed_in,
        "title": f.title_en if en else f.title,
        "hint": f.hint_en if en else f.hint,
        "detail": f.detail,
        "repair": f.repair,
        "state": f.state,
    }


def _print(result: ReconcileResult, *, verbose: bool) -> None:
    status = _say(STATUS_LABELS.get(result.status, (result.status, result.status)))
    colour = "green" if not result.open_findings else "yellow"
    console.print(
        f"[bold {colour}]{escape(status)}[/]: "
        + t(
            f"{len(result.open_findings)} öppna avvikelser; {result.objects_read} objekt lästa med "
            f"{result.api_reads} API-anrop",
            f"{len(result.open_findings)} open findings; {result.objects_read} objects read with "
            f"{result.api_reads} API calls",
        )
    )
    if result.resumed:
        done = ", ".join(_say(CATEGORY_LABELS[c]) for c in result.skipped_done) or "-"
        console.print(
            t(
                f"Fortsatte en avbruten avstämning (redan klara: {done}).",
                f"Continued an interrupted run (done: {done}).",
            )
        )
    for category in result.categories:
        found = [f for f in result.findings if f.category == category]
        label = _say(CATEGORY_LABELS[category])
        if category in result.not_checked:
            why = _say(result.not_checked[category])
            console.print(f"[red]✗[/] {escape(label)}: " + t("kontrollerades inte: ", "not checked: ") + escape(why))
            continue
        if not found:
            console.print(f"[green]✓[/] {escape(label)}: " + t("stämmer", "agrees"))
            continue
        console.print(f"[yellow]![/] {escape(label)}: " + t(f"{len(found)} avvikelser", f"{len(found)} findings"))
        table = Table(show_header=True, header_style="bold", expand=False)
        table.add_column(t("Objekt", "Object"))
        table.add_column(t("Avvikelse och vad du gör", "Finding and what to do"))
        table.add_column(t("Visma PM", "Visma PM"))
        table.add_column(t("Visma eEkonomi", "Visma eEkonomi"))
        for f in found:
            table.add_row(*_row(f, verbose))
        console.print(table)
    if result.repairs:
        heading = (
            t("Reparationer (torrkörning)", "Repairs (dry run)") if result.dry_run else t("Reparationer", "Repairs")
        )
        console.print(f"[bold]{heading}[/]")
        for r in result.repairs:
            mark = "[green]✓[/]" if r.applied else ("[blue]→[/]" if result.dry_run else "[red]✗[/]")
            text = r.text_en if LANG == "en" else r.text
            console.print(f"{mark} {escape(text)}" + (f" ({escape(r.error)})" if r.error else ""))
    elif any(f.repair and f.state == "open" for f in result.findings):
        console.print(
            t(
                "Vissa avvikelser kan brygga reparera: brygga reconcile --repair --dry-run visar hur.",
                "brygga can repair some findings: brygga reconcile --repair --dry-run shows how.",
            )
        )


def _row(f: Finding, verbose: bool) -> tuple[str, str, str, str]:
    en = LANG == "en"
    title, hint = (f.title_en, f.hint_en) if en else (f.title, f.hint)
    text = f"[bold]{escape(title)}[/]\n{escape(hint)}"
    if f.changed_in:
        where = _say(CHANGED_IN.get(f.changed_in, (f.changed_in, f.changed_in)))
        text += "\n" + t(f"Ändrad i: {where}", f"Changed in: {where}")
    if f.state == "repaired":
        text += "\n[green]" + t("Reparerad", "Repaired") + "[/]"
    if verbose and f.detail:
        text += "\n[dim]" + t("Teknisk detalj: ", "Technical detail: ") + escape(f.detail) + "[/]"
    obj = escape(f"{f.object_key} {f.object_name}".strip())
    return obj, text, escape(f.pm_value or ""), escape(f.eek_value or "")
