"""``brygga connect eekonomi|severa``: make a connection, saying where to log in and what went wrong."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from brygga.cli.common import connect_app, console, open_cli_store, run, t
from brygga.errors import ConfigError

__all__ = ["connect_eekonomi_cmd", "connect_severa_cmd"]


def announce_login(url: str, port: int) -> None:
    """Said before the wait, so that a login over SSH can be opened in a browser on another machine."""
    console.print(
        t(
            f"Logga in i webbläsaren och välj företag. Om ingen webbläsare öppnas, öppna den här adressen:\n"
            f"  {escape(url)}\n"
            f"brygga väntar på svaret på http://localhost:{port}/callback (port {port}; byt med --port). "
            "Avbryt med Ctrl+C.",
            f"Log in in the browser and choose the company. If no browser opens, open this address:\n"
            f"  {escape(url)}\n"
            f"brygga waits for the answer on http://localhost:{port}/callback (port {port}; change it with --port). "
            "Stop with Ctrl+C.",
        ),
        soft_wrap=True,  # the URL must stay one line to be copied
    )


@connect_app.command(
    "eekonomi",
    help=t(
        "Anslut Visma eEkonomi (OAuth2). Mot emulatorn sker det utan inloggning.",
        "Connect Visma eEkonomi (OAuth2). Against the emulator no login is needed.",
    ),
)
def connect_eekonomi_cmd(
    api_url: Annotated[str, typer.Option(help=t("t.ex.", "e.g.") + " https://eaccountingapi.vismaonline.com/v2")],
    auth_url: Annotated[str, typer.Option(help=t("t.ex.", "e.g.") + " https://identity.vismaonline.com")],
    client_id: Annotated[
        str | None, typer.Option(envvar="BRYGGA_EEK_CLIENT_ID", help=t("Klient-id från Visma", "Client id from Visma"))
    ] = None,
    client_secret: Annotated[
        str | None,
        typer.Option(
            envvar="BRYGGA_EEK_CLIENT_SECRET", help=t("Klienthemlighet från Visma", "Client secret from Visma")
        ),
    ] = None,
    port: Annotated[
        int,
        typer.Option(
            help=t(
                "Port för inloggningens återanrop (redirect URI http://localhost:PORT/callback)",
                "Port for the login's callback (redirect URI http://localhost:PORT/callback)",
            )
        ),
    ] = 8765,
) -> None:
    from brygga.connections import connect_eekonomi

    client_id, client_secret = _eek_client_credentials(auth_url, client_id, client_secret)
    settings, store = open_cli_store()
    company = run(
        connect_eekonomi(
            store,
            settings,
            api_url=api_url,
            auth_url=auth_url,
            client_id=client_id,
            client_secret=client_secret,
            port=port,
            announce=announce_login,
        )
    )
    console.print(f"[green]{t('Ansluten till Visma eEkonomi', 'Connected to Visma eEkonomi')}:[/] {escape(company)}")


def _eek_client_credentials(auth_url: str, client_id: str | None, secret: str | None) -> tuple[str, str]:
    """The emulator's public demo client on loopback; otherwise the client registered with Visma."""
    from brygga.connections import loopback_demo_client

    demo = loopback_demo_client(auth_url) if client_id is None and secret is None else None
    if demo is not None:
        return demo
    if not client_id:
        raise ConfigError(
            "Klient-id saknas för Visma eEkonomi.",
            hint="Ange --client-id (eller BRYGGA_EEK_CLIENT_ID) med klienten ni registrerat hos Visma; se README.",
            message_en="The client id for Visma eEkonomi is missing.",
            hint_en="Give --client-id (or BRYGGA_EEK_CLIENT_ID) with the client registered with Visma; see README.",
        )
    return client_id, secret or typer.prompt(t("Klienthemlighet", "Client secret"), hide_input=True)


@connect_app.command(
    "severa",
    help=t(
        "Anslut Visma PM (Severa REST API, klient-id och klienthemlighet).",
        "Connect Visma PM (Severa REST API, client id and client secret).",
    ),
)
def connect_severa_cmd(
    api_url: Annotated[str, typer.Option(help=t("t.ex.", "e.g.") + " https://api.severa.visma.com/rest-api")],
    client_id: Annotated[
        str,
        typer.Option(envvar="BRYGGA_SEVERA_CLIENT_ID", help=t("Klient-id från Visma PM", "Client id from Visma PM")),
    ],
    client_secret: Annotated[
        str,
        typer.Option(
            envvar="BRYGGA_SEVERA_CLIENT_SECRET",
            prompt=t("Klienthemlighet", "Client secret"),
            hide_input=True,
            show_default=False,
            help=t("Klienthemlighet från Visma PM", "Client secret from Visma PM"),
        ),
    ],
) -> None:
    from brygga.connections import connect_severa

    _, store = open_cli_store()
    run(connect_severa(store, api_url=api_url, client_id=client_id, client_secret=client_secret))
    console.print(f"[green]{t('Ansluten till Visma PM.', 'Connected to Visma PM.')}[/]")
