"""brygga's side of the separated benchmark: one process per step, its figures as JSON in the ``--out`` file.

    python benchmarks/_brygga_child.py setup --workdir D --eek URL --pm URL [--setting K=V ...]
        [--categories customers,articles] [--orders N] --out F
    python benchmarks/_brygga_child.py measure --workdir D --category customers --out F

``setup`` makes the store in D (SQLite, a fresh Fernet key kept in D), connects both emulators, stores the settings,
puts ``--orders N`` generated orders in the order inbox and transfers the untimed setup categories. ``measure`` runs
one transfer category once in a fresh process and reports that process's CPU (user + system, getrusage
RUSAGE_SELF: around the run and for the whole process, imports included), its peak RSS (ru_maxrss, KiB on Linux),
the outcomes and brygga's own API call counters by endpoint.

Run with ``PYTHONPATH=<a brygga checkout>/src`` to measure that checkout: only APIs that brygga had at commit
b2534b0 are used here (Settings, open_store, connect_eekonomi/connect_severa, TransferSession, Outcome,
orders_import_command).
"""

from __future__ import annotations

import resource
import time

STARTED_WALL = time.perf_counter()

import argparse  # noqa: E402  (the clock above starts before any import)
import asyncio  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

__all__ = ["main"]

DB_NAME = "bench.sqlite3"
KEY_NAME = "secret.key"


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _settings(workdir: Path, concurrency: int) -> Any:
    from brygga.config import Settings

    key_file = workdir / KEY_NAME
    if not key_file.exists():
        from cryptography.fernet import Fernet

        key_file.write_text(Fernet.generate_key().decode())
    key = key_file.read_text().strip()
    return Settings(data_dir=workdir, db=str(workdir / DB_NAME), secret_key=key, concurrency=concurrency)


def _order_documents(count: int) -> list[dict[str, Any]]:
    """``count`` released orders of 5 rows (3 at 25 %, 2 at 6 %) for 10 customers unknown to eEkonomi (O2)."""
    rows = [
        {"text": f"Vara {n}", "quantity": "2", "unit": "st", "unit_price": "149.50", "vat_rate": 25 if n < 3 else 6}
        for n in range(5)
    ]
    return [
        {
            "schema_version": 1,
            "order_number": f"GKS-{index:06d}",
            "released": True,
            "customer": {
                "number": f"ORD-{index % 10:02d}",
                "name": f"Orderkund {index % 10:02d} AB",
                "address": {"line1": "Storgatan 1", "postal_code": "901 10", "city": "Umeå"},
            },
            "payment_terms_days": 30,
            "rows": rows,
        }
        for index in range(1, count + 1)
    ]


def _import_orders(store: Any, workdir: Path, count: int) -> dict[str, Any]:
    from brygga.orders.commands import orders_import_command

    path = workdir / "orders.json"
    path.write_text(json.dumps(_order_documents(count)))
    report = orders_import_command(store, path)
    return {"stored": report.stored, "invalid": report.invalid, "errors": report.errors[:3]}


def _outcomes(report: Any) -> dict[str, dict[str, Any]]:
    from brygga.transfer.outcome import Outcome

    result = {}
    for name, category in report.categories.items():
        result[name] = {
            "succeeded": category.count(Outcome.SUCCEEDED),
            "failed": category.count(Outcome.FAILED),
            "skipped": category.count(Outcome.SKIPPED),
            "first_errors": [f"{o.key}: {o.message}" for o in list(category.failed)[:3]],
        }
    return result


async def _setup(args: argparse.Namespace) -> dict[str, Any]:
    from brygga.connections import connect_eekonomi, connect_severa
    from brygga.session import TransferSession
    from brygga.store import open_store
    from brygga_emulators import eekonomi as eek_emulator
    from brygga_emulators import severa as severa_emulator

    settings = _settings(args.workdir, args.concurrency)
    store = open_store(settings)
    try:
        await connect_eekonomi(
            store,
            settings,
            api_url=f"{args.eek}/v2",
            auth_url=args.eek,
            client_id=eek_emulator.DEMO_CLIENT_ID,
            client_secret=eek_emulator.DEMO_CLIENT_SECRET,
        )
        await connect_severa(
            store,
            api_url=args.pm,
            client_id=severa_emulator.DEMO_CLIENT_ID,
            client_secret=severa_emulator.DEMO_CLIENT_SECRET,
        )
        if args.setting:
            store.settings.set_many(dict(pair.split("=", 1) for pair in args.setting))
        imported = _import_orders(store, args.workdir, args.orders) if args.orders else None
        categories = [c for c in args.categories.split(",") if c]
        outcomes: dict[str, dict[str, Any]] = {}
        started = time.perf_counter()
        if categories:
            session = TransferSession(store, settings)
            try:
                outcomes = _outcomes(await session.run(categories))
            finally:
                await session.aclose()
        return {
            "outcomes": outcomes,
            "orders_imported": imported,
            "wall_seconds": round(time.perf_counter() - started, 3),
        }
    finally:
        store.db.dispose()


async def _measure(args: argparse.Namespace) -> dict[str, Any]:
    from brygga.session import TransferSession
    from brygga.store import open_store

    settings = _settings(args.workdir, args.concurrency)
    store = open_store(settings)
    try:
        session = TransferSession(store, settings)
        try:
            cpu_before, wall_before = _cpu_seconds(), time.perf_counter()
            report = await session.run([args.category])
            run_cpu, wall = _cpu_seconds() - cpu_before, time.perf_counter() - wall_before
            calls = {
                "eekonomi": dict(sorted(session.eek.calls_by_endpoint.items())),
                "severa": dict(sorted(session.pm.calls_by_endpoint.items())),
            }
        finally:
            await session.aclose()
    finally:
        store.db.dispose()
    return {
        "outcome": _outcomes(report)[args.category],
        "run_cpu_seconds": round(run_cpu, 3),
        "wall_seconds": round(wall, 3),
        "calls_by_endpoint": calls,
        "requests_per_minute": {
            "eekonomi": settings.eek_requests_per_minute,
            "severa": settings.severa_requests_per_minute,
        },
        "concurrency": settings.concurrency,
    }


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=("setup", "measure"))
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--eek", help="the eEkonomi emulator's base URL (setup)")
    parser.add_argument("--pm", help="the Visma PM emulator's base URL (setup)")
    parser.add_argument("--setting", action="append", default=[], help="a brygga setting K=V (setup)")
    parser.add_argument("--categories", default="", help="untimed setup categories, comma-separated (setup)")
    parser.add_argument("--orders", type=int, default=0, help="released orders put in the inbox (setup)")
    parser.add_argument("--category", help="the one category measured (measure)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = _parse(sys.argv[1:] if argv is None else argv)
    step = _setup if args.step == "setup" else _measure
    figures = asyncio.run(step(args))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    figures["process_cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 3)
    figures["process_cpu_user_seconds"] = round(usage.ru_utime, 3)
    figures["peak_rss_kib"] = usage.ru_maxrss  # KiB on Linux
    figures["process_wall_seconds"] = round(time.perf_counter() - STARTED_WALL, 3)
    figures["brygga_module"] = str(Path(sys.modules["brygga"].__file__ or "").parent)
    args.out.write_text(json.dumps(figures))


if __name__ == "__main__":
    main()
