"""The ``brygga`` command line. It builds the object graph and hands over; no transfer logic lives here.

Every error a user can cause ends as a Swedish message with what to do, never as a traceback: ``main`` catches
``BryggaError`` for that, and anything unexpected is written to ``brygga-error.log`` in the data directory.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import traceback
from collections.abc import Coroutine
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from brygga.config import Settings
from brygga.errors import BryggaError, ConfigError
from brygga.report_text import render_report
from brygga.store import Store, open_store
from brygga.transfer.options import SETTING_HELP, TransferOptions
from brygga.transfer.report import CATEGORY_LABELS
from brygga.transfer.runner import CATEGORIES

if TYPE_CHECKING:  # the demo pulls in both emulators; only `brygga demo` should pay for that import
    from brygga.demo import DemoResult

__all__ = ["app", "main"]

app = typer.Typer(
    help="brygga: Visma PM och ordersystem <-> Visma eEkonomi.", no_args_is_help=True, pretty_exceptions_enable=False
)
connect_app = typer.Typer(help="Anslut Visma eEkonomi eller Visma PM.", no_args_is_help=True)
settings_app = typer.Typer(help="Visa eller ändra integrationens inställningar.", no_args_is_help=True)
emulator_app = typer.Typer(help="Starta en emulator av Visma eEkonomi eller Visma PM.", no_args_is_help=True)
app.add_typer(connect_app, name="connect")
app.add_typer(settings_app, name="settings")
app.add_typer(emulator_app, name="emulator")
orders_app = typer.Typer(help="Orderinkorgen: order från GKS eller annat ordersystem.", no_args_is_help=True)
app.add_typer(orders_app, name="orders")

console = Console()
T = TypeVar("T")
JsonOpt = Annotated[bool, typer.Option("--json", help="Skriv ut ett JSON-objekt i stället för tabeller.")]


def _run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def _store() -> tuple[Settings, Store]:
    settings = Settings()
    return settings, open_store(settings)


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


# demo and emulators ----------------------------------------------------------------------------
@app.command()
def demo(
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Avsluta efter rapporten i stället för att starta webbappen.")
    ] = False,
    host: Annotated[str, typer.Option(help="Webbappens adress efter demon")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Webbappens port efter demon")] = 8000,
    as_json: JsonOpt = False,
) -> None:
    """Kör allt mot två emulatorer med demodata: anslutningar, varje överföring, två gånger; starta sedan webbappen
    mot samma emulatorer (Ctrl+C avslutar)."""
    from brygga.demo import open_demo_store, run_demo
    from brygga.progress import RichProgress
    from brygga.web.serve import serve_in_loop

    settings = Settings()
    if as_json:  # for programs: the report only, no server
        result = _run(run_demo(settings))
        _print_json(result.to_json(settings.lang))
        return
    console.print("[bold]brygga demo[/]: startar emulatorer för Visma eEkonomi och Visma PM med demodata …")
    with RichProgress(console) as progress:

        async def report_then_serve(result: DemoResult) -> None:
            progress.stop()
            _print_demo_report(result)
            if not no_serve:
                _print_serve_banner(result, host, port)
                await serve_in_loop(settings, open_demo_store, host, port)

        _run(run_demo(settings, progress=progress, after=report_then_serve))


def _print_demo_report(result: DemoResult) -> None:
    console.print(f"Ansluten till Visma eEkonomi-företaget [bold]{result.company}[/] och Visma PM.")
    render_report(result.first, console)
    console.print("\n[bold]I Visma eEkonomi bokförs några utkast och en faktura betalas:[/]")
    for line in result.booked:
        console.print(f"  • faktura {line}")
    console.print(
        "[bold]Alla överföringar igen:[/] fakturornas nummer och status kommer tillbaka till PM, och det som "
        "ordrarna skapade i eEkonomi (en ny kund, G-artiklarna) förs över till PM."
    )
    render_report(result.status, console)
    console.print("\n[bold]Och en gång till[/] (inget har ändrats):")
    render_report(result.second, console)
    style = "green" if result.second_write_calls == 0 else "red"
    console.print(f"[{style}]Skrivande API-anrop i sista körningen: {result.second_write_calls}[/]")


def _print_serve_banner(result: DemoResult, host: str, port: int) -> None:
    console.print(
        f"\n[bold]Webbappen:[/] http://{host}:{port}/  (välj ett administratörslösenord vid första besöket)\n"
        f"  Emulatorerna, för Anslutningar: Visma eEkonomi API {result.eekonomi_url}/v2, inloggning "
        f"{result.eekonomi_url}; Visma PM {result.severa_url}\n"
        "  Avsluta med Ctrl+C."
    )


EmuData = Annotated[str, typer.Option(help="demo, empty eller bulk:N")]
EmuDb = Annotated[str | None, typer.Option(help="SQLite-fil som behåller data mellan starter")]
EmuFailRate = Annotated[float, typer.Option(help="Andel anrop som får 503 (0-1)")]


@emulator_app.command("eekonomi")
def emulator_eekonomi(
    host: str = "127.0.0.1",
    port: int = 8080,
    data: EmuData = "demo",
    db: EmuDb = None,
    latency_ms: int = 0,
    rate_limit: Annotated[int, typer.Option(help="Anrop per minut och endpoint (eEkonomi: 600)")] = 600,
    fail_rate: EmuFailRate = 0.0,
) -> None:
    """Emulator av Visma eEkonomi (eAccounting API v2) på http://HOST:PORT/v2."""
    from brygga_emulators import eekonomi

    label = f"Visma eEkonomi-emulator: API http://{host}:{port}/v2, OAuth http://{host}:{port}/connect"
    _serve_emulator(eekonomi.build_emulator, label, host, port, data, db, latency_ms, rate_limit, fail_rate)


