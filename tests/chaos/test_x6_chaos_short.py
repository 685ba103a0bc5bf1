"""X6 under chaos, short: ten ``brygga transfer --all`` processes killed with SIGKILL at seeded moments (at random,
at writes, after a write landed but before its answer, in token refreshes and the PM status PATCH) while both
emulators inject latency, 503s, apply-then-drop and 429 bursts; after recovery nothing is duplicated or lost against
a fault-free baseline, counted through the emulators' APIs. The full run is ``make chaos`` (benchmarks/chaos.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.chaos_core import ChaosConfig, run_chaos

pytestmark = [pytest.mark.chaos, pytest.mark.scenario]


def test_x6_ten_killed_transfers_leave_no_duplicate_and_lose_nothing(tmp_path: Path) -> None:
    figures = run_chaos(ChaosConfig(runs=10, seed=7, per_round=10, kill_window=0.5), workdir=tmp_path)
    assert figures.kills == 10
    assert not figures.examples, figures.examples
    assert sum(figures.duplicates.values()) == 0
    assert sum(figures.lost.values()) == 0
    assert figures.integrity == [] and figures.left_running == 0
    assert figures.last_run_writes == 0  # recovered to a fixed point: a rerun writes nothing
