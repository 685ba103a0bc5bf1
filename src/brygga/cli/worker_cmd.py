"""``brygga worker`` (the queue's worker on PostgreSQL, the in-process scheduler on SQLite: the same engine path) and
``brygga schedule now`` ("Överför nu": queued at a higher priority on PostgreSQL, run at once on SQLite)."""

from __future__ import annotations

import asyncio
import signal
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from brygga.calendar_se import STOCKHOLM
from brygga.cli.common import CATEGORIES, LANG, app, console, open_cli_database, open_cli_store, t
from brygga.cli.schedule_cmd import schedule_app
from brygga.errors import ConfigError

if TYPE_CHECKING:
    from brygga.config import Settings
    from brygga.store import Database, Store

__all__ = ["schedule_now", "worker"]


def _notify(sv: str, en: str) -> None:
    stamp = datetime.now(STOCKHOLM).strftime("%Y-%m-%d %H:%M:%S")
    console.print(f"{stamp} {escape(en if LANG == 'en' else sv)}")


def _is_postgres(db: Database) -> bool:
    return db.engine.dialect.name == "postgresql"


@app.command(
    company=False,
    help=t(
        "Kör schemalagda överföringar och Överför nu för alla företag tills du stoppar (Ctrl+C eller SIGTERM: den "
        "pågående överföringen görs klar först). PostgreSQL: en kö som flera workers delar; SQLite: i processen.",
        "Run scheduled transfers and Transfer now for every company until stopped (Ctrl+C or SIGTERM: the running "
        "transfer finishes first). PostgreSQL: a queue several workers share; SQLite: in-process.",
    ),
)
def worker(
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency", min=1, max=64, help=t("Företag som körs samtidigt (PostgreSQL)", "Companies at once")
        ),
    ] = 4,
    metrics_port: Annotated[
        int | None,
        typer.Option(
            "--metrics-port",
            min=0,
            max=65535,
            help=t("Visa workerns mätvärden (Prometheus) på denna port", "Serve the worker's metrics on this port"),
        ),
    ] = None,
    metrics_host: Annotated[
        str, typer.Option("--metrics-host", help=t("Adress för --metrics-port", "Address for --metrics-port"))
    ] = "127.0.0.1",
) -> None:
    settings, db = open_cli_database()
    try:
        if metrics_port is not None:
            from brygga.metrics.serve import serve_metrics

            port = serve_metrics(settings, db, metrics_host, metrics_port).server_port
            console.print(
                t(
                    f"Mätvärden för Prometheus: http://{metrics_host}:{port}/metrics",
                    f"Metrics for Prometheus: http://{metrics_host}:{port}/metrics",
                )
            )
        if _is_postgres(db):
            _queue_worker(settings, db, concurrency)
        else:
            _sqlite_worker(settings, db)
    finally:
        db.dispose()
    console.print(t("brygga worker stoppad.", "brygga worker stopped."))


def _queue_worker(settings: Settings, db: Database, concurrency: int) -> None:
    from brygga.jobs.tasks import QueueOptions
    from brygga.jobs.worker import run_queue_worker

    where = db.engine.url.render_as_string(hide_password=True)
    console.print(
        t(
            f"brygga worker körs mot kön i PostgreSQL ({where}), {concurrency} företag åt gången; starta fler workers "
            "på samma databas för att dela arbetet. Ctrl+C stoppar.",
            f"brygga worker is running on the PostgreSQL queue ({where}), {concurrency} companies at a time; start "
            "more workers on the same database to share the work. Ctrl+C stops it.",
        )
    )
    from procrastinate.exceptions import ConnectorException

    try:
        asyncio.run(run_queue_worker(settings, db, QueueOptions(concurrency=concurrency), notify=_notify))
    except ConnectorException as exc:  # the server went away under the worker
        raise ConfigError(
            f"Kön i {where} gick inte att nå: {exc.__cause__ or exc}",
            hint="Kontrollera att PostgreSQL-servern körs och starta brygga worker igen; avbrutna jobb tas om.",
            message_en=f"The queue in {where} could not be reached: {exc.__cause__ or exc}",
            hint_en="Check that the PostgreSQL server is running and start brygga worker again; interrupted jobs "
            "are taken up again.",
        ) from exc


def _sqlite_worker(settings: Settings, db: Database) -> None:
    from brygga.schedules.company_run import session_runner
    from brygga.schedules.worker import Worker

    async def main() -> None:
        from brygga.alerts import deliver_everywhere

        scheduler = Worker(
            db,
            session_runner(settings),
            notify=_notify,
            deliver_alerts=lambda now: deliver_everywhere(db, settings, now=now),
        )
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, scheduler.stop)
        console.print(
            t(
                "brygga worker körs i processen (SQLite, ingen kö); Ctrl+C stoppar.",
                "brygga worker is running in-process (SQLite, no queue); Ctrl+C stops it.",
            )
        )
        await scheduler.run_forever()

    asyncio.run(main())


@schedule_app.command(
    "now",
    help=t(
        "Överför nu: PostgreSQL lägger överföringen i kön före schemalagda (brygga worker kör den); SQLite kör den "
        "direkt.",
        "Transfer now: on PostgreSQL queued before scheduled work (brygga worker runs it); on SQLite run at once.",
    ),
)
def schedule_now(
    categories: Annotated[
        list[str] | None,
        typer.Argument(help=t("Kategorier: ", "Categories: ") + ", ".join(CATEGORIES), show_default=False),
    ] = None,
    all_categories: Annotated[bool, typer.Option("--all", help=t("Alla kategorier", "All categories"))] = False,
) -> None:
    typed = [name.strip() for given in categories or [] for name in given.split(",")]
    names = list(CATEGORIES) if all_categories else [name for name in typed if name]
    if not names:
        raise ConfigError(
            "Ange kategorier eller --all.",
            hint=f"Välj bland: {', '.join(CATEGORIES)}.",
            message_en="Name categories or --all.",
            hint_en=f"Choose from: {', '.join(CATEGORIES)}.",
        )
    from brygga.jobs.queue import ordered_categories

    ordered = ordered_categories(names)
    settings, store = open_cli_store()
    try:
        if _is_postgres(store.db):
            from brygga.jobs import defer_now
            from brygga.jobs.schema import install_queue

            install_queue(settings)
            job = defer_now(store.db, store.tenant, ordered)
            console.print(
                t(
                    f"Överför nu för {store.tenant} ({', '.join(ordered)}) ligger i kön som jobb {job}, före "
                    "schemalagda överföringar. brygga worker måste köra för att den ska göras.",
                    f"Transfer now for {store.tenant} ({', '.join(ordered)}) is queued as job {job}, before "
                    "scheduled transfers. brygga worker must be running for it to be done.",
                )
            )
            return
        _run_at_once(settings, store, ordered)
    finally:
        store.db.dispose()


def _run_at_once(settings: Settings, store: Store, ordered: list[str]) -> None:
    from brygga.schedules.company_run import run_company, session_runner

    console.print(
        t(
            "SQLite har ingen kö: överföringen körs direkt, genom samma motor som brygga worker.",
            "SQLite has no queue: the transfer runs at once, through the same engine as brygga worker.",
        )
    )
    result = asyncio.run(run_company(store, ordered, session_runner(settings), manual=True, notify=_notify))
    if result.outcome in ("failed", "not_run", "pausing"):
        raise typer.Exit(1)
