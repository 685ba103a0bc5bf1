"""One phase of the scale-out benchmark: W ``brygga worker`` processes for a number of schedule slots, the trickle
half-way between slots, then the figures from the run records.

A slot's capacity is how fast the burst of companies due at it drains: runs served by the slot over the time from
the slot to the last of them finishing. A run serves the first slot after the company's previous run started (the
slots it covers collapse into one run, as the scheduler promises), so its lag is finished_at minus that slot.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.scale_out_count import RunRecord, database_size, due_slot, overlaps, percentile, read_runs
from benchmarks.scale_out_fleet import Fleet, FleetFigures
from benchmarks.scale_out_trickle import Trickle
from benchmarks.scale_out_world import World

__all__ = ["PhaseFigures", "run_phase"]


@dataclass
class PhaseFigures:
    workers: int
    kill: bool
    slots: int
    runs: int
    runs_by_status: dict[str, int]
    companies_per_minute: float
    objects: int
    objects_per_second: float
    lag_p50_s: float
    lag_p95_s: float
    lag_max_s: float
    companies_not_done: int  # companies with no finished run for the last slot when the phase ended
    overlapping_runs: int
    companies_overlapping: int
    trickled_changes: int
    fleet: FleetFigures
    speed_up: float = 0.0
    database_mb: float = 0.0  # the whole database after the phase (every company, every run so far)
    runs_in_database: int = 0

    @property
    def cpu_ms_per_object(self) -> float:
        return 1000 * self.fleet.cpu_seconds / self.objects if self.objects else 0.0

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "cpu_ms_per_object": self.cpu_ms_per_object}


# How long a kill run's last slot may take to drain: the stalled-job check (a minute's tick) finds a killed worker
# silent for 60 s, and the job runs again; with margin.
RECOVERY_SECONDS = 180


def _sleep_until(moment: datetime) -> None:
    while (left := (moment - datetime.now(UTC)).total_seconds()) > 0:
        time.sleep(min(left, 1.0))


def _next_slot(after: datetime, interval: int) -> datetime:
    return due_slot(after, interval) + timedelta(minutes=interval)


def _served(runs: list[RunRecord], phase_start: datetime, interval: int) -> list[tuple[datetime, RunRecord]]:
    """(the slot each run serves, the run): the first slot after the company's previous run started."""
    previous: dict[str, datetime] = {}
    served = []
    for run in sorted(runs, key=lambda r: r.started_at):
        slot = _next_slot(previous.get(run.tenant, phase_start), interval)
        served.append((min(slot, due_slot(run.started_at, interval)), run))
        previous[run.tenant] = run.started_at
    return served


def _figures(world: World, runs: list[RunRecord], slots: list[datetime], phase_start: datetime) -> dict[str, Any]:
    interval = world.interval_minutes
    served = [(slot, run) for slot, run in _served(runs, phase_start, interval) if slot in slots]
    lags = [(run.finished_at - slot).total_seconds() for slot, run in served if run.finished_at is not None]
    span, companies, objects = 0.0, 0, 0
    for slot in slots:
        own = [run for s, run in served if s == slot and run.finished_at is not None]
        if own:
            span += max((run.finished_at - slot).total_seconds() for run in own if run.finished_at)
            companies += len(own)
            objects += sum(run.objects for run in own)
    last = {run.tenant for slot, run in served if slot == slots[-1] and run.finished_at is not None}
    found = overlaps(runs)
    statuses: dict[str, int] = {}
    for run in runs:
        statuses[run.status] = statuses.get(run.status, 0) + 1
    return {
        "runs": len(runs),
        "runs_by_status": statuses,
        "companies_per_minute": 60 * companies / span if span else 0.0,
        "objects": sum(run.objects for run in runs),
        "objects_per_second": objects / span if span else 0.0,
        "lag_p50_s": percentile(lags, 0.50),
        "lag_p95_s": percentile(lags, 0.95),
        "lag_max_s": max(lags, default=0.0),
        "companies_not_done": world.companies - len(last),
        "overlapping_runs": sum(found.values()),
        "companies_overlapping": len(found),
    }


def run_phase(
    world: World,
    trickle: Trickle,
    workers: int,
    slots: int,
    *,
    concurrency: int | None,
    kill_every: float | None,
    seed: int,
    log_dir: Path,
    say: Any = print,
) -> PhaseFigures:
    interval = world.interval_minutes
    phase_start = datetime.now(UTC)
    fleet = Fleet(world, workers, concurrency, log_dir)
    fleet.start(kill_every, seed)
    first = _next_slot(phase_start, interval)
    if (first - phase_start).total_seconds() < 20:  # the workers need a moment to start
        first += timedelta(minutes=interval)
    slot_times = [first + timedelta(minutes=interval * k) for k in range(slots)]
    changes = 0
    for slot in slot_times:
        half_way = slot - timedelta(minutes=interval / 2)
        _sleep_until(half_way)
        changes += trickle.one_interval()
        say(f"  {datetime.now(UTC):%H:%M:%S} trickle made {changes} changes so far; next slot {slot:%H:%M}")
    # drain: until every company has finished a run for the last slot, or just before the next slot
    end = slot_times[-1] + timedelta(minutes=interval) - timedelta(seconds=15)
    _sleep_until(slot_times[-1] + timedelta(seconds=5))
    if kill_every:  # the kills stop at the last slot; a killed worker's job comes back after the stalled-job check
        fleet.stop_killing()  # (60 s without a heartbeat, checked every minute), so the drain may take that long
        end = max(end, datetime.now(UTC) + timedelta(seconds=RECOVERY_SECONDS))
    while datetime.now(UTC) < end:
        done = _figures(world, read_runs(world, phase_start, datetime.now(UTC)), slot_times, phase_start)
        if done["companies_not_done"] == 0:
            break
        time.sleep(3)
    fleet_figures = fleet.stop()
    runs = read_runs(world, phase_start, datetime.now(UTC) + timedelta(seconds=1))
    figures = _figures(world, runs, slot_times, phase_start)
    size, stored = database_size(world)
    return PhaseFigures(
        workers,
        bool(kill_every),
        slots,
        trickled_changes=changes,
        fleet=fleet_figures,
        database_mb=size,
        runs_in_database=stored,
        **figures,
    )
