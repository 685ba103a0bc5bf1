"""The separated benchmark end to end at a tiny size: both emulators in processes of their own, brygga's setup and
measured run in child processes, the emulators' CPU read from /proc (benchmarks/_bench_runs.py); and the emulator
process's control routes (benchmarks/_emulator_process.py) in process."""

from __future__ import annotations

from pathlib import Path

import httpx
from benchmarks._bench_report import figures
from benchmarks._bench_runs import CATEGORIES, RunOptions, cpu_run
from benchmarks._emulator_process import BenchControl

from brygga_emulators import eekonomi
from brygga_emulators.faults import FaultConfig

SRC = Path(__file__).resolve().parents[2] / "src"


def test_bench_measures_brygga_in_a_child_process_apart_from_the_emulators() -> None:
    measured = cpu_run(CATEGORIES["customers"], 20, RunOptions(brygga_src=None, latency_ms=0, rerun=False))
    first = measured["first"]
    assert first["outcome"]["succeeded"] == 20
    assert first["brygga_module"] == str(SRC / "brygga")
    assert 0 < first["run_cpu_seconds"] <= first["process_cpu_seconds"]
    assert first["peak_rss_kib"] > 10_000  # KiB: a Python process with brygga imported
    # The emulators served the run from their own processes: their CPU and requests are counted there.
    assert first["emulators"]["eekonomi"]["requests"]["POST /v2/customers"] == 20
    assert first["emulators"]["eekonomi"]["cpu_seconds"] > 0
    result = figures("customers", {"cpu_run": measured})
    assert result["first_run"]["api_calls"]["eekonomi"] == sum(first["calls_by_endpoint"]["eekonomi"].values())


async def test_bench_emulator_control_sets_latency_and_rate_limit_and_is_not_counted_as_api_traffic() -> None:
    emulator = eekonomi.build_emulator("empty", config=FaultConfig())
    try:
        control = BenchControl(emulator.app, emulator.faults)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=control), base_url="http://emu") as client:
            answer = await client.post("/_bench/config", params={"latency_ms": 5, "rate_limit": 600})
            assert answer.json() == {"latency_ms": 5, "rate_limit": 600}
            assert emulator.faults.config.rate_limit_per_minute == 600
            await client.get("/v2/companysettings")  # no token: answered 401 and counted
            counters = (await client.get("/_bench/counters")).json()
            await client.post("/_bench/config", params={"rate_limit": 0})
        assert counters["statuses"] == {"401": 1}
        assert emulator.faults.config.rate_limit_per_minute is None
    finally:
        emulator.close()
