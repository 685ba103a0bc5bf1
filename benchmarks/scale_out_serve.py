"""One many-company emulator of the scale-out benchmark, in a process of its own (so its CPU is not the workers').

    python benchmarks/scale_out_serve.py eekonomi|severa --companies N [--invoices K] [--latency-ms 30-80]

eEkonomi: every company empty (``empty``). Visma PM: every organisation gets ``bulk:K`` (K customers, products and
invoices, K//2 projects), and before serving, its K invoices are put back to "Utkast": the benchmark's trickle marks
one or two a minute "Skicka till eEkonomi" through the public API, as a person does. Each request waits a latency
drawn uniformly from the range. No rate limit in the emulator (its window counts per endpoint across all companies,
where eEkonomi counts per company); brygga's own limiter keeps each company under 90 % of 600 a minute.

Prints ``READY <base url>`` once it accepts connections, then serves until stdin closes or SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import signal
import sys
import threading
from pathlib import Path
from types import MethodType
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as severa_emulator
from brygga_emulators.faults import Faults
from brygga_emulators.server import EmulatorServer
from brygga_emulators.severa.invoice_builders import invoice_status_guid

__all__ = ["build", "main", "parse_latency"]

DRAFT_STATUS = "Utkast"


def parse_latency(text: str) -> tuple[int, int]:
    """``50`` or ``30-80`` (milliseconds) -> (low, high)."""
    low, _, high = text.partition("-")
    first, last = int(low), int(high or low)
    if first < 0 or last < first:
        raise ValueError(f"latency range {text!r}: use MS or LOW-HIGH")
    return first, last


def _random_latency(faults: Faults, low: int, high: int, seed: int) -> None:
    rng = random.Random(seed)

    async def delay(self: Faults) -> None:
        await asyncio.sleep(rng.uniform(low, high) / 1000.0)

    if high > 0:
        faults.delay = MethodType(delay, faults)  # type: ignore[method-assign]


def build(system: str, companies: int, invoices: int) -> Any:
    if system == "eekonomi":
        return eek_emulator.build_emulator("empty", companies=companies)
    emulator = severa_emulator.build_emulator(f"bulk:{invoices}", companies=companies)
    draft = {"guid": invoice_status_guid(DRAFT_STATUS)}
    for store in emulator.organisations:
        with store.batch():
            for invoice in store.all("invoices"):
                store.put("invoices", {**invoice, "status": draft})
    return emulator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("system", choices=("eekonomi", "severa"))
    parser.add_argument("--companies", type=int, default=200)
    parser.add_argument("--invoices", type=int, default=8, help="PM invoices (and customers) per organisation")
    parser.add_argument("--latency-ms", default="30-80")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    low, high = parse_latency(args.latency_ms)
    emulator = build(args.system, args.companies, args.invoices)
    _random_latency(emulator.faults, low, high, args.seed)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with EmulatorServer(emulator.app) as server:
        print(f"READY {server.base_url}", flush=True)
        threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
        stop.wait()
    emulator.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