@emulator_app.command("severa")
def emulator_severa(
    host: str = "127.0.0.1",
    port: int = 8081,
    data: EmuData = "demo",
    db: EmuDb = None,
    latency_ms: int = 0,
    rate_limit: Annotated[int, typer.Option(help="Anrop per minut och endpoint (0 = ingen gräns)")] = 0,
    fail_rate: EmuFailRate = 0.0,
) -> None:
    """Emulator av Visma PM (Severa REST API v1) på http://HOST:PORT/v1."""
    from brygga_emulators import severa

    label = f"Visma PM-emulator: http://{host}:{port}/v1"
    _serve_emulator(severa.build_emulator, label, host, port, data, db, latency_ms, rate_limit, fail_rate)


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
) -> None:
    from brygga_emulators.faults import FaultConfig
    from brygga_emulators.server import serve_forever

    config = FaultConfig(latency_ms=latency_ms, fail_rate=fail_rate, rate_limit_per_minute=rate_limit or None)
    try:
        emulator = build(data, db=db, config=config)
    except ValueError as exc:
        raise ConfigError(f"Okänd datamängd: {data}", hint="Välj demo, empty eller bulk:N") from exc
    console.print(label)
    serve_forever(emulator.app, host, port)


# connections -----------------------------------------------------------------------------------
@connect_app.command("eekonomi")
def connect_eekonomi_cmd(
    api_url: Annotated[str, typer.Option(help="t.ex. https://eaccountingapi.vismaonline.com/v2")],
    auth_url: Annotated[str, typer.Option(help="t.ex. https://identity.vismaonline.com")],
    client_id: Annotated[str | None, typer.Option(envvar="BRYGGA_EEK_CLIENT_ID")] = None,
    client_secret: Annotated[
        str | None, typer.Option(envvar="BRYGGA_EEK_CLIENT_SECRET", help="Klienthemlighet från Visma")
    ] = None,
    port: Annotated[int, typer.Option(help="Port för inloggningens återanrop (redirect URI localhost:PORT)")] = 8765,
) -> None:
    """Anslut Visma eEkonomi (OAuth2). Mot emulatorn sker det utan inloggning."""
    from brygga.connections import connect_eekonomi

    client_id, client_secret = _eek_client_credentials(auth_url, client_id, client_secret)
    settings, store = _store()
    company = _run(
        connect_eekonomi(
            store,
            settings,
            api_url=api_url,
            auth_url=auth_url,
            client_id=client_id,
            client_secret=client_secret,
            port=port,
        )
    )
    console.print(f"[green]Ansluten till Visma eEkonomi:[/] {company}")


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
        )
    return client_id, secret or typer.prompt("Klienthemlighet", hide_input=True)


