"""The ``brygga worker`` processes of one phase of the scale-out benchmark: started, optionally SIGKILLed at random
moments and started again, stopped with SIGTERM; their CPU time from ``wait4`` (every process, killed ones too),
and the database connections they use, sampled from ``pg_stat_activity`` twice a second.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.scale_out_world import World

__all__ = ["Fleet", "FleetFigures", "worker_command"]

STAGGER_SECONDS = 2.0
STOP_SECONDS = 150.0  # SIGTERM lets the running jobs finish (the queue worker waits up to 120 s); then killed


def worker_command(concurrency: int | None) -> list[str]:
    command = [sys.executable, "-m", "brygga", "worker"]
    return [*command, "--concurrency", str(concurrency)] if concurrency else command


@dataclass
class FleetFigures:
    cpu_seconds: float = 0.0  # user + system of every worker process, killed ones included
    processes: int = 0
    kills: int = 0
    exit_codes: list[int] = field(default_factory=list)
    peak_connections: int = 0  # the application role's connections to the benchmark's database
    peak_connections_all: int = 0  # every role's (the owner's migrations and the sampler's own included)


class Fleet:
    def __init__(self, world: World, workers: int, concurrency: int | None, log_dir: Path) -> None:
        self.world = world
        self.workers = workers
        self.concurrency = concurrency
        self.log_dir = log_dir
        self.figures = FleetFigures()
        self._procs: list[subprocess.Popen[bytes] | None] = [None] * workers
        self._logs: list[IO[bytes]] = []
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._no_more_kills = threading.Event()
        self._threads: list[threading.Thread] = []

    # processes ------------------------------------------------------------------------------------------
    def _start(self, slot: int) -> None:
        log = (self.log_dir / f"worker-{slot}.log").open("ab")
        self._logs.append(log)
        command = worker_command(self.concurrency)
        self._procs[slot] = subprocess.Popen(command, env=self.world.env(), stdout=log, stderr=subprocess.STDOUT)
        self.figures.processes += 1

    def _reap(self, process: subprocess.Popen[bytes], *, wait: bool = True) -> bool:
        """Collect the process's exit and CPU time (``wait4``, so killed processes count too); False when it has
        not ended (``wait=False``)."""
        try:
            pid, status, usage = os.wait4(process.pid, 0 if wait else os.WNOHANG)
        except ChildProcessError:  # already collected elsewhere: its exit is known, its CPU time is not
            self.figures.exit_codes.append(process.returncode if process.returncode is not None else -1)
            return True
        if not pid:
            return False
        process.returncode = os.waitstatus_to_exitcode(status)
        self.figures.cpu_seconds += usage.ru_utime + usage.ru_stime
        self.figures.exit_codes.append(process.returncode)
        return True

    def start(self, kill_every: float | None, seed: int) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        for slot in range(self.workers):
            # a moment apart: workers started in the same instant raced in their start-up grants ("tuple
            # concurrently updated", one exited); see README Skala ut
            time.sleep(STAGGER_SECONDS if slot else 0)
            self._start(slot)
        self._threads.append(threading.Thread(target=self._sample, daemon=True))
        if kill_every:
            self._threads.append(threading.Thread(target=self._killer, args=(kill_every, seed), daemon=True))
        for thread in self._threads:
            thread.start()

    def stop_killing(self) -> None:
        """No more kills; the workers keep running (the last slot drains, killed workers' jobs are taken over)."""
        self._no_more_kills.set()

    def _killer(self, mean_seconds: float, seed: int) -> None:
        rng = random.Random(seed)
        while not self._done.wait(rng.expovariate(1.0 / mean_seconds)):
            if self._no_more_kills.is_set():
                return
            with self._lock:
                slot = rng.randrange(self.workers)
                process = self._procs[slot]
                if process is None:
                    continue
                os.kill(process.pid, signal.SIGKILL)  # not send_signal: it polls, which would reap it first
                self._reap(process)
                self.figures.kills += 1
                self._start(slot)

    def stop(self) -> FleetFigures:
        self._done.set()
        with self._lock:
            running = [p for p in self._procs if p is not None]
            for process in running:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGTERM)
            deadline = time.monotonic() + STOP_SECONDS
            for process in running:
                while not self._reap(process, wait=False):
                    if time.monotonic() > deadline:
                        with contextlib.suppress(ProcessLookupError):
                            os.kill(process.pid, signal.SIGKILL)
                        self._reap(process)
                        break
                    time.sleep(0.2)
            self._procs = [None] * self.workers
        for thread in self._threads:
            thread.join(timeout=5)
        for log in self._logs:
            log.close()
        return self.figures

    # connections ----------------------------------------------------------------------------------------
    def _sample(self) -> None:
        app_role = make_url(self.world.app_url).username
        database = make_url(self.world.app_url).database
        engine = create_engine(self.world.owner_url, pool_size=1)
        query = text("SELECT usename, count(*) FROM pg_stat_activity WHERE datname = :db GROUP BY usename")
        try:
            with engine.connect() as conn:
                while not self._done.wait(0.5):
                    counts = {str(row[0]): int(row[1]) for row in conn.execute(query, {"db": database})}
                    conn.commit()
                    self.figures.peak_connections = max(self.figures.peak_connections, counts.get(app_role or "", 0))
                    self.figures.peak_connections_all = max(self.figures.peak_connections_all, sum(counts.values()))
        finally:
            engine.dispose()
