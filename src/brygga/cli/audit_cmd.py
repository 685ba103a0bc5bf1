"""``brygga audit``: the company's change log (who changed which setting, connection or schedule, and when),
newest first, in Swedish local time."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from brygga.cli.common import LANG, JsonOpt, app, console, open_cli_store, print_json, t

__all__ = ["audit"]

LimitOpt = Annotated[
    int,
    typer.Option("--limit", min=1, max=10_000, help=t("Högst så många ändringar.", "At most this many changes.")),
]


@app.command(
    "audit",
    help=t(
        "Visa ändringsloggen: vem ändrade vilken inställning, anslutning eller vilket schema, och när.",
        "Show the change log: who changed which setting, connection or schedule, and when.",
    ),
)
def audit(limit: LimitOpt = 50, as_json: JsonOpt = False) -> None:
    from brygga.audit_text import actor_text, event_text, local_time
    from brygga.store.audit import AuditStore

    settings, store = open_cli_store()
    try:
        events = AuditStore(store.db, store.tenant).events(limit)
    finally:
        store.db.dispose()
    if as_json:
        print_json(
            {
                "company": settings.tenant,
                "events": [
                    {**event.to_json(), "local_time": local_time(event.at), "text": event_text(event, LANG)}
                    for event in events
                ],
            }
        )
        return
    if not events:
        console.print(t("Inga ändringar ännu.", "No changes yet."))
        return
    table = Table(title=t(f"Ändringslogg för {settings.tenant}", f"Change log of {settings.tenant}"))
    table.add_column(t("När", "When"), no_wrap=True)
    table.add_column(t("Vem", "Who"), no_wrap=True)
    table.add_column(t("Vad", "What"), overflow="fold", ratio=1)
    for event in events:
        table.add_row(local_time(event.at), escape(actor_text(event, LANG)), escape(event_text(event, LANG)))
    console.print(table)