@connect_app.command("severa")
def connect_severa_cmd(
    api_url: Annotated[str, typer.Option(help="t.ex. https://api.severa.visma.com/rest-api")],
    client_id: Annotated[str, typer.Option(envvar="BRYGGA_SEVERA_CLIENT_ID")],
    client_secret: Annotated[
        str, typer.Option(envvar="BRYGGA_SEVERA_CLIENT_SECRET", prompt=True, hide_input=True, show_default=False)
    ],
) -> None:
    """Anslut Visma PM (Severa REST API, klient-id och klienthemlighet)."""
    from brygga.connections import connect_severa

    _, store = _store()
    _run(connect_severa(store, api_url=api_url, client_id=client_id, client_secret=client_secret))
    console.print("[green]Ansluten till Visma PM.[/]")


# settings --------------------------------------------------------------------------------------
@settings_app.command("show")
def settings_show(as_json: JsonOpt = False) -> None:
    """Visa inställningarna (rule S1)."""
    _, store = _store()
    options = TransferOptions.from_store(store.settings.all())
    if as_json:
        _print_json(options.model_dump())
        return
    table = Table(title="Inställningar")
    for column in ("Nyckel", "Värde", "Beskrivning"):
        table.add_column(column)
    for key, value in options.model_dump().items():
        table.add_row(key, str(value), SETTING_HELP.get(key, ("", ""))[0])
    console.print(table)


@settings_app.command("set")
def settings_set(key: str, value: str) -> None:
    """Ändra en inställning. Den kontrolleras mot båda systemen innan den sparas (rule S9)."""
    from brygga.transfer.settings_check import check_against_systems

    settings, store = _store()
    if key not in TransferOptions.model_fields:  # reserved keys (web password, X4 company) are not settings
        raise ConfigError(f"Okänd inställning: {key}", hint="Se brygga settings show för de inställningar som finns.")
    proposed = {**store.settings.all(), key: value}
    problems = TransferOptions.check(proposed) or _run(check_against_systems(store, settings, proposed))
    if problems:
        raise ConfigError("Inställningen sparades inte:\n- " + "\n- ".join(problems))
    store.settings.set_many({key: value})
    console.print(f"[green]Sparat:[/] {key} = {value}")


