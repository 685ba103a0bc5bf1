"""The reconcile's API reads per object ("Avstämning", issue 17): goal at most 1 read per 100 objects.

Both emulators on loopback in this process (rate limits lifted): Visma PM holds ``bulk:N`` (N customers, N products,
N/2 projects, N invoices of 5 rows), eEkonomi an empty company. Customers, articles, projects and invoices are
transferred once, then ``run_reconcile`` reads both systems whole. Printed per category: objects read (both systems,
a PM customer's address, contact and contact details counted as objects too), API reads (GET calls) and reads per
100 objects, and the same per category's main objects (customers, articles, invoices) for the goal; never asserted.

    python -m benchmarks.reconcile [--count 2000] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

from brygga.config import Settings
from brygga.connections import connect_eekonomi, connect_severa
from brygga.reconcile import engine, run_reconcile
from brygga.reconcile.model import CategoryCheck, Sources
from brygga.session import TransferSession
from brygga.store import open_store
from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as severa_emulator
from brygga_emulators.faults import FaultConfig
from brygga_emulators.server import EmulatorServer

GOAL_PER_100 = 1.0
SETUP = ("customers", "articles", "projects", "invoices")


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=2000, help="N of Visma PM's bulk:N (default 2000)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser.parse_args(argv)


async def _measure(count: int) -> dict[str, Any]:
    eek = eek_emulator.build_emulator("empty", config=FaultConfig(rate_limit_per_minute=None))
    pm = severa_emulator.build_emulator(f"bulk:{count}")
    servers = [EmulatorServer(eek.app), EmulatorServer(pm.app)]
    eek_url, pm_url = (server.start() for server in servers)
    with tempfile.TemporaryDirectory(prefix="brygga-reconcile-bench-") as tmp:
        settings = Settings(
            data_dir=Path(tmp),
            db=str(Path(tmp) / "brygga.sqlite3"),
            secret_key=Fernet.generate_key().decode(),
            eek_requests_per_minute=1_000_000,
            severa_requests_per_minute=1_000_000,
        )
        store = open_store(settings)
        try:
            await connect_eekonomi(
                store,
                settings,
                api_url=f"{eek_url}/v2",
                auth_url=eek_url,
                client_id=eek_emulator.DEMO_CLIENT_ID,
                client_secret=eek_emulator.DEMO_CLIENT_SECRET,
            )
            await connect_severa(
                store,
                api_url=pm_url,
                client_id=severa_emulator.DEMO_CLIENT_ID,
                client_secret=severa_emulator.DEMO_CLIENT_SECRET,
            )
            store.settings.set_many({"project_cost_center": "Projekt", "default_article_number": "B-00001"})
            started = time.monotonic()
            session = TransferSession(store, settings)
            try:
                await session.run(list(SETUP))
            finally:
                await session.aclose()
            transfer_seconds = time.monotonic() - started
            return await _reconcile(store, settings, count, transfer_seconds)
        finally:
            store.db.dispose()
            for server in servers:
                server.stop()


async def _reconcile(store: Any, settings: Settings, count: int, transfer_seconds: float) -> dict[str, Any]:
    per_category: dict[str, dict[str, Any]] = {}
    original = dict(engine.CHECKS)

    def measured(name: str) -> engine.Check:
        async def check(src: Sources) -> CategoryCheck:
            before = Counter({k: v for k, v in _gets(src).items()})
            started = time.monotonic()
            result = await original[name](src)
            reads = Counter(_gets(src))
            reads.subtract(before)
            per_category[name] = {
                "objects_read": result.objects_read,
                "api_reads": sum(reads.values()),
                "findings": len(result.findings),
                "seconds": round(time.monotonic() - started, 2),
                "reads_by_endpoint": {k: v for k, v in sorted(reads.items()) if v},
            }
            return result

        return check

    for name in original:
        engine.CHECKS[name] = measured(name)
    session = TransferSession(store, settings)
    started = time.monotonic()
    try:
        result = await run_reconcile(session, None, trigger="cli")
    finally:
        await session.aclose()
        engine.CHECKS.update(original)
    main_objects = {"customers": count, "articles": count, "invoices": count}
    for name, figures in per_category.items():
        figures["reads_per_100_objects"] = round(100 * figures["api_reads"] / max(figures["objects_read"], 1), 3)
        if name in main_objects:
            figures["reads_per_100_main_objects"] = round(100 * figures["api_reads"] / main_objects[name], 3)
    return {
        "count": count,
        "transfer_seconds": round(transfer_seconds, 1),
        "reconcile_seconds": round(time.monotonic() - started, 1),
        "status": result.status,
        "findings": len(result.findings),
        "objects_read": result.objects_read,
        "api_reads": result.api_reads,
        "reads_per_100_objects": round(result.reads_per_100(), 3),
        "goal_reads_per_100_objects": GOAL_PER_100,
        "categories": per_category,
    }


def _gets(src: Sources) -> dict[str, int]:
    counts: dict[str, int] = {}
    for system, client in (("eekonomi", src.eek), ("severa", src.pm)):
        for key, n in client.calls_by_endpoint.items():
            if key.startswith("GET "):
                counts[f"{key} [{system}]"] = n
    return counts


def _print(figures: dict[str, Any]) -> None:
    print(f"Reconcile of Visma PM bulk:{figures['count']} against its transfer into an empty eEkonomi company")
    print(f"  transfer first: {figures['transfer_seconds']} s; reconcile: {figures['reconcile_seconds']} s, "
          f"{figures['status']}, {figures['findings']} findings")  # fmt: skip
    print(f"{'category':16}{'objects':>10}{'reads':>8}{'/100 obj':>10}{'/100 main':>11}{'s':>7}")
    for name, c in figures["categories"].items():
        main = c.get("reads_per_100_main_objects")
        print(
            f"{name:16}{c['objects_read']:>10}{c['api_reads']:>8}{c['reads_per_100_objects']:>10}"
            f"{'' if main is None else main:>11}{c['seconds']:>7}"
        )
    verdict = "met" if figures["reads_per_100_objects"] <= GOAL_PER_100 else "NOT met"
    print(
        f"{'all':16}{figures['objects_read']:>10}{figures['api_reads']:>8}{figures['reads_per_100_objects']:>10}"
        f"   goal <= {GOAL_PER_100} read per 100 objects: {verdict}"
    )


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    figures = asyncio.run(_measure(args.count))
    if args.json:
        json.dump(figures, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        _print(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
