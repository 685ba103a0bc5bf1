"""``brygga settings show|set``: the integration settings, full keys and empty values shown as empty."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from brygga.cli.common import LANG, JsonOpt, console, open_cli_store, print_json, run, settings_app, t
from brygga.errors import ConfigError

__all__ = ["settings_set", "settings_show", "shown_value"]


def shown_value(value: object) -> str:
    """What a setting's value looks like on screen: nothing for no value, never "None"."""
    return "" if value is None else str(value)


@settings_app.command("show", help=t("Visa inställningarna (S1–S8).", "Show the settings (S1–S8)."))
def settings_show(as_json: JsonOpt = False) -> None:
    from brygga.transfer.options import SETTING_HELP, TransferOptions

    _, store = open_cli_store()
    options = TransferOptions.from_store(store.settings.all())
    if as_json:
        print_json(options.model_dump(mode="json"))
        return
    # Keys are what `settings set` needs, so they are never cut: the key column does not wrap or shrink, and
    # only the description folds onto more lines.
    table = Table(title=t("Inställningar", "Settings"), show_lines=True)
    table.add_column(t("Nyckel", "Key"), no_wrap=True, min_width=max(len(k) for k in TransferOptions.model_fields))
    table.add_column(t("Värde", "Value"), overflow="fold")
    table.add_column(t("Beskrivning", "Description"), overflow="fold", ratio=1)
    index = 1 if LANG == "en" else 0
    for key, value in options.model_dump(mode="json").items():
        table.add_row(key, escape(shown_value(value)), escape(SETTING_HELP.get(key, ("", ""))[index]))
    console.print(table)


@settings_app.command(
    "set",
    help=t(
        "Ändra en inställning. Den kontrolleras mot båda systemen innan den sparas (rule S9).",
        "Change a setting. It is checked against both systems before it is saved (rule S9).",
    ),
)
def settings_set(
    key: Annotated[str, typer.Argument(help=t("Inställningens nyckel (se settings show)", "The setting's key"))],
    value: Annotated[str, typer.Argument(help=t("Nytt värde", "New value"))],
) -> None:
    from brygga.transfer.options import TransferOptions
    from brygga.transfer.settings_check import check_against_systems

    settings, store = open_cli_store()
    if key not in TransferOptions.model_fields:  # reserved keys (web password, X4 company) are not settings
        raise ConfigError(
            f"Okänd inställning: {key}",
            hint="Se brygga settings show för de inställningar som finns.",
            message_en=f"Unknown setting: {key}",
            hint_en="See brygga settings show for the settings there are.",
        )
    proposed = {**store.settings.all(), key: value}
    problems = TransferOptions.check(proposed) or run(check_against_systems(store, settings, proposed, changed={key}))
    if problems:
        raise ConfigError(
            "Inställningen sparades inte:\n- " + "\n- ".join(problems),
            message_en="The setting was not saved:\n- " + "\n- ".join(problems),
        )
    store.settings.set_many({key: value})
    console.print(f"[green]{t('Sparat', 'Saved')}:[/] {escape(key)} = {escape(value)}")
