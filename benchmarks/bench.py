"""brygga's cost per transferred object, measured apart from the emulators (issue 16, goal 6).

    .venv/bin/python benchmarks/bench.py [--categories customers,articles,projects,invoices,orders] [--size 1000]
        [--latency-size 300] [--latency-ms 100] [--brygga-src PATH] [--emulators-src PATH] [--memory 100000]
        [--json] [--save FILE]
    .venv/bin/python benchmarks/bench.py --compare BEFORE.json AFTER.json

Each emulator runs in a process of its own (benchmarks/_emulator_process.py) and each brygga step in a child
process (benchmarks/_brygga_child.py), so brygga's CPU (getrusage of the child: around the transfer and for the
whole process) and peak RSS are its own; the emulators' CPU is read from /proc over the same run. Per category:

1. CPU run: Visma PM ``bulk:N`` into an empty eEkonomi company, no latency, rate limits lifted in both emulators
   and in brygga's clients (``BRYGGA_*_REQUESTS_PER_MINUTE``); untimed setup first (invoices: customers, articles
   and projects; orders: N generated GKS orders of 5 rows in the inbox), then the first run and a rerun with
   nothing changed, each in a fresh child.
2. Bound run (``--latency-ms``, 0 leaves it out): ``--latency-size`` objects on fresh emulators with that latency,
   eEkonomi's documented 600 calls a minute per endpoint, brygga's default client limits; wall time against
   N writes to the bounding endpoint at brygga's per-endpoint limit.

``--brygga-src PATH`` runs the children with ``PYTHONPATH=PATH`` (a checkout or its ``src``), the emulators stay
this checkout's: ``git worktree add /tmp/before <commit>`` then ``--brygga-src /tmp/before`` measures an older
brygga against the same emulators (``--emulators-src`` pins those too, while the emulators are being changed).
``--memory N`` runs the memory check instead: N customers and N articles, CPU runs only, peak RSS against the goal
of 200 MB at 100,000. ``--save FILE`` keeps the figures as JSON, and
``--compare BEFORE.json AFTER.json`` prints two saved runs side by side.

It prints figures and never asserts: issue 16's goals are shown next to them, for a person to judge.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the benchmarks package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import simplejson
from rich.console import Console

from benchmarks._bench_compare import compare, load
from benchmarks._bench_report import figures, render, with_httpx_floor
from benchmarks._bench_runs import CATEGORIES, RunOptions, measure_category
from benchmarks._httpx_floor import measure as measure_httpx_floor

__all__ = ["category_main", "main"]

DEFAULT_CATEGORIES = "customers,articles,projects,invoices,orders"
MEMORY_CATEGORIES = ("customers", "articles")


def brygga_src(path: str | None) -> Path | None:
    """``PATH/src`` when PATH is a checkout, else PATH itself; it must hold the ``brygga`` package."""
    if path is None:
        return None
    root = Path(path).resolve()
    for candidate in (root / "src", root):
        if (candidate / "brygga" / "__init__.py").exists():
            return candidate
    raise SystemExit(f"--brygga-src {path}: no brygga package in {root}/src or {root}")


def _revision(src: Path) -> str:
    """The measured checkout's commit (and whether it has local changes), for the header."""
    try:
        head = subprocess.run(
            ["git", "-C", str(src), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(src), "status", "--porcelain", "--untracked-files=no", "."],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}{' with local changes' if dirty else ''}"


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--categories", default=DEFAULT_CATEGORIES, help=f"comma-separated (default {DEFAULT_CATEGORIES})"
    )
    parser.add_argument("--size", type=int, default=1000, help="objects per category in the CPU run (default 1000)")
    parser.add_argument("--latency-size", type=int, default=300, help="objects in the bound run (default 300)")
    parser.add_argument("--latency-ms", type=int, default=100, help="latency of the bound run; 0 leaves it out")
    parser.add_argument("--concurrency", type=int, default=8, help="brygga's concurrency setting (default 8)")
    parser.add_argument("--brygga-src", help="measure the brygga at PATH (a checkout or its src) instead of this one")
    parser.add_argument(
        "--emulators-src", help="run the emulators from PATH (a checkout or its src), to pin them across runs"
    )
    parser.add_argument(
        "--memory", type=int, metavar="N", help="memory check: N customers and N articles, CPU runs only"
    )
    parser.add_argument("--no-rerun", action="store_true", help="leave the rerun with nothing changed out")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--save", metavar="FILE", help="also write the figures as JSON to FILE")
    parser.add_argument(
        "--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="print two saved runs side by side, measure nothing"
    )
    args = parser.parse_args(argv)
    unknown = [c for c in args.categories.split(",") if c not in CATEGORIES]
    if unknown:
        parser.error(f"unknown categories: {', '.join(unknown)} (known: {', '.join(CATEGORIES)})")
    return args