# transfers and their results -------------------------------------------------------------------
@app.command()
def transfer(
    categories: Annotated[list[str] | None, typer.Argument(help="Kategorier, t.ex. customers")] = None,
    all_categories: Annotated[bool, typer.Option("--all", help="Alla kategorier i ordning")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Visa vad som skulle göras; skriv inget")] = False,
    period: Annotated[
        str | None,
        typer.Option(help="Leverantörsfakturor: today, this_week, last_week, this_month eller last_month (S7)"),
    ] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Leverantörsfakturor från (ÅÅÅÅ-MM-DD)")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Leverantörsfakturor till (ÅÅÅÅ-MM-DD)")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Överför en eller flera kategorier. Avslutas med kod 1 om något objekt misslyckades.

    Kategorier: customers, articles, projects, invoices, invoice-status, supplier-invoices."""
    from brygga.progress import RichProgress
    from brygga.session import TransferSession

    chosen = list(CATEGORIES) if all_categories or not categories else categories
    supplier_period = _supplier_period(period, date_from, date_to)
    settings, store = _store()

    async def go() -> Any:
        session = TransferSession(store, settings)
        try:
            if as_json:
                return await session.run(chosen, dry_run=dry_run, supplier_period=supplier_period)
            with RichProgress(console) as progress:
                return await session.run(chosen, dry_run=dry_run, progress=progress, supplier_period=supplier_period)
        finally:
            await session.aclose()

    report = _run(go())
    if as_json:
        _print_json(report.to_json(settings.lang))
    else:
        render_report(report, console)
    if not report.ok:
        raise typer.Exit(1)


def _supplier_period(period: str | None, date_from: str | None, date_to: str | None) -> tuple[date, date] | None:
    """Rule S7 from the command line: a named period, or --from and --to; nothing given means the setting."""
    from brygga.calendar_se import swedish_date
    from brygga.transfer.supplier_costs.period import period_dates

    try:
        if date_from or date_to:
            if not (date_from and date_to):
                raise ValueError("ange både --from och --to")
            start, end = date.fromisoformat(date_from), date.fromisoformat(date_to)
            if start > end:
                raise ValueError("--from ligger efter --to")
            return start, end
        return period_dates(period, swedish_date(datetime.now(UTC))) if period else None
    except ValueError as exc:
        raise ConfigError(
            f"Ogiltig period för leverantörsfakturor: {exc}",
            hint="Använd --period today|this_week|last_week|this_month|last_month, eller --from ÅÅÅÅ-MM-DD --to "
            "ÅÅÅÅ-MM-DD.",
        ) from exc


@app.command()
def errors(as_json: JsonOpt = False) -> None:
    """Felmeddelanden: det som misslyckades i senaste körningen av varje kategori (rule X2)."""
    settings, store = _store()
    failures = store.runs.latest_failures()
    rows = [
        {
            "category": f.category,
            "object": f.object_key,
            "name": f.object_name,
            "rule": f.rule_id,
            "message": f.message,
            "hint": f.hint if settings.lang == "sv" else (f.hint_en or f.hint),
            "time": f.at.isoformat() if f.at else None,
        }
        for f in failures
    ]
    if as_json:
        _print_json({"errors": rows})
        return
    if not rows:
        console.print("[green]Inga fel i senaste körningarna.[/]")
        return
    table = Table(title="Felmeddelanden", show_lines=True, expand=True)
    for column in ("Tid", "Programdel", "Objekt", "Fel", "Lösning"):
        table.add_column(column)
    for row in rows:
        label = CATEGORY_LABELS.get(str(row["category"]), (row["category"],))[0]
        table.add_row(
            str(row["time"])[:19], str(label), f"{row['object']} {row['name']}", row["message"] or "", row["hint"] or ""
        )
    console.print(table)


@app.command()
def status(as_json: JsonOpt = False) -> None:
    """Anslutningar, senaste överföring per kategori (rule X3) och de senaste körningarna."""
    _, store = _store()
    connections = {
        system: (info.api_url, info.company_name) if (info := store.connections.get(system)) else None
        for system in ("eekonomi", "severa")
    }
    cursors = store.protocol.cursors()
    last = {f"{category}/{system}": when.isoformat() for (category, system), when in cursors.items()}
    history = store.runs.history()
    if as_json:
        _print_json(
            {
                "connections": {k: ({"api_url": v[0], "company": v[1]} if v else None) for k, v in connections.items()},
                "last_transfer": last,
                "runs": [
                    {"id": h[0], "categories": h[1], "status": h[2], "started": h[3].isoformat(), "summary": h[4]}
                    for h in history
                ],
            }
        )
        return
    for system, value in connections.items():
        label = "Visma eEkonomi" if system == "eekonomi" else "Visma PM"
        text = f"{value[0]} {('— ' + value[1]) if value[1] else ''}" if value else "[red]inte ansluten[/]"
        console.print(f"[bold]{label}:[/] {text}")
    for key, when in sorted(last.items()):
        console.print(f"Senaste överföring {key}: {when[:19]}")
    for run_id, cats, state, started, summary in history:
        console.print(f"#{run_id} {started.isoformat()[:19]} {cats} {state}: {summary or ''}")


@orders_app.command("import")
def orders_import(
    path: Annotated[Path, typer.Argument(help="JSON- eller CSV-fil med order (schema: docs/order-schema.md)")],
    as_json: JsonOpt = False,
) -> None:
    """Läs in order från en fil. Ogiltiga order och rader rapporteras med radnummer; de giltiga sparas."""
    from brygga.orders.commands import orders_import_command

    _, store = _store()
    report = orders_import_command(store, path)
    if as_json:
        _print_json(report.to_json())
    else:
        style = "green" if report.ok else "yellow"
        console.print(f"[{style}]Order från {path.name}: {report.summary()}[/]")
        for line in report.errors:
            console.print(f"  ✗ {line}")
    if not report.ok:
        raise typer.Exit(1)


@orders_app.command("api-key")
def orders_api_key() -> None:
    """Skapa en ny API-nyckel för POST /api/orders. Den visas bara nu; spara den i ordersystemet."""
    from brygga.orders.api_keys import create_api_key

    _, store = _store()
    key = create_api_key(store)
    console.print("Ny API-nyckel (visas bara en gång, skicka den i huvudet X-API-Key):")
    sys.stdout.write(key + "\n")


@orders_app.command("api-keys")
def orders_api_keys(
    revoke: Annotated[str | None, typer.Option(help="Återkalla nyckeln med detta id")] = None,
) -> None:
    """Visa orderintagets API-nycklar (id och när de skapades), eller återkalla en med --revoke ID."""
    from brygga.orders.api_keys import list_api_keys, revoke_api_key

    _, store = _store()
    if revoke is not None:
        if not revoke_api_key(store, revoke):
            raise ConfigError(f"Ingen API-nyckel med id {revoke}.", hint="Se brygga orders api-keys för de som finns.")
        console.print(f"[green]Återkallad:[/] {revoke} (ordersystemet som använder den nekas från och med nu)")
        return
    keys = list_api_keys(store)
    if not keys:
        console.print("Inga API-nycklar. Skapa en med: brygga orders api-key")
        return
    table = Table(title="API-nycklar för POST /api/orders")
    table.add_column("Id")
    table.add_column("Skapad")
    for key in keys:
        table.add_row(key.key_id, key.created_at.strftime("%Y-%m-%d %H:%M"))
    console.print(table)


@app.command()
def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Starta webbappen (Dataöverföring, Anslutningar, Orderinkorg) och orderinkorgen POST /api/orders.

    Utan administratörslösenord lyssnar den bara på 127.0.0.1; lösenordet sätts i webbläsaren vid första start."""
    from brygga.web.serve import serve as run_server

    run_server(Settings(), host, port)


@app.command()
def doctor(as_json: JsonOpt = False) -> None:
    """Checklista igångkörning: kontrollerar båda systemen och inställningarna (rule O11)."""
    from brygga.doctor import render_doctor, run_doctor

    settings, store = _store()
    report = _run(run_doctor(store, settings))
    if as_json:
        _print_json(report.to_json())
    else:
        render_doctor(report, console)
    if not report.ok:
        raise typer.Exit(1)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except BryggaError as exc:
        _report_error(exc)
        sys.exit(2)
    except KeyboardInterrupt:
        console.print("[yellow]Avbrutet.[/]")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback at the user
        _report_unexpected(exc)
        sys.exit(3)


def _report_error(exc: BryggaError) -> None:
    err = Console(stderr=True)
    err.print(f"[bold red]Fel:[/] {getattr(exc, 'message', None) or exc}")
    hint = getattr(exc, "hint", "")
    if hint:
        err.print(f"[bold]Gör så här:[/] {hint}")


def _report_unexpected(exc: Exception) -> None:
    settings = Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    log = settings.data_dir / "brygga-error.log"
    with log.open("a", encoding="utf-8") as handle:
        handle.write("".join(traceback.format_exception(exc)))
    err = Console(stderr=True)
    err.print(f"[bold red]Oväntat fel:[/] {type(exc).__name__}: {exc}")
    err.print(f"Detaljer finns i {log}. Skicka filen till den som stöttar er integration.")
