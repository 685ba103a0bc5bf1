"""``brygga transfer CATEGORY… | --all``: nothing runs unless it was named; progress while it runs; the report."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from brygga.categories import CATEGORY_LABELS
from brygga.cli.common import CATEGORIES, LANG, JsonOpt, VerboseOpt, app, console, open_cli_store, print_json, run, t
from brygga.cli.dates import PERIODS, supplier_period
from brygga.cli.entry import report_interrupted
from brygga.errors import ConfigError

if TYPE_CHECKING:
    from brygga.config import Settings
    from brygga.store import Store
    from brygga.transfer.report import RunReport

__all__ = ["EXIT_USAGE", "category_list", "transfer"]

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def category_list() -> str:
    """``customers (Kunder), articles (Artiklar), …`` in the CLI's language, in the order --all runs them."""
    index = 1 if LANG == "en" else 0
    return ", ".join(f"{name} ({CATEGORY_LABELS.get(name, (name, name))[index]})" for name in CATEGORIES)


def _label(name: str) -> str:
    return CATEGORY_LABELS.get(name, (name, name))[1 if LANG == "en" else 0]


_HELP = (
    t(
        "Överför en eller flera kategorier, alltid i ordningen nedan. Utan kategori och utan --all körs inget. "
        "Avslutas med kod 1 om något objekt misslyckades.\n\nKategorier: ",
        "Transfer one or more categories, always in the order below. Without a category and without --all nothing "
        "runs. Exits with code 1 when an object failed.\n\nCategories: ",
    )
    + category_list()
)


@app.command(help=_HELP)
def transfer(
    ctx: typer.Context,
    categories: Annotated[
        list[str] | None,
        typer.Argument(help=t("Kategorier: ", "Categories: ") + ", ".join(CATEGORIES), show_default=False),
    ] = None,
    all_categories: Annotated[
        bool, typer.Option("--all", help=t("Alla kategorier i ordning", "All categories in order"))
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=t("Visa vad som skulle göras; skriv inget", "Show what would be done"))
    ] = False,
    failed_only: Annotated[
        bool,
        typer.Option(
            "--failed-only",
            help=t(
                "Försök bara igen med det som misslyckades i senaste körningen",
                "Retry only what failed in the latest run",
            ),
        ),
    ] = False,
    period: Annotated[
        str | None,
        typer.Option(help=t("Leverantörsfakturor: ", "Supplier invoices: ") + ", ".join(PERIODS) + " (S7)"),
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help=t("Leverantörsfakturor från (ÅÅÅÅ-MM-DD)", "From (YYYY-MM-DD)"))
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help=t("Leverantörsfakturor till (ÅÅÅÅ-MM-DD)", "To (YYYY-MM-DD)"))
    ] = None,
    as_json: JsonOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    chosen = _chosen(ctx, categories or [], all_categories)
    period_dates = supplier_period(period, date_from, date_to)
    settings, store = open_cli_store()
    if failed_only and not _anything_failed(store, chosen):
        console.print(
            t(
                f"Inget misslyckades i senaste körningen av {', '.join(map(_label, chosen))}: inget att försöka igen.",
                f"Nothing failed in the latest run of {', '.join(map(_label, chosen))}: nothing to retry.",
            )
        )
        return
    try:
        report = run(_run(store, settings, chosen, dry_run, failed_only, period_dates, quiet=as_json))
    except KeyboardInterrupt:
        report_interrupted()
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if as_json:
        print_json(report.to_json(settings.lang))
    else:
        from brygga.report_text import render_report

        render_report(report, console, lang=LANG, verbose=verbose)
    if not report.ok:
        raise typer.Exit(1)


def _chosen(ctx: typer.Context, categories: list[str], all_categories: bool) -> list[str]:
    """The categories to run: those named, or every one with --all; nothing named is a usage error (exit 2)."""
    if all_categories:
        return list(CATEGORIES)
    if not categories:
        typer.echo(ctx.get_usage(), err=True)
        typer.echo(
            t(
                "\nAnge vilka kategorier som ska överföras, eller --all för alla.\nKategorier: ",
                "\nName the categories to transfer, or --all for all of them.\nCategories: ",
            )
            + category_list(),
            err=True,
        )
        raise typer.Exit(EXIT_USAGE)
    unknown = [name for name in categories if name not in CATEGORIES]
    if unknown:
        raise ConfigError(
            f"Okänd kategori: {', '.join(unknown)}",
            hint=f"Välj bland: {category_list()}",
            message_en=f"Unknown category: {', '.join(unknown)}",
            hint_en=f"Choose from: {category_list()}",
        )
    return categories


def _anything_failed(store: Store, categories: list[str]) -> bool:
    return any(store.runs.latest_items(("failed",), category=name) for name in categories)


async def _run(
    store: Store,
    settings: Settings,
    chosen: list[str],
    dry_run: bool,
    failed_only: bool,
    period_dates: tuple[date, date] | None,
    *,
    quiet: bool,
) -> RunReport:
    from brygga.progress import progress_for
    from brygga.session import TransferSession

    session = TransferSession(store, settings)
    try:
        if quiet:  # --json: stdout is the JSON object, nothing else
            return await session.run(chosen, dry_run=dry_run, supplier_period=period_dates, failed_only=failed_only)
        with progress_for(console, LANG) as progress:
            return await session.run(
                chosen, dry_run=dry_run, progress=progress, supplier_period=period_dates, failed_only=failed_only
            )
    finally:
        await session.aclose()
