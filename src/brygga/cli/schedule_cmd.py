"""``brygga schedule show|set|resume`` (``schedule now`` and ``brygga worker`` are in ``worker_cmd``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from brygga.calendar_se import STOCKHOLM
from brygga.cli.common import CATEGORIES, LANG, JsonOpt, _typer, app, console, open_cli_store, print_json, t
from brygga.errors import ConfigError
from brygga.run_words import category_label
from brygga.schedules.model import OFF, RECONCILE, WEEKLY_RECONCILE
from brygga.schedules.next_run import next_run
from brygga.schedules.syntax import FORMAT_EN, FORMAT_SV, parse_schedule
from brygga.schedules.words import describe

__all__ = ["schedule_app", "schedule_resume", "schedule_set", "schedule_show"]

schedule_app = _typer(
    t(
        "Schemalagda överföringar: när varje kategori körs av sig själv (med brygga worker).",
        "Scheduled transfers: when each category runs by itself (with brygga worker).",
    )
)
app.add_typer(schedule_app, name="schedule")


def _local(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


@schedule_app.command("show", help=t("Visa schemat och nästa körning per kategori.", "Show each category's schedule."))
def schedule_show(as_json: JsonOpt = False) -> None:
    _, store = open_cli_store()
    now = datetime.now(UTC)
    schedules = store.schedules.all()
    pause = store.schedules.paused()
    rows: list[dict[str, object]] = []
    shown: list[tuple[str, str, str]] = []
    connected = all(store.connections.get(system) is not None for system in ("eekonomi", "severa"))
    weekly = WEEKLY_RECONCILE if connected else OFF  # the weekly reconcile's default (brygga reconcile)
    for category in (*CATEGORIES, RECONCILE):
        schedule = schedules.get(category, weekly if category == RECONCILE else OFF)
        words, due = describe(schedule, LANG), _local(next_run(schedule, now))
        rows.append({"category": category, "schedule": schedule.to_json(), "words": words, "next_run": due or None})
        shown.append((category, words, due))
    if as_json:
        paused = (
            None if pause is None else {"reason": pause.reason, "reason_en": pause.reason_en, "at": pause.paused_at}
        )
        print_json({"company": store.tenant, "paused": paused, "categories": rows})
        return
    table = Table(title=t(f"Scheman för {store.tenant}", f"Schedules of {store.tenant}"))
    table.add_column(t("Kategori", "Category"))
    table.add_column(t("Schema", "Schedule"))
    table.add_column(t("Nästa körning", "Next run"), no_wrap=True)
    for category, words, due in shown:
        label = t("Avstämning", "Reconcile") if category == RECONCILE else category_label(category, LANG)
        table.add_row(f"{label} ({category})", escape(words), due or "-")
    console.print(table)
    if pause is not None:
        reason = pause.reason_en if LANG == "en" else pause.reason
        console.print(f"[bold yellow]{t('Pausat', 'Paused')}:[/] {escape(reason)}")
        console.print(
            t("Anslut igen och kör brygga schedule resume.", "Connect again, then run brygga schedule resume.")
        )


@schedule_app.command(
    "set",
    help=t(
        "Ändra schemat för en eller flera kategorier (kommaseparerade, eller all). " + FORMAT_SV,
        "Change the schedule of one or more categories (comma-separated, or all). " + FORMAT_EN,
    ),
)
def schedule_set(
    category: Annotated[str, typer.Argument(help=t("Kategori, t.ex. invoices eller customers,invoices", "Category"))],
    spec: Annotated[list[str], typer.Argument(help="off | every N | at 06:30,12:00", show_default=False)],
    start: Annotated[
        str | None, typer.Option("--from", help=t("Fönstrets början, t.ex. 07:00", "Window start"))
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help=t("Fönstrets slut, t.ex. 19:00", "Window end"))] = None,
    days: Annotated[str | None, typer.Option("--days", help=t("Veckodagar, t.ex. mon-fri", "Weekdays"))] = None,
    skip_holidays: Annotated[
        bool, typer.Option("--skip-holidays", help=t("Hoppa över helgdagar", "Skip Swedish public holidays"))
    ] = False,
    skip_eves: Annotated[
        bool,
        typer.Option("--skip-eves", help=t("Hoppa över midsommar-, jul- och nyårsafton", "Skip the three eves")),
    ] = False,
) -> None:
    names = list(CATEGORIES) if category.strip() == "all" else [c.strip() for c in category.split(",") if c.strip()]
    known = [*CATEGORIES, RECONCILE]  # reconcile: the weekly "Avstämning" (brygga reconcile), on by default
    unknown = [name for name in names if name not in known] or ([] if names else [category])
    if unknown:
        raise ConfigError(
            f"Okänd kategori: {', '.join(unknown)}",
            hint=f"Välj bland: {', '.join(known)} (eller all).",
            message_en=f"Unknown category: {', '.join(unknown)}",
            hint_en=f"Choose from: {', '.join(known)} (or all).",
        )
    schedule = parse_schedule(spec, start=start, end=end, days=days, skip_holidays=skip_holidays, skip_eves=skip_eves)
    _, store = open_cli_store()
    for name in names:
        store.schedules.set(name, schedule)
    due = next_run(schedule, datetime.now(UTC))
    console.print(f"[green]{t('Sparat', 'Saved')}:[/] {', '.join(names)}: {escape(describe(schedule, LANG))}")
    if due is not None:
        console.print(f"{t('Nästa körning', 'Next run')}: {_local(due)}")


@schedule_app.command("resume", help=t("Häv pausen efter en ny anslutning.", "Lift the pause after reconnecting."))
def schedule_resume() -> None:
    _, store = open_cli_store()
    if store.schedules.resume():
        console.print(t("Schemat körs igen.", "The schedule runs again."))
    else:
        console.print(t("Företaget var inte pausat.", "The company was not paused."))
