"""What every command shares: the Typer apps, the console, the store, JSON output."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Coroutine
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from brygga.cli.click_texts import BryggaTyper
from brygga.cli.i18n import LANG, t
from brygga.config import Settings
from brygga.store import Store, open_store

__all__ = [
    "LANG",
    "JsonOpt",
    "VerboseOpt",
    "app",
    "connect_app",
    "console",
    "emulator_app",
    "open_cli_store",
    "orders_app",
    "print_json",
    "run",
    "settings_app",
    "t",
]

T = TypeVar("T")


def _typer(help_text: str, **extra: Any) -> typer.Typer:
    # No shell-completion options: their help is Typer's English, and nobody asked for them.
    return BryggaTyper(help=help_text, no_args_is_help=True, add_completion=False, **extra)


app = _typer(
    t("brygga: Visma PM och ordersystem <-> Visma eEkonomi.", "brygga: Visma PM and order systems <-> Visma eEkonomi."),
    pretty_exceptions_enable=False,
)
connect_app = _typer(t("Anslut Visma eEkonomi eller Visma PM.", "Connect Visma eEkonomi or Visma PM."))
settings_app = _typer(t("Visa eller ändra integrationens inställningar.", "Show or change the integration's settings."))
emulator_app = _typer(
    t("Starta en emulator av Visma eEkonomi eller Visma PM.", "Start an emulator of Visma eEkonomi or Visma PM.")
)
orders_app = _typer(
    t(
        "Orderinkorgen: order från GKS eller annat ordersystem.",
        "The order inbox: orders from GKS or another order system.",
    )
)
app.add_typer(connect_app, name="connect")
app.add_typer(settings_app, name="settings")
app.add_typer(emulator_app, name="emulator")
app.add_typer(orders_app, name="orders")

console = Console()

JsonOpt = Annotated[
    bool,
    typer.Option(
        "--json", help=t("Skriv ut ett JSON-objekt i stället för tabeller.", "Print one JSON object instead of tables.")
    ),
]
VerboseOpt = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        help=t(
            "Visa teknisk detalj: regel-id och den ursprungliga API-texten.",
            "Show technical detail: the rule id and the original API text.",
        ),
    ),
]


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def open_cli_store() -> tuple[Settings, Store]:
    settings = Settings()
    return settings, open_store(settings)


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