def run(args: argparse.Namespace) -> dict[str, Any]:
    src = brygga_src(args.brygga_src)
    this_src = Path(__file__).resolve().parent.parent / "src"
    measured_src = src or this_src
    if args.memory:
        names, size, latency_ms = list(MEMORY_CATEGORIES), args.memory, 0
    else:
        names, size, latency_ms = args.categories.split(","), args.size, args.latency_ms
    emulators_src = brygga_src(args.emulators_src)
    options = RunOptions(src, args.concurrency, latency_ms, not args.no_rerun, emulators_src)
    results = {}
    for name in names:
        results[name] = figures(name, measure_category(CATEGORIES[name], size, args.latency_size, options))
    # httpx's own CPU per request on this machine, measured now: the floor under brygga's CPU per object.
    floor = measure_httpx_floor()
    results = {name: with_httpx_floor(figures_, floor["cpu_ms_per_request"]) for name, figures_ in results.items()}
    return {
        "parameters": {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "brygga_src": str(measured_src),
            "brygga_revision": _revision(measured_src),
            "emulators_src": str(emulators_src or this_src),
            "emulators_revision": _revision(emulators_src or this_src),
            "size": size,
            "latency_size": args.latency_size if latency_ms else None,
            "latency_ms": latency_ms,
            "concurrency": args.concurrency,
            "memory_check": bool(args.memory),
            "httpx_floor": floor,
            "cpus": os.cpu_count(),
            "load_average_at_end": list(os.getloadavg()),
        },
        "categories": results,
    }


def main(argv: list[str] | None = None) -> None:
    args = _parse(sys.argv[1:] if argv is None else argv)
    # SIGTERM (and SIGINT, which a shell's background job ignores) end the bench through its cleanup: the child
    # is killed and both emulator processes are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # Piped into a file or a report, Rich would fold the tables to 80 columns.
    console = Console() if sys.stdout.isatty() else Console(width=220)
    if args.compare:
        compare(load(args.compare[0]), load(args.compare[1]), console)
        return
    data = run(args)
    if args.save:
        Path(args.save).write_text(simplejson.dumps(data, use_decimal=True, indent=2))
    if args.json:
        print(simplejson.dumps(data, use_decimal=True, indent=2))
        return
    params = data["parameters"]
    load_average = ", ".join(f"{x:.2f}" for x in params["load_average_at_end"])
    header = [
        f"brygga measured: {params['brygga_src']} at {params['brygga_revision']}; emulators: "
        f"{params['emulators_src']} at {params['emulators_revision']}; "
        f"{params['cpus']} CPUs, load average at the end {load_average}",
    ]
    floor = params.get("httpx_floor")
    if floor:
        header.append(
            f"httpx alone (a bare AsyncClient POSTing JSON at concurrency {floor['concurrency']}, benchmarks/"
            f"_httpx_floor.py): {floor['cpu_ms_per_request']} ms CPU per request on this machine"
        )
    render(data["categories"], header, console)


def category_main(name: str, default_count: int, description: str | None, argv: list[str] | None = None) -> None:
    """The one-category scripts (customers.py, articles.py, projects.py, invoices.py) with their old options:
    ``--<category> N`` objects in the CPU run and in the bound run."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(f"--{name}", dest="count", type=int, default=default_count, help=f"default {default_count}")
    parser.add_argument("--latency-ms", type=int, default=100, help="latency of the bound run; 0 leaves it out")
    parser.add_argument("--concurrency", type=int, default=8, help="brygga's concurrency setting (default 8)")
    parser.add_argument("--brygga-src", help="measure the brygga at PATH (a checkout or its src)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    forwarded = ["--categories", name, "--size", str(args.count), "--latency-size", str(args.count)]
    forwarded += ["--latency-ms", str(args.latency_ms), "--concurrency", str(args.concurrency)]
    forwarded += ["--brygga-src", args.brygga_src] if args.brygga_src else []
    main([*forwarded, "--json"] if args.json else forwarded)


if __name__ == "__main__":
    main()
