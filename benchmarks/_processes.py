"""The processes of the separated benchmark: each emulator in its own process, brygga's transfer in a child.

The parent (benchmarks/bench.py) never runs brygga's transfer code itself: it starts the emulators
(benchmarks/_emulator_process.py, always from this checkout), runs benchmarks/_brygga_child.py with
``PYTHONPATH=<brygga src>`` for setup and for each measured run, and reads each emulator's own CPU from
``/proc/<pid>/stat`` around the measured run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["EmulatorProcess", "child_env", "emulators", "run_child"]

BENCH_DIR = Path(__file__).resolve().parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class EmulatorProcess:
    system: str
    process: subprocess.Popen[str]
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cpu_seconds(self) -> float:
        """user + system CPU of the emulator process so far (all its threads), from /proc/<pid>/stat."""
        with open(f"/proc/{self.process.pid}/stat") as stat:
            # The command name (field 2) is in parentheses and may hold spaces: split after its closing one.
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (fields 14 and 15)

    def rss_kib(self) -> int:
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def _call(self, path: str, method: str = "GET") -> dict[str, Any]:
        request = urllib.request.Request(f"{self.base_url}{path}", method=method)
        with urllib.request.urlopen(request, timeout=30) as answer:
            return dict(json.loads(answer.read()))

    def counters(self) -> dict[str, Any]:
        return self._call("/_bench/counters")

    def configure(self, latency_ms: int, rate_limit: int) -> None:
        self._call(f"/_bench/config?latency_ms={latency_ms}&rate_limit={rate_limit}", method="POST")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _spawn(system: str, data: str, latency_ms: int, rate_limit: int, src: Path | None) -> subprocess.Popen[str]:
    command = [sys.executable, str(BENCH_DIR / "_emulator_process.py"), system, "--data", data]
    command += ["--latency-ms", str(latency_ms), "--rate-limit", str(rate_limit)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=_emulator_env(src))


def _ready(system: str, data: str, process: subprocess.Popen[str]) -> EmulatorProcess:
    """Waits for the port line, which the emulator prints once it accepts connections (after seeding)."""
    assert process.stdout is not None
    line = process.stdout.readline()  # blocks until the port is printed, or the process ends
    if not line:
        process.kill()
        raise RuntimeError(f"the {system} emulator ({data}) did not start (exit code {process.wait()})")
    return EmulatorProcess(system, process, int(json.loads(line)["port"]))


def _emulator_env(src: Path | None) -> dict[str, str]:
    """The emulators run this checkout's code (or ``src``'s), whatever brygga source the child measures."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


@contextmanager
def emulators(
    pm_data: str, latency_ms: int = 0, eek_rate_limit: int = 0, src: Path | None = None
) -> Iterator[dict[str, EmulatorProcess]]:
    """Visma PM with ``pm_data`` and an empty eEkonomi company, each in its own process; Severa unlimited (it
    documents no limit), eEkonomi at ``eek_rate_limit`` per endpoint (0: none). ``src``: the emulators' code."""
    data = {"severa": pm_data, "eekonomi": "empty"}
    limits = {"severa": 0, "eekonomi": eek_rate_limit}
    spawned: dict[str, subprocess.Popen[str]] = {}
    started: dict[str, EmulatorProcess] = {}
    try:
        for system in ("severa", "eekonomi"):  # both seed at once, each in its own process
            spawned[system] = _spawn(system, data[system], latency_ms, limits[system], src)
        for system, process in spawned.items():
            started[system] = _ready(system, data[system], process)
        yield started
    finally:
        for system, process in spawned.items():
            EmulatorProcess(system, process, 0).stop()


def child_env(brygga_src: Path | None, requests_per_minute: float | None) -> dict[str, str]:
    """The child's environment: PYTHONPATH at the measured checkout, client limits lifted for CPU runs."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("BRYGGA_")}
    env["PYTHONPATH"] = str(brygga_src) if brygga_src else str(BENCH_DIR.parent / "src")
    if requests_per_minute is not None:
        env["BRYGGA_EEK_REQUESTS_PER_MINUTE"] = str(requests_per_minute)
        env["BRYGGA_SEVERA_REQUESTS_PER_MINUTE"] = str(requests_per_minute)
    return env


def run_child(arguments: list[str], env: Mapping[str, str], workdir: Path) -> dict[str, Any]:
    """Runs benchmarks/_brygga_child.py; its figures come back as JSON in a file (brygga may print)."""
    out = workdir / f"child-{time.monotonic_ns()}.json"
    command = [sys.executable, str(BENCH_DIR / "_brygga_child.py"), *arguments, "--out", str(out)]
    done = subprocess.run(command, env=dict(env), cwd=workdir, capture_output=True, text=True)
    if done.returncode != 0 or not out.exists():
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise RuntimeError(f"the brygga child ({' '.join(arguments[:2])}) ended with {done.returncode}:\n{tail}")
    return dict(json.loads(out.read_text()))
