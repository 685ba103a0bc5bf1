"""``brygga overview``: every company at a glance (state, connections, last runs, next run, open alerts), paged."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from brygga.cli.common import LANG, JsonOpt, app, console, open_cli_database, print_json, t
from brygga.run_words import category_label

__all__ = ["overview"]


@app.command(
    "overview",
    company=False,
    help=t(
        "Översikt över alla företag: läge, anslutningar, senaste körning per kategori, nästa körning, öppna larm.",
        "Overview of every company: state, connections, last run per category, next run, open alerts.",
    ),
)
def overview(
    as_json_: JsonOpt = False,
    sort: Annotated[
        str, typer.Option("--sort", help=t("name, state, last_run eller next_run", "name, state, last_run or next_run"))
    ] = "name",
    filter_: Annotated[
        str,
        typer.Option(
            "--filter", help=t("all, attention, failing, paused eller ok", "all, attention, failing, paused or ok")
        ),
    ] = "all",
    search: Annotated[str, typer.Option("--search", help=t("Text i id eller namn", "Text in id or name"))] = "",
    page: Annotated[int, typer.Option("--page", min=1, help=t("Sida (50 företag per sida)", "Page (50 a page)"))] = 1,
) -> None:
    from brygga.overview import FILTERS, SORTS, Listing, overview_page
    from brygga.overview.words import COMPANY_STATES, as_json, connection_text, last_runs_text, next_run_text, pick

    if sort not in SORTS or filter_ not in FILTERS:
        raise typer.BadParameter(
            t(
                f"--sort: {', '.join(SORTS)}; --filter: {', '.join(FILTERS)}",
                f"--sort: {', '.join(SORTS)}; --filter: {', '.join(FILTERS)}",
            )
        )
    _, db = open_cli_database()
    try:
        result = overview_page(db, Listing.of(sort, filter_, search, page))
    finally:
        db.dispose()
    if as_json_:
        print_json(
            {
                "companies": [as_json(line, LANG) for line in result.lines],
                "total": result.total,
                "all_companies": result.companies,
                "page": result.listing.page,
                "pages": result.pages,
            }
        )
        return
    if not result.companies:
        console.print(
            t(
                "Inga företag ännu: lägg till ett med brygga companies add ID.",
                "No companies yet: add one with brygga companies add ID.",
            )
        )
        return
    table = Table(
        t("Företag", "Company"),
        t("Läge", "State"),
        t("Anslutningar", "Connections"),
        t("Senaste körning", "Last run"),
        t("Nästa körning", "Next run"),
        t("Öppna larm", "Open alerts"),
    )
    for line in result.lines:
        state = pick(COMPANY_STATES[line.state], LANG)
        if line.pause_reason is not None:
            state += f": {pick(line.pause_reason, LANG)}"
        table.add_row(
            escape(f"{line.name} ({line.id})"),
            escape(state),
            escape(connection_text(line, LANG)),
            escape("\n".join(last_runs_text(line, LANG))),
            escape(next_run_text(line, LANG)),
            escape(", ".join(category_label(c, LANG) for c in line.alerts) or "-"),
        )
    console.print(table)
    console.print(
        t(
            f"Sida {result.listing.page} av {result.pages}: {result.total} av {result.companies} företag.",
            f"Page {result.listing.page} of {result.pages}: {result.total} of {result.companies} companies.",
        )
    )
