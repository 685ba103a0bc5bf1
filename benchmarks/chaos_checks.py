"""After a chaos round: what is duplicated or lost against the baseline, how PM invoice statuses moved, and whether
the store is whole and no run is left "running"."""

from __future__ import annotations

import itertools
import json
import sqlite3
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field

from benchmarks.chaos_observe import Inventory
from benchmarks.chaos_world import World

__all__ = ["Comparison", "StoreState", "compare", "status_moves", "store_state"]

STATUS_KIND = "pm_invoice_status"


@dataclass
class Comparison:
    duplicates: Counter[str] = field(default_factory=Counter)
    lost: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)


def compare(chaos: Inventory, baseline: Inventory) -> Comparison:
    """Per kind: objects beyond the baseline's count of a key are duplicates, objects short of it are lost. A PM
    invoice whose final status differs from the baseline's is a lost status change."""
    result = Comparison()
    for kind, expected in baseline.counts.items():
        if kind == STATUS_KIND:
            continue
        found = chaos.counts.get(kind, Counter())
        for key in expected.keys() | found.keys():
            extra, short = found[key] - expected[key], expected[key] - found[key]
            if extra > 0:
                result.duplicates[kind] += extra
                result.examples.append(f"duplicate {kind}: {key} x{found[key]} (baseline {expected[key]})")
            if short > 0:
                result.lost[kind] += short
                result.examples.append(f"lost {kind}: {key} (baseline {expected[key]}, found {found[key]})")
    for guid, status in baseline.final_status.items():
        if chaos.final_status.get(guid) != status:
            result.lost[STATUS_KIND] += 1
            result.examples.append(f"lost {STATUS_KIND}: {guid} is {chaos.final_status.get(guid)}, baseline {status}")
    return result


def status_moves(history: dict[str, list[str]], ranks: dict[str, int]) -> tuple[Counter[str], list[str], int]:
    """From the statuses each PM invoice had after every PATCH the emulator applied: changes that went backwards
    (paid to sent, sent to open) or entered a status the invoice had already left, and PATCHes that changed
    nothing (a lost answer resent: harmless, counted apart)."""
    bad: Counter[str] = Counter()
    examples = []
    repeats = 0
    for guid, statuses in history.items():
        moves = [statuses[0]] if statuses else []
        for status in statuses[1:]:
            if status == moves[-1]:
                repeats += 1
            else:
                moves.append(status)
        for before, after in itertools.pairwise(moves):
            if ranks.get(after, 0) < ranks.get(before, 0):
                bad["pm_status_backwards"] += 1
                examples.append(f"PM invoice {guid}: status went back {before} -> {after}")
        twice = [s for s, n in Counter(moves).items() if n > 1]
        if twice:
            bad["pm_status_twice"] += len(twice)
            examples.append(f"PM invoice {guid}: entered {', '.join(twice)} more than once ({' -> '.join(moves)})")
    return bad, examples, repeats


@dataclass(frozen=True)
class StoreState:
    integrity: str  # PRAGMA integrity_check's answer
    running: int  # runs `brygga status --json` still shows as running
    interrupted: int


def store_state(world: World) -> StoreState:
    connection = sqlite3.connect(f"file:{world.db_file}?mode=ro", uri=True)
    try:
        answer = "; ".join(str(row[0]) for row in connection.execute("PRAGMA integrity_check"))
    finally:
        connection.close()
    shown = subprocess.run(
        [sys.executable, "-m", "brygga", "status", "--json"],
        env=world.env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    data = json.loads(shown.stdout)
    states = [run["status"] for run in data.get("runs", [])]
    states += [run["state"] for run in data.get("categories", {}).values()]
    return StoreState(answer, states.count("running"), states.count("interrupted"))
