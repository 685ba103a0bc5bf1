"""``brygga serve`` and ``brygga doctor``."""

from __future__ import annotations

from typing import Annotated

import typer

from brygga.cli.common import JsonOpt, app, console, open_cli_store, print_json, run, t

__all__ = ["doctor", "serve"]


@app.command(
    company=False,
    help=t(
        "Starta webbappen (Dataöverföring, Anslutningar, Orderinkorg) och orderinkorgen POST /api/orders. "
        "Utan administratörslösenord lyssnar den bara på 127.0.0.1; lösenordet sätts i webbläsaren vid första start.",
        "Start the web app (data transfer, connections, order inbox) and the order intake POST /api/orders. "
        "Without an admin password it listens on 127.0.0.1 only; the password is chosen in the browser at first start.",
    ),
)
def serve(
    host: Annotated[str, typer.Option(help=t("Adress att lyssna på", "Address to listen on"))] = "127.0.0.1",
    port: Annotated[int, typer.Option(help=t("Port att lyssna på", "Port to listen on"))] = 8000,
) -> None:
    from brygga.config import Settings
    from brygga.web.serve import serve as run_server

    run_server(Settings(), host, port)


@app.command(
    help=t(
        "Checklista igångkörning: kontrollerar båda systemen och inställningarna (rule O11).",
        "Pre-flight check: checks both systems and the settings (rule O11).",
    )
)
def doctor(as_json: JsonOpt = False) -> None:
    from brygga.doctor import render_doctor, run_doctor

    settings, store = open_cli_store()
    report = run(run_doctor(store, settings))
    if as_json:
        print_json(report.to_json())
    else:
        render_doctor(report, console)
    if not report.ok:
        raise typer.Exit(1)
