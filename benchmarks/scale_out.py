"""Scale-out benchmark: C companies on one PostgreSQL, scheduled every N minutes, run by 1, 2 and 4 ``brygga worker``
processes against the many-company emulators with latency (README: Skala ut).

    .venv/bin/python benchmarks/scale_out.py [--companies 200] [--workers 1,2,4] [--minutes 15]
        [--interval-minutes 5] [--latency-ms 30-80] [--kill [--kill-every 30]] [--quick] [--json]

Setup (untimed): a database of its own on the PostgreSQL server in test-artifacts/postgres.env (or
SCALE_OUT_OWNER_URL / SCALE_OUT_APP_URL), both emulators in processes of their own (eEkonomi empty, PM ``bulk:K``
per company), every company connected to its own eEkonomi company and PM organisation, its seeded customers,
articles and projects transferred once by hand, and a schedule every N minutes for customers and invoices.

Then, per worker count, one phase of ``--minutes`` (whole slots): the workers run (BRYGGA_DB = the application
role, BRYGGA_DB_OWNER = the owner), and half-way between slots every company gets its trickle through PM's public
API (a new customer with an address, a changed customer, one or two invoices marked for transfer). After the last
slot has drained, the workers get SIGTERM and everything is counted: from the run records (lag, overlaps,
capacity), from ``wait4`` (CPU), from ``pg_stat_activity`` (connections) and through both emulators' APIs
(duplicates, lost). ``--kill`` SIGKILLs a random worker at random moments (mean ``--kill-every`` seconds) and
starts it again. Figures are printed, never asserted; the exit code is 1 only when something was duplicated or
lost.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import simplejson

from benchmarks.scale_out_count import ApiCount, count_through_apis
from benchmarks.scale_out_phase import PhaseFigures, run_phase
from benchmarks.scale_out_trickle import Trickle
from benchmarks.scale_out_world import SCHEDULED, open_world

QUICK = {"companies": 20, "workers": "1,2", "minutes": 3, "interval_minutes": 1}


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--companies", type=int, default=200)
    parser.add_argument("--workers", default="1,2,4", help="worker processes per phase, e.g. 1,2,4")
    parser.add_argument("--minutes", type=int, default=15, help="per phase; whole slots of --interval-minutes")
    parser.add_argument("--interval-minutes", type=int, default=5, help="the schedule: every N minutes")
    parser.add_argument("--latency-ms", default="30-80", help="per emulator call: MS or LOW-HIGH")
    parser.add_argument("--invoices", type=int, default=0, help="PM invoices per company (default: enough)")
    parser.add_argument("--concurrency", type=int, default=None, help="brygga worker --concurrency N")
    parser.add_argument("--kill", action="store_true", help="SIGKILL a random worker at random moments")
    parser.add_argument("--kill-every", type=float, default=30.0, help="mean seconds between kills")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--quick", action="store_true", help="20 companies, workers 1,2, 3 minutes, every minute")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.quick:
        for key, value in QUICK.items():
            setattr(args, key, value)
    return args


def _print_phase(phase: PhaseFigures, count: ApiCount) -> None:
    f = phase.fleet
    kill = f", {f.kills} SIGKILLs" if phase.kill else ""
    print(
        f"\n{phase.workers} worker process(es){kill}: {phase.slots} slot(s), {phase.runs} runs {phase.runs_by_status}"
    )
    rows = [
        ("företag per minut (companies per minute, draining a slot)", f"{phase.companies_per_minute:.1f}"),
        ("objekt per sekund (objects per second)", f"{phase.objects_per_second:.2f} ({phase.objects} objects)"),
        (
            "fördröjning p50 / p95 / max från förfallen till klar (lag)",
            f"{phase.lag_p50_s:.1f} s / {phase.lag_p95_s:.1f} s / {phase.lag_max_s:.1f} s",
        ),
        ("uppsnabbning mot 1 process (speed-up)", f"{phase.speed_up:.2f} x"),
        (
            "överlappande körningar per företag (overlapping runs, goal 0)",
            f"{phase.overlapping_runs} in {phase.companies_overlapping} companies",
        ),
        ("företag inte klara vid fasens slut (companies not done)", str(phase.companies_not_done)),
        ("dubbletter / förlorade (duplicates / lost, goal 0, via the APIs)", f"{count.duplicates} / {count.lost}"),
        ("ändrade kunder som eEkonomi saknar (changes missing)", str(count.stale_changes)),
        (
            "worker-CPU per objekt (CPU per object)",
            f"{phase.cpu_ms_per_object:.1f} ms ({f.cpu_seconds:.1f} s in {f.processes} processes)",
        ),
        ("databasanslutningar, topp (connections: app role / all)", f"{f.peak_connections} / {f.peak_connections_all}"),
        ("databasens storlek (database size)", f"{phase.database_mb:.1f} MB, {phase.runs_in_database} runs"),
    ]
    for label, value in rows:
        print(f"  {label:<66} {value}")
    for example in count.examples:
        print(f"    {example}")


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    workers = [int(w) for w in args.workers.split(",") if w.strip()]
    slots = max(1, args.minutes // args.interval_minutes)
    invoices = args.invoices or max(4, 2 * slots * len(workers) + 2)
    root = Path(tempfile.mkdtemp(prefix="scale-out-"))
    say = (lambda *a, **k: None) if args.json else print
    say(
        f"Skala ut (scale-out): {args.companies} companies, {', '.join(SCHEDULED)} every {args.interval_minutes} "
        f"min, phases {workers} x {slots} slot(s), latency {args.latency_ms} ms, kill={args.kill}, seed {args.seed}, "
        f"{os.cpu_count()} cores; logs in {root}"
    )
    started = time.monotonic()
    phases: list[tuple[PhaseFigures, ApiCount]] = []
    with open_world(root, args.companies, invoices, args.latency_ms, args.interval_minutes, args.seed) as world:
        setup_seconds = time.monotonic() - started
        say(f"setup {setup_seconds:.0f} s (database, emulators, connections, first transfer by hand)")
        trickle = Trickle(world.pm_url, args.companies, args.seed)
        try:
            for index, count in enumerate(workers):
                say(f"phase: {count} worker process(es)")
                kill_every = args.kill_every if args.kill else None
                phase = run_phase(
                    world,
                    trickle,
                    count,
                    slots,
                    concurrency=args.concurrency,
                    kill_every=kill_every,
                    seed=args.seed + index,
                    log_dir=root / f"phase-{count}",
                    say=say,
                )
                phase.speed_up = (
                    phase.companies_per_minute / phases[0][0].companies_per_minute
                    if phases and phases[0][0].companies_per_minute
                    else 1.0
                )
                api = count_through_apis(world, trickle.ledger)
                phases.append((phase, api))
                if not args.json:
                    _print_phase(phase, api)
        finally:
            trickle.close()
    bad = any(api.duplicates or api.lost for _, api in phases)
    if args.json:
        report: dict[str, Any] = {
            "companies": args.companies,
            "interval_minutes": args.interval_minutes,
            "latency_ms": args.latency_ms,
            "kill": args.kill,
            "seed": args.seed,
            "setup_seconds": setup_seconds,
            "cores": os.cpu_count(),
            "trickle_errors": trickle.ledger.errors,
            "phases": [{**phase.as_json(), "api": asdict(api)} for phase, api in phases],
        }
        print(simplejson.dumps(report, indent=2, default=str))
    else:
        print(f"\ntrickle errors: {trickle.ledger.errors}; elapsed {time.monotonic() - started:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
