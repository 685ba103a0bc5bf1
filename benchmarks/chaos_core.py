"""The chaos run: ``python -m brygga transfer --all`` killed with SIGKILL at seeded random moments while both emulators
inject latency, 503s, apply-then-drop and 429 bursts; then recovery without faults; then what exists in both systems
(read through their APIs) against a fault-free baseline on a second, fresh pair of emulators.

Kills come in rounds of fresh emulators and a fresh store, so most of them land while there is still work to do.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from benchmarks.chaos_checks import compare, status_moves, store_state
from benchmarks.chaos_observe import Inventory, Observer
from benchmarks.chaos_world import KillPoint, World, open_world
from brygga_emulators.faults import FaultConfig

__all__ = ["ChaosConfig", "ChaosFigures", "run_chaos"]

Log = Callable[[str], None]
RUN_TIMEOUT = 300.0  # seconds one brygga process may take before the benchmark gives up on it
PHASES = {  # phase -> weight when drawing how the next run is killed
    "random moment": 4,
    "write applied, answer lost": 3,
    "write arriving": 1,
    "token refresh": 2,
}


@dataclass(frozen=True)
class ChaosConfig:
    runs: int = 200  # killed runs in all
    seed: int = 12
    per_round: int = 20  # killed runs on one pair of emulators before a fresh pair
    book: int = 3  # PM drafts a person books in eEkonomi during a round (the first one also paid)
    kill_window: float = 1.0  # random kills fall within this share of a full first run's time (the test: less)


@dataclass
class ChaosFigures:
    config: ChaosConfig
    kills: int = 0
    kills_by_phase: Counter[str] = field(default_factory=Counter)
    finished_before_kill: int = 0
    rounds: int = 0
    recovery_runs: int = 0
    reconnects: int = 0  # eEkonomi connections ended by a spent refresh token, connected again as a person would
    duplicates: Counter[str] = field(default_factory=Counter)
    lost: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    status_repeats: int = 0  # PATCHes that set the status the invoice already had (a lost answer resent)
    last_run_writes: int = 0  # write calls of each round's last recovery run, summed (goal 0)
    integrity: list[str] = field(default_factory=list)  # PRAGMA integrity_check answers that were not "ok"
    left_running: int = 0
    interrupted: int = 0
    baseline_seconds: Decimal = Decimal(0)
    elapsed: Decimal = Decimal(0)

    @property
    def ok(self) -> bool:
        return (
            not sum(self.duplicates.values())
            and not sum(self.lost.values())
            and not self.integrity
            and not self.left_running
        )


def _brygga(world: World, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "brygga", *args],
        env=world.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _transfer(
    world: World, points: list[KillPoint], actions: dict[int, Callable[[], None]], kill_after: float | None
) -> str | None:
    """One ``transfer --all``; killed at the first armed point reached, or ``kill_after`` seconds after its first
    request; returns the phase of the kill, or None when it finished by itself."""
    process = _brygga(world, "transfer", "--all", "--json")
    world.switch.arm(process.pid, points, actions)
    started = time.monotonic()
    deadline = None
    try:
        while process.poll() is None:
            now = time.monotonic()
            if deadline is None and world.switch.first_request.is_set():
                deadline = now + kill_after if kill_after is not None else None
                started = now
            if deadline is not None and now >= deadline:
                world.switch.kill("random moment")
            if now - started > RUN_TIMEOUT:
                world.switch.kill("timeout")
            time.sleep(0.01)
        process.communicate()
    finally:
        killed = world.switch.killed
        world.switch.disarm()
    return killed


def _timed_run(world: World) -> float:
    """A run that finishes; its seconds from the first request to the end."""
    process = _brygga(world, "transfer", "--all", "--json")
    world.switch.arm(process.pid, [], {})
    world.switch.first_request.wait(60)
    started = time.monotonic()
    process.communicate()
    world.switch.disarm()
    return time.monotonic() - started


def _reconnect_if_lost(world: World, figures: ChaosFigures, log: Log) -> None:
    if world.switch.token_denied:
        world.switch.token_denied = 0
        world.reconnect_eekonomi()
        figures.reconnects += 1
        log("  eEkonomi connection ended (refresh token spent): connected again")


def _draw(rng: random.Random, duration: float, booked_now: bool) -> tuple[str, list[KillPoint], float]:
    """How the next run is killed: its phase, the armed points and the time of the fallback kill."""
    phase = "PM status PATCH" if booked_now else rng.choices(list(PHASES), list(PHASES.values()))[0]
    fallback = rng.uniform(0.0, duration)
    mode = rng.choice(["arrived", "applied", "answered"])
    points: list[KillPoint] = []
    if phase == "PM status PATCH":
        points = [KillPoint(phase, "severa", "PATCH", "/v1/invoices/", 1, mode, rng.uniform(0.0, 0.05))]
        fallback = duration * 2
    elif phase.startswith("write"):
        system, prefix = rng.choice([("eekonomi", "/v2/"), ("severa", "/v1/")])
        kind = "applied" if phase.startswith("write applied") else "arrived"
        points = [KillPoint(phase, system, "WRITE", prefix, rng.randint(1, 40), kind)]
        fallback = duration * 2  # the armed write decides; the timer only ends a run that writes less
    elif phase == "token refresh":
        system, method, prefix = rng.choice([("eekonomi", "POST", "/connect/token")] * 3 + [("severa", "POST", "/v1/")])
        if system == "severa":
            prefix = "/v1/refreshtoken"
        points = [KillPoint(phase, system, method, prefix, 1, mode, rng.uniform(0.0, 0.05))]
        fallback = duration * 2
    return phase, points, fallback


def _faults(rng: random.Random) -> FaultConfig:
    return FaultConfig(
        latency_ms=rng.randint(0, 20), fail_rate=rng.uniform(0.05, 0.10), drop_rate=rng.uniform(0.05, 0.30)
    )


def _chaos_actions(world: World, rng: random.Random, phase: str) -> dict[int, Callable[[], None]]:
    """What happens to both emulators while the run goes: token expiry (every token refresh phase, else now and
    then) and a burst of 429s now and then."""
    actions: dict[int, Callable[[], None]] = {}
    if phase == "token refresh" or rng.random() < 0.2:

        def expire() -> None:
            world.eek.faults.expire_tokens()
            world.pm.faults.expire_tokens()

        actions[rng.randint(1, 120)] = expire
    if rng.random() < 0.4:
        side = rng.choice([world.eek, world.pm])
        count = rng.randint(3, 15)
        actions.setdefault(rng.randint(1, 200), lambda: side.faults.rate_limit_next(count))
    return actions


def _until_finished(world: World, figures: ChaosFigures, log: Log) -> None:
    """Fault-free runs until one finishes by itself (a lost connection is connected again first)."""
    for _ in range(5):
        _reconnect_if_lost(world, figures, log)
        figures.recovery_runs += 1
        if _transfer(world, [], {}, None) is None and not world.switch.token_denied:
            return
    raise RuntimeError("recovery runs did not finish")


def _baseline(root: Path, config: ChaosConfig, log: Log) -> tuple[Inventory, list[str], float, float]:
    """The same demo on fresh emulators, no faults and no kills: run, book, run, run. Returns what exists, the
    drafts a person books, how long the first run took (from its first request) and the whole baseline."""
    started = time.monotonic()
    with open_world(root / "baseline", config.seed) as world:
        observer = Observer(world.eek_url, world.pm_url)
        try:
            duration = _timed_run(world)
            rng = random.Random(config.seed)
            drafts = sorted(observer.pm_drafts())
            chosen = rng.sample(drafts, min(config.book, len(drafts)))
            observer.book(chosen, set(chosen[:1]))
            _timed_run(world)
            _timed_run(world)
            inventory = observer.inventory()
        finally:
            observer.close()
    log(f"baseline: first run {duration:.1f} s, {len(chosen)} drafts booked, {time.monotonic() - started:.0f} s")
    return inventory, chosen, duration, time.monotonic() - started


Plan = tuple[Inventory, list[str], float]  # the baseline's objects, the drafts a person books, its first run's time


def _round(
    root: Path, number: int, kills: int, config: ChaosConfig, plan: Plan, figures: ChaosFigures, log: Log
) -> None:
    baseline, chosen, duration = plan
    rng = random.Random(f"{config.seed}:{number}")
    with open_world(root / f"round-{number}", config.seed + number) as world:
        observer = Observer(world.eek_url, world.pm_url)
        try:
            pending = list(chosen)
            done = 0
            while done < kills:
                booked_now = False
                world.set_faults(FaultConfig())  # the faults belong to brygga's runs, not to the person's hand
                if pending and rng.random() < 0.25:  # a person books a draft in eEkonomi between two transfers
                    booked = observer.book([pending[0]], set(chosen[:1]))
                    if booked:
                        pending.pop(0)
                        booked_now = True
                world.set_faults(_faults(rng))
                phase, points, fallback = _draw(rng, duration * config.kill_window, booked_now)
                killed = _transfer(world, points, _chaos_actions(world, rng, phase), fallback)
                if killed is None:
                    figures.finished_before_kill += 1
                else:
                    done += 1
                    figures.kills += 1
                    figures.kills_by_phase[killed] += 1
                log(f"round {number} run: {phase} -> {killed or 'finished'} (kills {figures.kills}/{config.runs})")
                _reconnect_if_lost(world, figures, log)
            world.set_faults(FaultConfig())
            _until_finished(world, figures, log)
            observer.book(pending, set(chosen[:1]))  # the rest of what the person books
            _until_finished(world, figures, log)
            _until_finished(world, figures, log)  # nothing changed since: it should write nothing
            figures.last_run_writes += sum(world.switch.writes.values())
            _check(world, observer.inventory(), baseline, figures)
        finally:
            observer.close()
    figures.rounds += 1


def _check(world: World, found: Inventory, baseline: Inventory, figures: ChaosFigures) -> None:
    comparison = compare(found, baseline)
    figures.duplicates.update(comparison.duplicates)
    figures.lost.update(comparison.lost)
    moves, examples, repeats = status_moves(world.status_history, found.status_rank)
    figures.duplicates.update(moves)
    figures.status_repeats += repeats
    figures.examples.extend([*comparison.examples, *examples][:20])
    state = store_state(world)
    if state.integrity != "ok":
        figures.integrity.append(state.integrity)
    figures.left_running += state.running
    figures.interrupted += state.interrupted


def run_chaos(config: ChaosConfig, log: Log = lambda line: None, workdir: Path | None = None) -> ChaosFigures:
    """The whole benchmark: the baseline, then rounds of killed runs until ``config.runs`` kills, each round
    recovered and checked against the baseline."""
    started = time.monotonic()
    figures = ChaosFigures(config)
    with tempfile.TemporaryDirectory(prefix="brygga-chaos-", dir=workdir) as tmp:
        root = Path(tmp)
        baseline, chosen, duration, seconds = _baseline(root, config, log)
        figures.baseline_seconds = Decimal(str(round(seconds, 1)))
        number = 0
        while figures.kills < config.runs:
            number += 1
            kills = min(config.per_round, config.runs - figures.kills)
            _round(root, number, kills, config, (baseline, chosen, duration), figures, log)
    figures.elapsed = Decimal(str(round(time.monotonic() - started, 1)))
    return figures
