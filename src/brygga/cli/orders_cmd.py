"""``brygga orders import|api-key|api-keys``: the order inbox from the command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from brygga.cli.common import JsonOpt, console, open_cli_store, orders_app, print_json, t
from brygga.errors import ConfigError

__all__ = ["orders_api_key", "orders_api_keys", "orders_import"]


@orders_app.command(
    "import",
    help=t(
        "Läs in order från en fil. Ogiltiga order och rader rapporteras med radnummer; de giltiga sparas.",
        "Read orders from a file. Invalid orders and lines are reported with their line numbers; the valid ones "
        "are kept.",
    ),
)
def orders_import(
    path: Annotated[
        Path,
        typer.Argument(
            help=t(
                "JSON- eller CSV-fil med order (schema: docs/order-schema.md)",
                "JSON or CSV file of orders (schema: docs/order-schema.md)",
            )
        ),
    ],
    as_json: JsonOpt = False,
) -> None:
    from brygga.orders.commands import orders_import_command

    _, store = open_cli_store()
    report = orders_import_command(store, path)
    if as_json:
        print_json(report.to_json())
    else:
        style = "green" if report.ok else "yellow"
        console.print(f"[{style}]{t('Order från', 'Orders from')} {path.name}: {report.summary()}[/]")
        for line in report.errors:
            console.print(f"  ✗ {line}")
    if not report.ok:
        raise typer.Exit(1)


@orders_app.command(
    "api-key",
    help=t(
        "Skapa en ny API-nyckel för POST /api/orders. Den visas bara nu; spara den i ordersystemet.",
        "Create a new API key for POST /api/orders. It is shown only now; store it in the order system.",
    ),
)
def orders_api_key() -> None:
    from brygga.orders.api_keys import create_api_key

    _, store = open_cli_store()
    key = create_api_key(store)
    console.print(
        t(
            "Ny API-nyckel (visas bara en gång, skicka den i huvudet X-API-Key):",
            "New API key (shown only once, send it in the X-API-Key header):",
        )
    )
    sys.stdout.write(key + "\n")


@orders_app.command(
    "api-keys",
    help=t(
        "Visa orderintagets API-nycklar (id och när de skapades), eller återkalla en med --revoke ID.",
        "List the order intake's API keys (id and when created), or revoke one with --revoke ID.",
    ),
)
def orders_api_keys(
    revoke: Annotated[
        str | None, typer.Option(help=t("Återkalla nyckeln med detta id", "Revoke the key with this id"))
    ] = None,
) -> None:
    from brygga.orders.api_keys import list_api_keys, revoke_api_key

    _, store = open_cli_store()
    if revoke is not None:
        if not revoke_api_key(store, revoke):
            raise ConfigError(
                f"Ingen API-nyckel med id {revoke}.",
                hint="Se brygga orders api-keys för de som finns.",
                message_en=f"No API key with id {revoke}.",
                hint_en="See brygga orders api-keys for the keys there are.",
            )
        console.print(
            t(
                f"[green]Återkallad:[/] {revoke} (ordersystemet som använder den nekas från och med nu)",
                f"[green]Revoked:[/] {revoke} (the order system that uses it is refused from now on)",
            )
        )
        return
    keys = list_api_keys(store)
    if not keys:
        console.print(
            t(
                "Inga API-nycklar. Skapa en med: brygga orders api-key",
                "No API keys. Create one with: brygga orders api-key",
            )
        )
        return
    table = Table(title=t("API-nycklar för POST /api/orders", "API keys for POST /api/orders"))
    table.add_column("Id", no_wrap=True)
    table.add_column(t("Skapad", "Created"))
    for key in keys:
        table.add_row(key.key_id, key.created_at.strftime("%Y-%m-%d %H:%M"))
    console.print(table)
