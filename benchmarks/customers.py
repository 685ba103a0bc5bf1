"""Performance figures for the customer transfer, against both emulators over real loopback HTTP.

    .venv/bin/python benchmarks/customers.py [--customers 1000] [--latency-ms 100] [--json]

1. A first run: N PM customers (Severa ``bulk:N``) into an empty eEkonomi company, no latency.
2. A rerun right after with nothing changed: it should write nothing.
3. The first run again on fresh emulators with latency on both, against the rate-limit bound
   (N POSTs to ``/customers`` at brygga's per-endpoint limit). ``--latency-ms 0`` leaves this run out.

It prints figures and never asserts: goals are shown next to them, for a person to judge.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import simplejson
from _harness import SYSTEMS, BenchConfig, RunFigures, open_bench
from rich.console import Console
from rich.table import Table

PER_CUSTOMER_GOAL = Decimal("1.05")
SYSTEM_LABELS = {"eekonomi": "eEkonomi", "severa": "Visma PM"}
THOUSANDTHS = Decimal("0.001")


@dataclass(frozen=True)
class Results:
    config: BenchConfig
    eek_requests_per_minute: Decimal
    setup_token_calls: dict[str, int]
    first: RunFigures
    rerun: RunFigures
    latency_run: RunFigures | None

    @property
    def bound_seconds(self) -> Decimal:
        """N POSTs to one endpoint at brygga's limit for it: the least time the creates can take."""
        return (Decimal(self.config.customers) * 60 / self.eek_requests_per_minute).quantize(THOUSANDTHS)


def _ratio(numerator: int | Decimal, denominator: int | Decimal) -> Decimal | None:
    return (Decimal(numerator) / Decimal(denominator)).quantize(THOUSANDTHS) if denominator else None


async def measure(config: BenchConfig) -> Results:
    async with open_bench(replace(config, latency_ms=0)) as bench:
        first = await bench.measure()
        rerun = await bench.measure()
        limit = Decimal(str(bench.eek_requests_per_minute))
        concurrency, setup_tokens = bench.concurrency, bench.setup_token_calls
    latency_run = None
    if config.latency_ms > 0:
        async with open_bench(config) as bench:
            latency_run = await bench.measure()
    return Results(replace(config, concurrency=concurrency), limit, setup_tokens, first, rerun, latency_run)


# figures -------------------------------------------------------------------------------------------
def _answers_429(run: RunFigures) -> int:
    return sum(system.rate_limited for system in run.systems.values())


def _run_json(run: RunFigures) -> dict[str, Any]:
    return {
        "transferred": run.succeeded,
        "failed": run.failed,
        "skipped": run.skipped,
        "wall_seconds": run.wall_seconds,
        "api_calls": {name: run.systems[name].api_calls for name in SYSTEMS},
        "write_calls": {name: run.systems[name].write_calls for name in SYSTEMS},
        "token_calls": {name: run.systems[name].token_calls for name in SYSTEMS},
        "rate_limited_429": {name: run.systems[name].rate_limited for name in SYSTEMS},
        "calls_by_endpoint": {name: dict(sorted(run.systems[name].client_calls.items())) for name in SYSTEMS},
        "first_errors": run.first_errors,
    }


def to_json(results: Results) -> dict[str, Any]:
    first = results.first
    data: dict[str, Any] = {
        "parameters": {
            "customers": results.config.customers,
            "latency_ms": results.config.latency_ms,
            "concurrency": results.config.concurrency,
            "eek_emulator_rate_limit_per_minute": results.config.eek_rate_limit,
            "eek_client_requests_per_minute": results.eek_requests_per_minute,
        },
        "connect_token_calls": results.setup_token_calls,
        "first_run": {
            **_run_json(first),
            "api_calls_per_customer": _ratio(first.api_calls, first.succeeded),
            "api_calls_per_customer_goal": PER_CUSTOMER_GOAL,
            # What the ratio would be had no request met a 429: shows how much of a miss is the rate limiter's.
            "api_calls_per_customer_without_429": _ratio(first.api_calls - _answers_429(first), first.succeeded),
            "objects_per_second": _ratio(first.succeeded, first.wall_seconds),
        },
        "rerun": {**_run_json(results.rerun), "write_calls_goal": 0},
    }
    if results.latency_run is not None:
        data["latency_run"] = {
            **_run_json(results.latency_run),
            "rate_limit_bound_seconds": results.bound_seconds,
            "wall_over_bound": _ratio(results.latency_run.wall_seconds, results.bound_seconds),
        }
    return data


