"""``brygga demo``: the demo's three passes as three summaries, the open errors once, then the web app."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from brygga.cli.common import LANG, JsonOpt, VerboseOpt, app, console, print_json, run, t
from brygga.cli.entry import report_interrupted
from brygga.cli.results_cmd import in_category_order

if TYPE_CHECKING:  # the demo pulls in both emulators; only `brygga demo` should pay for that import
    from brygga.config import Settings
    from brygga.demo import DemoResult

__all__ = ["brygga_command", "demo"]

ERRORS_SHOWN = 8  # the rest is one command away: brygga errors


@app.command(
    company=False,
    help=t(
        "Kör allt mot två emulatorer med demodata: anslutningar, varje överföring, två gånger; starta sedan webbappen "
        "mot samma emulatorer (Ctrl+C avslutar).",
        "Run everything against two emulators with demo data: connections, every transfer, twice; then start the web "
        "app against the same emulators (Ctrl+C ends it).",
    ),
)
def demo(
    no_serve: Annotated[
        bool,
        typer.Option(
            "--no-serve",
            help=t("Avsluta efter rapporten i stället för att starta webbappen.", "End after the report."),
        ),
    ] = False,
    host: Annotated[str, typer.Option(help=t("Webbappens adress efter demon", "The web app's address"))] = "127.0.0.1",
    port: Annotated[int, typer.Option(help=t("Webbappens port efter demon", "The web app's port"))] = 8000,
    as_json: JsonOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    from brygga.config import Settings
    from brygga.demo import open_demo_store, run_demo
    from brygga.progress import progress_for
    from brygga.web.serve import serve_in_loop

    settings = Settings()
    if as_json:  # for programs: the report only, no server
        result = run(run_demo(settings))
        print_json(result.to_json(settings.lang))
        return
    console.print(
        t(
            "[bold]brygga demo[/]: startar emulatorer för Visma eEkonomi och Visma PM med demodata …",
            "[bold]brygga demo[/]: starting emulators of Visma eEkonomi and Visma PM with demo data …",
        )
    )
    with progress_for(console, LANG) as progress:

        async def report_then_serve(result: DemoResult) -> None:
            progress.stop()
            print_demo_report(result, settings, verbose=verbose)
            if not no_serve:
                print_serve_banner(result, host, port)
                await serve_in_loop(settings, open_demo_store, host, port)

        try:
            run(run_demo(settings, progress=progress, after=report_then_serve))
        except KeyboardInterrupt:
            if no_serve:
                report_interrupted()
                raise typer.Exit(130) from None
            console.print(t("Demon är avslutad.", "The demo has ended."))


def brygga_command(settings: Settings, database: Path | None, command: str) -> str:
    """The exact command line that shows the demo's database: ``BRYGGA_DATA_DIR=.brygga .venv/bin/brygga errors``."""
    from sqlalchemy import make_url

    from brygga.demo import DEMO_COMPANY, is_default_database, on_server

    if database is None and on_server(settings):  # the demo is the company "demo" on the database server
        env = f"BRYGGA_DB={make_url(settings.database_url()).render_as_string(hide_password=True)}"
        command = f"--company {DEMO_COMPANY} {command}"
    elif database is not None and not is_default_database(settings, database):
        env = f"BRYGGA_DB={database}"
    elif "BRYGGA_DATA_DIR" in os.environ:
        env = f"BRYGGA_DATA_DIR={os.environ['BRYGGA_DATA_DIR']}"
    else:
        env = ""
    program = sys.argv[0] if sys.argv and Path(sys.argv[0]).name == "brygga" else "brygga"
    if program != "brygga" and shutil.which("brygga") == str(Path(program).resolve()):
        program = "brygga"
    elif program != "brygga":
        program = os.path.relpath(program) if not program.startswith("..") else program
    return " ".join(part for part in (env, program, command) if part)


def print_demo_report(result: DemoResult, settings: Settings, *, verbose: bool = False) -> None:
    from brygga.report_text import render_summary

    console.print(
        t(
            f"Ansluten till Visma eEkonomi-företaget [bold]{escape(result.company)}[/] och Visma PM.",
            f"Connected to the Visma eEkonomi company [bold]{escape(result.company)}[/] and Visma PM.",
        )
    )
    render_summary(result.first, console, lang=LANG, title=t("1. Första överföringen", "1. First transfer"))
    console.print(
        t(
            "I Visma eEkonomi bokförs några utkast och en faktura betalas:",
            "In Visma eEkonomi some drafts are booked and one invoice is paid:",
        )
    )
    for line in result.booked:
        console.print(f"  • {t('faktura', 'invoice')} {escape(line)}")
    render_summary(
        result.status,
        console,
        lang=LANG,
        title=t(
            "2. Efter bokföringen: status och nummer tillbaka till PM", "2. After booking: status and numbers back"
        ),
    )
    render_summary(result.second, console, lang=LANG, title=t("3. En gång till (inget har ändrats)", "3. Once more"))
    style = "green" if result.second_write_calls == 0 else "red"
    console.print(
        f"[{style}]{t('Skrivande API-anrop i sista körningen', 'Write API calls in the last run')}: "
        f"{result.second_write_calls}[/]"
    )
    _print_open_items(result, settings, verbose=verbose)


def _print_open_items(result: DemoResult, settings: Settings, *, verbose: bool) -> None:
    """The errors once (as the last pass left them), a count of skipped objects, and the command for the rest."""
    from brygga.report_text import ItemLine, render_items

    lines = [
        ItemLine(r.category, r.object_key, r.object_name, r.rule_id, r.headline(LANG), r.detail(LANG), r.hint_in(LANG))
        for r in in_category_order(result.failed)
    ]
    render_items(console, lines[:ERRORS_SHOWN], LANG, failed=True, verbose=verbose)
    errors_command = brygga_command(settings, result.database, "errors")
    more = len(lines) - ERRORS_SHOWN
    if more > 0:
        console.print(t(f"… och {more} till.", f"… and {more} more."))
    if lines or result.skipped:
        console.print(
            t(
                f"Alla {len(lines)} fel och {len(result.skipped)} överhoppade objekt med skäl visar",
                f"All {len(lines)} errors and {len(result.skipped)} skipped objects with reasons are shown by",
            )
        )
        console.print(f"  [bold]{escape(errors_command)}[/]", soft_wrap=True)


def print_serve_banner(result: DemoResult, host: str, port: int) -> None:
    from brygga.config import Settings

    settings = Settings()
    status_command = brygga_command(settings, result.database, "status")
    console.print(
        t(
            f"\n[bold]Webbappen:[/] http://{host}:{port}/  (välj ett administratörslösenord vid första besöket)\n"
            f"  Emulatorerna, för Anslutningar: Visma eEkonomi API {result.eekonomi_url}/v2, inloggning "
            f"{result.eekonomi_url}; Visma PM {result.severa_url}\n"
            f"  Demons databas: {result.database}; kommandoraden ser den med t.ex.\n    {escape(status_command)}\n"
            "  Avsluta med Ctrl+C.",
            f"\n[bold]The web app:[/] http://{host}:{port}/  (choose an admin password at the first visit)\n"
            f"  The emulators, for Connections: Visma eEkonomi API {result.eekonomi_url}/v2, login "
            f"{result.eekonomi_url}; Visma PM {result.severa_url}\n"
            f"  The demo's database: {result.database}; the command line sees it with e.g.\n"
            f"    {escape(status_command)}\n"
            "  Stop with Ctrl+C.",
        ),
        soft_wrap=True,
    )
