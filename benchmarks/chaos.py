"""Chaos benchmark: "never twice, never lost" under SIGKILL and faults, counted through both emulators' APIs.

    .venv/bin/python benchmarks/chaos.py [--runs 200] [--seed 12] [--per-round 20] [--json]

Both emulators (demo data, the demo's order file in brygga's inbox) inject latency, 5-10 % 503s, 5-30 %
"apply the write, then drop the answer", 429 bursts and expiring tokens (the eEkonomi refresh token rotates).
``python -m brygga transfer --all`` is killed with SIGKILL at seeded moments: at random, as a write arrives, after a
write was applied but before its answer left, during a token refresh and during the PM invoice status PATCH; a
person books drafts in eEkonomi between runs. Then recovery runs without faults, and every kind of object is counted
through the emulators' public APIs against a fault-free baseline on a second pair of emulators. Exit code 0 when
nothing was duplicated or lost, the store passes PRAGMA integrity_check and no run is left "running"; else 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: the repository root makes ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import simplejson

from benchmarks.chaos_core import ChaosConfig, ChaosFigures, run_chaos
from benchmarks.chaos_observe import KINDS

GOAL = "Mål: 200 avbrutna körningar, 0 dubbletter, 0 förlorade (goal: 200 killed runs, 0 duplicates, 0 lost)"
STATUS_KINDS = {
    "pm_status_backwards": "PM invoice status changes that went backwards",
    "pm_status_twice": "PM invoice statuses entered twice",
}


def to_json(figures: ChaosFigures) -> dict[str, Any]:
    labels = {**KINDS, **STATUS_KINDS}
    return {
        "command": f"benchmarks/chaos.py --runs {figures.config.runs} --seed {figures.config.seed} "
        f"--per-round {figures.config.per_round}",
        "goal": GOAL,
        "killed_runs": figures.kills,
        "kills_by_phase": dict(figures.kills_by_phase.most_common()),
        "runs_finished_before_their_kill": figures.finished_before_kill,
        "rounds": figures.rounds,
        "recovery_runs": figures.recovery_runs,
        "eekonomi_reconnects": figures.reconnects,
        "duplicates": {labels[kind]: figures.duplicates[kind] for kind in labels if kind != "pm_invoice_status"},
        "duplicates_total": sum(figures.duplicates.values()),
        "lost": {KINDS[kind]: figures.lost[kind] for kind in KINDS},
        "lost_total": sum(figures.lost.values()),
        "repeated_status_patches_without_change": figures.status_repeats,
        "writes_in_last_recovery_runs": figures.last_run_writes,
        "store_integrity": "ok" if not figures.integrity else figures.integrity,
        "runs_left_running": figures.left_running,
        "runs_shown_interrupted": figures.interrupted,
        "baseline_seconds": figures.baseline_seconds,
        "elapsed_seconds": figures.elapsed,
        "examples": figures.examples[:20],
        "ok": figures.ok,
    }


def render(data: dict[str, Any]) -> str:
    lines = [
        "Chaos run: " + data["command"],
        data["goal"],
        f"Avbrutna körningar (killed runs): {data['killed_runs']} in {data['rounds']} rounds; "
        f"{data['runs_finished_before_their_kill']} runs finished before their kill",
        "  by phase: " + ", ".join(f"{phase} {n}" for phase, n in data["kills_by_phase"].items()),
        f"Recovery runs without faults: {data['recovery_runs']}; eEkonomi reconnects: {data['eekonomi_reconnects']}",
        f"Dubbletter (duplicates): {data['duplicates_total']}",
        *(f"  {label}: {n}" for label, n in data["duplicates"].items()),
        f"Förlorade (lost, against the fault-free baseline): {data['lost_total']}",
        *(f"  {label}: {n}" for label, n in data["lost"].items()),
        f"Status PATCHes repeated without a change (a lost answer resent): "
        f"{data['repeated_status_patches_without_change']}",
        f"Writes in the last recovery run of each round: {data['writes_in_last_recovery_runs']} (goal 0)",
        f"Store PRAGMA integrity_check: {data['store_integrity']}; runs left running: {data['runs_left_running']}; "
        f"runs shown interrupted: {data['runs_shown_interrupted']}",
        f"Elapsed: {data['elapsed_seconds']} s (baseline {data['baseline_seconds']} s)",
        *data["examples"],
        "OK" if data["ok"] else "NOT OK",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200, help="killed runs in all (default 200)")
    parser.add_argument("--seed", type=int, default=12, help="seed of every random choice (default 12)")
    parser.add_argument("--per-round", type=int, default=20, help="killed runs per pair of emulators (default 20)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    config = ChaosConfig(runs=args.runs, seed=args.seed, per_round=args.per_round)
    figures = run_chaos(config, log=lambda line: print(line, file=sys.stderr, flush=True))
    data = to_json(figures)
    print(simplejson.dumps(data, use_decimal=True, indent=2) if args.json else render(data))
    return 0 if figures.ok else 1


if __name__ == "__main__":
    sys.exit(main())
