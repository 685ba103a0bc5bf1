"""The scale-out benchmark's own counting (benchmarks/scale_out_count.py, scale_out_phase.py): the slot a run is due
at, the lag it is charged, and what counts as an overlapping run of one company. Pure functions, no servers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from benchmarks.scale_out_count import RunRecord, due_slot, overlaps, percentile
from benchmarks.scale_out_phase import _served

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # 10:00 in Stockholm (winter time)


def _run(tenant: str, start: float, end: float | None, status: str = "ok") -> RunRecord:
    finished = T0 + timedelta(seconds=end) if end is not None else None
    return RunRecord(tenant, status, T0 + timedelta(seconds=start), finished, 1)


def test_scale_out_due_slot_is_the_interval_on_the_swedish_clock_at_or_before_the_start() -> None:
    assert due_slot(T0 + timedelta(minutes=7, seconds=30), 5) == T0 + timedelta(minutes=5)
    assert due_slot(T0 + timedelta(minutes=5), 5) == T0 + timedelta(minutes=5)
    summer = datetime(2026, 7, 1, 10, 3, tzinfo=UTC)  # 12:03 in Stockholm
    assert due_slot(summer, 5) == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)


def test_scale_out_overlap_is_a_later_run_of_the_same_company_starting_before_the_earlier_one_finished() -> None:
    runs = [_run("a", 0, 30), _run("a", 20, 40), _run("b", 0, 30), _run("a", 50, 60)]
    assert overlaps(runs) == {"a": 1}


def test_scale_out_an_interrupted_run_is_no_overlap_and_a_run_left_running_is() -> None:
    killed = [_run("a", 0, 200, status="interrupted"), _run("a", 130, 150)]  # closed when the take-over started
    assert overlaps(killed) == {}
    assert overlaps([_run("a", 0, None, status="running"), _run("a", 10, 20)]) == {"a": 1}


def test_scale_out_a_run_that_covers_missed_slots_is_charged_from_the_first_of_them() -> None:
    phase_start = T0 - timedelta(seconds=30)
    # company a ran for the 10:00 slot, then only at 10:11:00: it served the 10:05 slot (and 10:10), 6 minutes late
    served = _served([_run("a", 5, 20), _run("a", 660, 670)], phase_start, 5)
    assert [slot for slot, _ in served] == [T0, T0 + timedelta(minutes=5)]


def test_scale_out_percentiles() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == 50.5
    assert round(percentile(values, 0.95), 2) == 95.05
    assert percentile([], 0.5) == 0.0
