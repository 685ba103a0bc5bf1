"""The month-end report's cost ("Månadsrapport", issue 17): API reads, time, and the CSV and PDF renderings.

Both emulators on loopback in this process (rate limits lifted): Visma PM holds ``bulk:N`` (N invoices of 5 rows),
eEkonomi an empty company. Customers, articles, projects and invoices are transferred once, so the month holds N
transferred invoices; then ``build_month_report`` reads both systems and the report is rendered as CSV and PDF.
Printed: invoices in the report, reads per endpoint, reads per 100 invoices, seconds to build and to render, the files'
sizes and the PDF's pages; never asserted.

    python -m benchmarks.month_report [--count 2000] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from pypdf import PdfReader

from brygga.config import Settings
from brygga.connections import connect_eekonomi, connect_severa
from brygga.report import Month, build_month_report
from brygga.report.csv_out import to_csv
from brygga.report.pdf_out import to_pdf
from brygga.session import TransferSession
from brygga.store import Store, open_store
from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as severa_emulator
from brygga_emulators.faults import FaultConfig
from brygga_emulators.server import EmulatorServer

SETUP = ("customers", "articles", "projects", "invoices")


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=2000, help="N of Visma PM's bulk:N (default 2000)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser.parse_args(argv)


async def _connected(store: Store, settings: Settings, eek_url: str, pm_url: str) -> None:
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


async def _measure(count: int) -> dict[str, Any]:
    eek = eek_emulator.build_emulator("empty", config=FaultConfig(rate_limit_per_minute=None))
    pm = severa_emulator.build_emulator(f"bulk:{count}")
    servers = [EmulatorServer(eek.app), EmulatorServer(pm.app)]
    eek_url, pm_url = (server.start() for server in servers)
    with tempfile.TemporaryDirectory(prefix="brygga-month-report-bench-") as tmp:
        settings = Settings(
            data_dir=Path(tmp),
            db=str(Path(tmp) / "brygga.sqlite3"),
            secret_key=Fernet.generate_key().decode(),
            eek_requests_per_minute=1_000_000,
            severa_requests_per_minute=1_000_000,
        )
        store = open_store(settings)
        try:
            await _connected(store, settings, eek_url, pm_url)
            started = time.monotonic()
            session = TransferSession(store, settings)
            try:
                await session.run(list(SETUP))
            finally:
                await session.aclose()
            transfer_seconds = time.monotonic() - started
            return await _report(store, settings, count, transfer_seconds)
        finally:
            store.db.dispose()
            for server in servers:
                server.stop()


async def _report(store: Store, settings: Settings, count: int, transfer_seconds: float) -> dict[str, Any]:
    started = time.monotonic()
    report = await build_month_report(store, settings, Month.of(datetime.now(UTC).date()))
    build_seconds = time.monotonic() - started
    started = time.monotonic()
    csv_body = to_csv(report)
    csv_seconds = time.monotonic() - started
    started = time.monotonic()
    pdf_body = to_pdf(report)
    pdf_seconds = time.monotonic() - started
    reads = sum(report.api_reads.values())
    return {
        "count": count,
        "transfer_seconds": round(transfer_seconds, 1),
        "invoices_in_report": len(report.invoices),
        "with_differences": len(report.with_differences),
        "api_reads": reads,
        "reads_by_endpoint": dict(sorted(report.api_reads.items())),
        "reads_per_100_invoices": round(100 * reads / max(len(report.invoices), 1), 3),
        "build_seconds": round(build_seconds, 2),
        "csv_seconds": round(csv_seconds, 2),
        "csv_kib": round(len(csv_body) / 1024),
        "pdf_seconds": round(pdf_seconds, 2),
        "pdf_kib": round(len(pdf_body) / 1024),
        "pdf_pages": len(PdfReader(io.BytesIO(pdf_body)).pages),
    }


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    figures = asyncio.run(_measure(args.count))
    if args.json:
        sys.stdout.write(json.dumps(figures, indent=2) + "\n")
        return 0
    print(f"Månadsrapport över {figures['invoices_in_report']} överförda fakturor (bulk:{figures['count']})")
    print(f"  överföring först: {figures['transfer_seconds']} s")
    print(f"  API-läsningar: {figures['api_reads']} ({figures['reads_per_100_invoices']} per 100 fakturor)")
    for endpoint, n in figures["reads_by_endpoint"].items():
        print(f"    {endpoint}: {n}")
    print(f"  rapporten: {figures['build_seconds']} s, skillnader: {figures['with_differences']}")
    print(f"  CSV: {figures['csv_seconds']} s, {figures['csv_kib']} KiB")
    print(f"  PDF: {figures['pdf_seconds']} s, {figures['pdf_kib']} KiB, {figures['pdf_pages']} sidor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
