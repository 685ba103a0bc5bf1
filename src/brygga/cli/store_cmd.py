"""``brygga store copy --to URL``: the whole store (every company) into another database, e.g. SQLite into
PostgreSQL (:mod:`brygga.store.copy`)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from brygga.cli.common import JsonOpt, _typer, app, console, open_cli_database, print_json, t

__all__ = ["store_app", "store_copy"]

store_app = _typer(
    t(
        "Databasen: kopiera den till en annan (t.ex. PostgreSQL).",
        "The database: copy it into another (e.g. PostgreSQL).",
    ),
    company=False,
)
app.add_typer(store_app, name="store")


@store_app.command(
    "copy",
    help=t(
        "Kopiera hela databasen (alla företag, kopplingar, historik, anslutningar) till en tom databas, t.ex. "
        "PostgreSQL. Målet uppdateras till brygga:s tabeller först, raderna räknas efteråt, källan ändras inte.",
        "Copy the whole database (every company, links, history, connections) into an empty database, e.g. "
        "PostgreSQL. The target gets brygga's tables first, the rows are counted afterwards, the source is not "
        "changed.",
    ),
)
def store_copy(
    to: Annotated[
        str,
        typer.Option(
            "--to",
            metavar="URL",
            help=t(
                "Måldatabasen som tabellernas ägare, t.ex. postgresql+psycopg://ägare:lösen@127.0.0.1:5432/brygga",
                "The target database as the tables' owner, e.g. postgresql+psycopg://owner:pw@127.0.0.1:5432/brygga",
            ),
        ),
    ],
    as_json: JsonOpt = False,
) -> None:
    from brygga.store.copy import copy_store

    _, db = open_cli_database()
    try:
        result = copy_store(db, to)
    finally:
        db.dispose()
    if as_json:
        print_json({"source": result.source, "target": result.target, "rows": result.rows, "total": result.total})
        return
    console.print(
        t(
            f"Kopierat från {escape(result.source)} till {escape(result.target)}: {result.total} rader, "
            "samma antal i varje tabell på båda sidor.",
            f"Copied from {escape(result.source)} to {escape(result.target)}: {result.total} rows, the same number "
            "in every table on both sides.",
        )
    )
    for table, count in result.rows.items():
        if count:
            console.print(f"  {escape(table)}: {count}")
    console.print(
        t(
            "Använd samma BRYGGA_SECRET_KEY (eller nyckelfilen) med den nya databasen: anslutningarnas hemligheter "
            "är kopierade krypterade. Sätt sedan BRYGGA_DB till programrollens adress och BRYGGA_DB_OWNER till "
            "ägarens (README, PostgreSQL).",
            "Use the same BRYGGA_SECRET_KEY (or key file) with the new database: the connections' secrets were "
            "copied encrypted. Then set BRYGGA_DB to the application role's address and BRYGGA_DB_OWNER to the "
            "owner's (README, PostgreSQL).",
        )
    )