# tables --------------------------------------------------------------------------------------------
def _per_system(values: dict[str, int]) -> str:
    return ", ".join(f"{SYSTEM_LABELS[name]} {values[name]}" for name in SYSTEMS) + f" (total {sum(values.values())})"


def _goal(value: Decimal | int | None, goal: Decimal | int) -> str:
    if value is None:
        return "n/a (nothing transferred)"
    if value <= goal:
        return f"met (goal ≤ {goal})"
    return f"MISSED by {value - goal} (goal ≤ {goal})"


def _common_rows(run: dict[str, Any]) -> list[tuple[str, str]]:
    errors = [("First errors", "\n".join(run["first_errors"]))] if run["first_errors"] else []
    return [
        ("Customers transferred", f"{run['transferred']} ok, {run['failed']} failed, {run['skipped']} skipped"),
        ("API calls", _per_system(run["api_calls"])),
        ("Write calls (POST/PUT/PATCH/DELETE)", _per_system(run["write_calls"])),
        ("Token calls (seen by the emulators)", _per_system(run["token_calls"])),
        ("429 answers", _per_system(run["rate_limited_429"])),
        ("Wall time", f"{run['wall_seconds']} s"),
        *errors,
    ]


def _figures_table(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False)
    table.add_column("Figure", style="bold")
    table.add_column("Value")
    for label, value in rows:
        table.add_row(label, value)
    return table


def _endpoint_table(title: str, run: dict[str, Any]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("System")
    table.add_column("Endpoint")
    table.add_column("Calls", justify="right")
    for name in SYSTEMS:
        for endpoint, calls in run["calls_by_endpoint"][name].items():
            table.add_row(SYSTEM_LABELS[name], endpoint, str(calls))
    return table


def render(data: dict[str, Any], console: Console) -> None:
    params, first, rerun = data["parameters"], data["first_run"], data["rerun"]
    n = params["customers"]
    per_customer = first["api_calls_per_customer"]
    console.print(
        _figures_table(
            f"1. First run: {n} PM customers into an empty eEkonomi company, latency 0",
            [
                *_common_rows(first),
                ("API calls per transferred customer", f"{per_customer}: {_goal(per_customer, PER_CUSTOMER_GOAL)}"),
                ("  the same without the 429 resends", str(first["api_calls_per_customer_without_429"])),
                ("Objects per second", str(first["objects_per_second"])),
                ("Token calls while connecting (before run 1)", _per_system(data["connect_token_calls"])),
            ],
        )
    )
    console.print(_endpoint_table("   First run, calls by endpoint", first))
    rerun_writes = sum(rerun["write_calls"].values())
    console.print(
        _figures_table(
            "2. Rerun right after, nothing changed",
            [*_common_rows(rerun), ("Write calls in total", f"{rerun_writes}: {_goal(rerun_writes, 0)}")],
        )
    )
    console.print(_endpoint_table("   Rerun, calls by endpoint", rerun))
    if "latency_run" in data:
        _render_latency(data["latency_run"], params, console)


def _render_latency(run: dict[str, Any], params: dict[str, Any], console: Console) -> None:
    bound = run["rate_limit_bound_seconds"]
    per_minute = params["eek_client_requests_per_minute"]
    console.print(
        _figures_table(
            f"3. First run again, latency {params['latency_ms']} ms on both emulators",
            [
                *_common_rows(run),
                ("Rate-limit bound", f"{bound} s ({params['customers']} POST /customers at {per_minute}/min)"),
                ("Wall time / bound", str(run["wall_over_bound"])),
                ("Effective concurrency", str(params["concurrency"])),
                ("eEkonomi emulator limit", f"{params['eek_emulator_rate_limit_per_minute'] or 'none'} per minute"),
            ],
        )
    )


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=1000, help="PM customers to transfer (default 1000)")
    parser.add_argument("--latency-ms", type=int, default=100, help="latency of run 3; 0 leaves run 3 out")
    parser.add_argument("--concurrency", type=int, default=8, help="brygga's concurrency setting (default 8)")
    parser.add_argument(
        "--eek-rate-limit", type=int, default=600, help="the eEkonomi emulator's limit per minute; 0: none"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = _parse(sys.argv[1:] if argv is None else argv)
    config = BenchConfig(args.customers, args.latency_ms, args.eek_rate_limit or None, args.concurrency)
    data = to_json(asyncio.run(measure(config)))
    if args.json:
        print(simplejson.dumps(data, use_decimal=True, indent=2))
    else:
        # Piped into a file or a report, Rich would fold the tables to 80 columns.
        render(data, Console() if sys.stdout.isatty() else Console(width=110))


if __name__ == "__main__":
    main()
