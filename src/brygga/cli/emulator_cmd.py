"""``brygga emulator eekonomi|severa``: one emulator on its own, for trying brygga by hand."""

from __future__ import annotations

import gc
from typing import Annotated, Any

import typer

from brygga.cli.common import console, emulator_app, t
from brygga.errors import ConfigError

__all__ = ["emulator_eekonomi", "emulator_severa"]

EmuData = Annotated[
    str,
    typer.Option(
        help=t(
            "demo, empty eller bulk:N (eEkonomi även filled:N: N kunder och N artiklar från start)",
            "demo, empty or bulk:N (eEkonomi also filled:N: N customers and N articles from the start)",
        )
    ),
]
EmuDb = Annotated[
    str | None, typer.Option(help=t("SQLite-fil som behåller data mellan starter", "SQLite file that keeps the data"))
]
EmuFailRate = Annotated[
    float, typer.Option(help=t("Andel anrop som får 503 (0-1)", "Share of calls answered with 503 (0-1)"))
]
EmuLatency = Annotated[int, typer.Option(help=t("Fördröjning per anrop i ms", "Delay per call in ms"))]
EmuHost = Annotated[str, typer.Option(help=t("Adress att lyssna på", "Address to listen on"))]
EmuCompanies = Annotated[
    int,
    typer.Option(help=t("Antal företag, vart och ett med egna data", "Number of companies, each with its own data")),
]
EmuPort = Annotated[
    int,
    typer.Option(
        help=t("Port att lyssna på (0: en ledig port, som skrivs ut)", "Port to listen on (0: a free one, printed)")
    ),
]


@emulator_app.command(
    "eekonomi",
    help=t(
        "Emulator av Visma eEkonomi (eAccounting API v2) på http://HOST:PORT/v2. Med --companies N finns N "
        "företag: webbläsaren väljer i företagsväljaren, ett program med company=<nummer eller "
        "organisationsnummer> i /connect/authorize (utan: företag 1, Demo Konsult AB (sandbox)).",
        "Emulator of Visma eEkonomi (eAccounting API v2) at http://HOST:PORT/v2. With --companies N there are N "
        "companies: a browser chooses in the company picker, a program with company=<number or organisation "
        "number> on /connect/authorize (without it: company 1, Demo Konsult AB (sandbox)).",
    ),
)
def emulator_eekonomi(
    host: EmuHost = "127.0.0.1",
    port: EmuPort = 8080,
    data: EmuData = "demo",
    db: EmuDb = None,
    latency_ms: EmuLatency = 0,
    rate_limit: Annotated[
        int,
        typer.Option(
            help=t(
                "Anrop per minut och endpoint (eEkonomi: 600, 0 = ingen gräns)",
                "Calls a minute per endpoint (0 = no limit)",
            )
        ),
    ] = 600,
    fail_rate: EmuFailRate = 0.0,
    companies: EmuCompanies = 1,
) -> None:
    from brygga_emulators import eekonomi

    label = (
        t("Visma eEkonomi-emulator", "Visma eEkonomi emulator")
        + ": API http://{address}/v2, OAuth http://{address}/connect"
    )
    _serve_emulator(eekonomi.build_emulator, label, host, port, data, db, latency_ms, rate_limit, fail_rate, companies)


@emulator_app.command(
    "severa",
    help=t(
        "Emulator av Visma PM (Severa REST API v1) på http://HOST:PORT/v1. Med --companies N finns N "
        "organisationer: klient-id brygga-demo-client med hemligheten brygga-demo-secret når organisation 1, "
        "brygga-demo-client-2 med brygga-demo-secret-2 organisation 2, och så vidare.",
        "Emulator of Visma PM (Severa REST API v1) at http://HOST:PORT/v1. With --companies N there are N "
        "organisations: client id brygga-demo-client with the secret brygga-demo-secret reaches organisation 1, "
        "brygga-demo-client-2 with brygga-demo-secret-2 organisation 2, and so on.",
    ),
)
def emulator_severa(
    host: EmuHost = "127.0.0.1",
    port: EmuPort = 8081,
    data: EmuData = "demo",
    db: EmuDb = None,
    latency_ms: EmuLatency = 0,
    rate_limit: Annotated[
        int, typer.Option(help=t("Anrop per minut och endpoint (0 = ingen gräns)", "Calls a minute (0 = no limit)"))
    ] = 0,
    fail_rate: EmuFailRate = 0.0,
    companies: EmuCompanies = 1,
) -> None:
    from brygga_emulators import severa

    label = t("Visma PM-emulator", "Visma PM emulator") + ": http://{address}/v1"
    _serve_emulator(severa.build_emulator, label, host, port, data, db, latency_ms, rate_limit, fail_rate, companies)


def _serve_emulator(
    build: Any,
    label: str,
    host: str,
    port: int,
    data: str,
    db: str | None,
    latency_ms: int,
    rate_limit: int,
    fail_rate: float,
    companies: int,
) -> None:
    from brygga_emulators.faults import FaultConfig
    from brygga_emulators.server import listening_socket, serve_forever

    if companies < 1:
        raise ConfigError(
            f"Antal företag måste vara minst 1, inte {companies}",
            hint="Ange --companies 1 eller fler",
            message_en=f"The number of companies must be at least 1, not {companies}",
            hint_en="Give --companies 1 or more",
        )
    config = FaultConfig(latency_ms=latency_ms, fail_rate=fail_rate, rate_limit_per_minute=rate_limit or None)
    try:
        emulator = build(data, db=db, config=config, companies=companies)
    except ValueError as exc:
        raise ConfigError(
            f"Okänd datamängd: {data}",
            hint="Välj demo, empty eller bulk:N (eEkonomi även filled:N)",
            message_en=f"Unknown data set: {data}",
            hint_en="Choose demo, empty or bulk:N (eEkonomi also filled:N)",
        ) from exc
    try:
        sock = listening_socket(host, port)
    except OSError as exc:
        raise ConfigError(
            f"Kan inte lyssna på {host}:{port}",
            hint="Porten används redan eller adressen finns inte här: välj en annan med --port, eller --port 0 "
            "för en ledig",
            message_en=f"Cannot listen on {host}:{port}",
            hint_en="The port is in use or the address is not this machine's: choose another with --port, or "
            "--port 0 for a free one",
        ) from exc
    # One line, never wrapped: a program that started the emulator with --port 0 reads its address here.
    console.print(label.format(address=f"{host}:{sock.getsockname()[1]}"), soft_wrap=True)
    # This process only serves: the seeded data lives as long as it does, so the cyclic collector need not walk
    # it on every full collection (with bulk:100000 that is millions of objects).
    gc.freeze()
    if companies > 1:
        console.print(
            t(f"{companies} företag, vart och ett med egna data", f"{companies} companies, each with its own data")
        )
    serve_forever(emulator.app, host, port, sock)
