"""The measured runs and printed figures of one transfer category, shared by the article and project benchmarks.

A :class:`Subject` says what is transferred (the category, its nouns, how many PM objects ``bulk:N`` holds, the
endpoint whose per-endpoint rate limit bounds the run); the rest is the same for every category:

1. a first run into an empty eEkonomi company, no latency;
2. a rerun right after with nothing changed: it should write nothing;
3. the first run again on fresh emulators with latency on both, against the rate-limit bound
   (N writes to the bound endpoint at brygga's per-endpoint limit). ``--latency-ms 0`` leaves this run out.

A subject with ``setup_categories`` (invoices need customers, articles and projects) has them transferred
untimed before runs 1 and 3, without latency or rate limits; one with ``system_goals`` is judged per system and
shows its calls per object by endpoint and its busiest PM endpoint, since it calls PM per object too.

It prints figures and never asserts: goals are shown next to them, for a person to judge.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import simplejson
from _harness import SYSTEMS, BenchConfig, RunFigures, SetupFigures, open_bench
from rich.console import Console
from rich.table import Table

__all__ = ["Subject", "main"]

PER_OBJECT_GOAL = Decimal("1.05")
SYSTEM_LABELS = {"eekonomi": "eEkonomi", "severa": "Visma PM"}
THOUSANDTHS = Decimal("0.001")


@dataclass(frozen=True)
class Subject:
    """What one benchmark transfers and what bounds it."""

    category: str  # the transfer category run: "articles", "projects"
    noun: str  # one object, in the figures: "article"
    plural: str  # also the name of the CLI's count option: "--articles"
    source: str  # the PM side in titles: "PM products"
    target: str  # the eEkonomi side in titles: "an empty eEkonomi company"
    bound_endpoint: str  # one write per object goes here: "POST /articles"
    default_count: int
    pm_bulk_for: Callable[[int], int]  # the N of Severa's ``bulk:N`` that holds this many objects
    store_settings: tuple[tuple[str, str], ...] = ()
    setup_categories: tuple[str, ...] = ()  # transferred untimed before every measured run
    per_object_goal: Decimal | None = PER_OBJECT_GOAL  # all API calls per object; None: judged by system only
    # A category that calls both systems per object (invoices read rows and set a status in PM) is judged per
    # system: goals by system name, and its figures per object by system and by endpoint.
    system_goals: tuple[tuple[str, Decimal], ...] = ()
    notes: tuple[str, ...] = ()  # printed under the first run's figures: what a person needs to read them

    @property
    def by_system(self) -> bool:
        return bool(self.system_goals)


@dataclass(frozen=True)
class Results:
    subject: Subject
    count: int
    config: BenchConfig
    eek_requests_per_minute: Decimal
    setup_token_calls: dict[str, int]
    first: RunFigures
    rerun: RunFigures
    latency_run: RunFigures | None
    pm_requests_per_minute: Decimal = Decimal(480)
    setups: tuple[SetupFigures, ...] = ()  # one per bench: the first run's, then the latency run's

    def seconds_at_limit(self, calls: int, per_minute: Decimal | None = None) -> Decimal:
        """``calls`` requests to one endpoint at brygga's limit for it: the least time they can take."""
        return (Decimal(calls) * 60 / (per_minute or self.eek_requests_per_minute)).quantize(THOUSANDTHS)

    @property
    def bound_seconds(self) -> Decimal:
        return self.seconds_at_limit(self.count)


def _ratio(numerator: int | Decimal, denominator: int | Decimal) -> Decimal | None:
    return (Decimal(numerator) / Decimal(denominator)).quantize(THOUSANDTHS) if denominator else None


async def measure(subject: Subject, count: int, config: BenchConfig) -> Results:
    setups = []
    async with open_bench(replace(config, latency_ms=0)) as bench:
        setups.append(bench.setup)
        first = await bench.measure()
        rerun = await bench.measure()
        limit = Decimal(str(bench.eek_requests_per_minute))
        pm_limit = Decimal(str(bench.session.settings.severa_requests_per_minute))
        concurrency, setup_tokens = bench.concurrency, bench.setup_token_calls
    latency_run = None
    if config.latency_ms > 0:
        async with open_bench(config) as bench:
            setups.append(bench.setup)
            latency_run = await bench.measure()
    config = replace(config, concurrency=concurrency)
    done = tuple(setup for setup in setups if setup is not None)
    return Results(subject, count, config, limit, setup_tokens, first, rerun, latency_run, pm_limit, done)


# figures -------------------------------------------------------------------------------------------
def _answers_429(run: RunFigures) -> int:
    return sum(system.rate_limited for system in run.systems.values())


def _run_json(run: RunFigures) -> dict[str, Any]:
    return {
        "transferred": run.succeeded,
        "failed": run.failed,
        "skipped": run.skipped,
        "wall_seconds": run.wall_seconds,
        "objects_per_second": _ratio(run.succeeded, run.wall_seconds) if run.succeeded else None,
        "api_calls": {name: run.systems[name].api_calls for name in SYSTEMS},
        "write_calls": {name: run.systems[name].write_calls for name in SYSTEMS},
        "token_calls": {name: run.systems[name].token_calls for name in SYSTEMS},
        "rate_limited_429": {name: run.systems[name].rate_limited for name in SYSTEMS},
        "calls_by_endpoint": {name: dict(sorted(run.systems[name].client_calls.items())) for name in SYSTEMS},
        "first_errors": run.first_errors,
    }


def _busiest_endpoint(results: Results, run: RunFigures, system: str = "eekonomi") -> dict[str, Any]:
    """The endpoint of ``system`` brygga sent most to (resends included): its own limiter makes its calls the
    run's true lower bound, which is the planned bound unless calls went somewhere unplanned."""
    calls = run.systems[system].client_calls
    endpoint, most = max(calls.items(), key=lambda pair: pair[1], default=("none", 0))
    per_minute = results.pm_requests_per_minute if system == "severa" else results.eek_requests_per_minute
    return {"endpoint": endpoint, "calls": most, "bound_seconds": results.seconds_at_limit(most, per_minute)}


def _latency_json(results: Results, run: RunFigures) -> dict[str, Any]:
    busiest = _busiest_endpoint(results, run)
    data = {
        **_run_json(run),
        "rate_limit_bound_endpoint": results.subject.bound_endpoint,
        "rate_limit_bound_seconds": results.bound_seconds,
        "wall_over_bound": _ratio(run.wall_seconds, results.bound_seconds),
        "busiest_eek_endpoint": busiest,
        "wall_over_busiest_endpoint_bound": _ratio(run.wall_seconds, busiest["bound_seconds"]),
    }
    if results.subject.by_system:
        # PM has a limit of its own per endpoint (brygga's severa_requests_per_minute), which may bind first.
        pm_busiest = _busiest_endpoint(results, run, "severa")
        data["busiest_pm_endpoint"] = pm_busiest
        data["pm_requests_per_minute"] = results.pm_requests_per_minute
        data["wall_over_busiest_pm_endpoint_bound"] = _ratio(run.wall_seconds, pm_busiest["bound_seconds"])
    return data


def _by_system_json(subject: Subject, run: RunFigures) -> dict[str, Any]:
    """Calls per transferred object by system and by endpoint, with each system's goal."""
    noun, ok = subject.noun, run.succeeded
    return {
        f"api_calls_per_{noun}_by_system": {name: _ratio(run.systems[name].api_calls, ok) for name in SYSTEMS},
        f"api_calls_per_{noun}_goals": dict(subject.system_goals),
        f"api_calls_per_{noun}_by_endpoint": {
            name: {key: _ratio(n, ok) for key, n in sorted(run.systems[name].client_calls.items())} for name in SYSTEMS
        },
    }


def _setup_json(setup: SetupFigures) -> dict[str, Any]:
    outcomes = {
        name: {"transferred": ok, "failed": failed, "skipped": skipped}
        for name, (ok, failed, skipped) in setup.outcomes.items()
    }
    return {"categories": outcomes, "wall_seconds": setup.wall_seconds, "first_errors": setup.first_errors}


def to_json(results: Results) -> dict[str, Any]:
    first, subject = results.first, results.subject
    noun = subject.noun
    data: dict[str, Any] = {
        "parameters": {
            results.subject.plural: results.count,
            "severa_data_set": f"bulk:{results.config.pm_bulk}",
            "latency_ms": results.config.latency_ms,
            "concurrency": results.config.concurrency,
            "eek_emulator_rate_limit_per_minute": results.config.eek_rate_limit,
            "eek_client_requests_per_minute": results.eek_requests_per_minute,
        },
        "connect_token_calls": results.setup_token_calls,
        "first_run": {
            **_run_json(first),
            f"api_calls_per_{noun}": _ratio(first.api_calls, first.succeeded),
            f"api_calls_per_{noun}_goal": subject.per_object_goal,
            # What the ratio would be had no request met a 429: shows how much of a miss is the rate limiter's.
            f"api_calls_per_{noun}_without_429": _ratio(first.api_calls - _answers_429(first), first.succeeded),
        },
        "rerun": {**_run_json(results.rerun), "write_calls_goal": 0},
    }
    if subject.by_system:
        data["first_run"].update(_by_system_json(subject, first))
    if subject.notes:
        data["notes"] = list(subject.notes)
    if subject.setup_categories:
        data["parameters"]["setup_categories"] = list(subject.setup_categories)
        data["setup"] = [_setup_json(setup) for setup in results.setups]
    if results.latency_run is not None:
        data["latency_run"] = _latency_json(results, results.latency_run)
    return data


# tables --------------------------------------------------------------------------------------------
def _per_system(values: Mapping[str, int]) -> str:
    return ", ".join(f"{SYSTEM_LABELS[name]} {values[name]}" for name in SYSTEMS) + f" (total {sum(values.values())})"


def _goal(value: Decimal | int | None, goal: Decimal | int) -> str:
    if value is None:
        return "n/a (nothing transferred)"
    if value <= goal:
        return f"met (goal ≤ {goal})"
    return f"MISSED by {value - goal} (goal ≤ {goal})"


def _common_rows(subject: Subject, run: dict[str, Any]) -> list[tuple[str, str]]:
    errors = [("First errors", "\n".join(run["first_errors"]))] if run["first_errors"] else []
    transferred = f"{run['transferred']} ok, {run['failed']} failed, {run['skipped']} skipped"
    return [
        (f"{subject.plural.capitalize()} transferred", transferred),
        ("API calls", _per_system(run["api_calls"])),
        ("Write calls (POST/PUT/PATCH/DELETE)", _per_system(run["write_calls"])),
        ("Token calls (seen by the emulators)", _per_system(run["token_calls"])),
        ("429 answers", _per_system(run["rate_limited_429"])),
        ("Wall time", f"{run['wall_seconds']} s"),
        ("Objects per second", str(run["objects_per_second"] or "n/a (nothing transferred)")),
        *errors,
    ]


def _figures_table(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False)
    table.add_column("Figure", style="bold")
    table.add_column("Value")
    for label, value in rows:
        table.add_row(label, value)
    return table


def _endpoint_table(
    title: str, run: dict[str, Any], noun: str = "", per_object: dict[str, dict[str, Any]] | None = None
) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("System")
    table.add_column("Endpoint")
    table.add_column("Calls", justify="right")
    if per_object is not None:
        table.add_column(f"Per {noun}", justify="right")
    for name in SYSTEMS:
        for endpoint, calls in run["calls_by_endpoint"][name].items():
            ratio = [] if per_object is None else [str(per_object[name][endpoint])]
            table.add_row(SYSTEM_LABELS[name], endpoint, str(calls), *ratio)
    return table


def _per_object_rows(subject: Subject, run: dict[str, Any]) -> list[tuple[str, str]]:
    noun = subject.noun
    per_object, goal = run[f"api_calls_per_{noun}"], subject.per_object_goal
    judged = _goal(per_object, goal) if goal is not None else "no goal on the total, judged by system"
    rows = [(f"API calls per transferred {noun}", f"{per_object}: {judged}")]
    if subject.by_system:
        goals = run[f"api_calls_per_{noun}_goals"]
        for name, ratio in run[f"api_calls_per_{noun}_by_system"].items():
            verdict = f": {_goal(ratio, goals[name])}" if name in goals else " (no goal)"
            rows.append((f"  {SYSTEM_LABELS[name]} calls per {noun}", f"{ratio}{verdict}"))
    rows.append(("  the same without the 429 resends", str(run[f"api_calls_per_{noun}_without_429"])))
    return rows


def _setup_table(subject: Subject, data: dict[str, Any]) -> Table:
    rows = []
    for index, setup in enumerate(data["setup"]):
        label = "before run 1" if index == 0 else "before run 3"
        counts = ", ".join(
            f"{name} {c['transferred']} ok/{c['failed']} failed/{c['skipped']} skipped"
            for name, c in setup["categories"].items()
        )
        rows.append((f"Setup {label}", f"{counts}; {setup['wall_seconds']} s"))
        if setup["first_errors"]:
            rows.append(("  first errors", "\n".join(setup["first_errors"])))
    title = f"0. Setup, untimed, without latency or rate limits: {', '.join(subject.setup_categories)}"
    return _figures_table(title, rows)


def render(subject: Subject, data: dict[str, Any], console: Console) -> None:
    params, first, rerun = data["parameters"], data["first_run"], data["rerun"]
    if "setup" in data:
        console.print(_setup_table(subject, data))
    title = f"1. First run: {params[subject.plural]} {subject.source} into {subject.target}, latency 0"
    rows = [
        *_common_rows(subject, first),
        *_per_object_rows(subject, first),
        ("Token calls while connecting (before run 1)", _per_system(data["connect_token_calls"])),
    ]
    console.print(_figures_table(title, rows))
    by_endpoint = first.get(f"api_calls_per_{subject.noun}_by_endpoint")
    console.print(_endpoint_table("   First run, calls by endpoint", first, subject.noun, by_endpoint))
    for note in data.get("notes", []):
        console.print(f"   Note: {note}")
    rerun_writes = sum(rerun["write_calls"].values())
    rows = [*_common_rows(subject, rerun), ("Write calls in total", f"{rerun_writes}: {_goal(rerun_writes, 0)}")]
    console.print(_figures_table("2. Rerun right after, nothing changed", rows))
    console.print(_endpoint_table("   Rerun, calls by endpoint", rerun))
    if "latency_run" in data:
        _render_latency(subject, data["latency_run"], params, console)


def _render_latency(subject: Subject, run: dict[str, Any], params: dict[str, Any], console: Console) -> None:
    per_minute = params["eek_client_requests_per_minute"]
    bound, busiest = run["rate_limit_bound_seconds"], run["busiest_eek_endpoint"]
    planned = f"{params[subject.plural]} {run['rate_limit_bound_endpoint']} at {per_minute}/min"
    rows = [
        *_common_rows(subject, run),
        ("Rate-limit bound (per endpoint)", f"{bound} s ({planned})"),
        ("Wall time / bound", str(run["wall_over_bound"])),
        (
            "Busiest eEkonomi endpoint",
            f"{busiest['endpoint']}: {busiest['calls']} calls, ≥ {busiest['bound_seconds']} s; "
            f"wall / that = {run['wall_over_busiest_endpoint_bound']}",
        ),
        *_pm_bound_rows(run),
        ("Effective concurrency", str(params["concurrency"])),
        ("eEkonomi emulator limit", f"{params['eek_emulator_rate_limit_per_minute'] or 'none'} per minute"),
    ]
    console.print(_figures_table(f"3. First run again, latency {params['latency_ms']} ms on both emulators", rows))
    console.print(_endpoint_table("   Latency run, calls by endpoint", run))


def _pm_bound_rows(run: dict[str, Any]) -> list[tuple[str, str]]:
    if "busiest_pm_endpoint" not in run:
        return []
    busiest = run["busiest_pm_endpoint"]
    return [
        (
            "Busiest Visma PM endpoint",
            f"{busiest['endpoint']}: {busiest['calls']} calls at {run['pm_requests_per_minute']}/min, "
            f"≥ {busiest['bound_seconds']} s; wall / that = {run['wall_over_busiest_pm_endpoint_bound']}",
        )
    ]


# command line --------------------------------------------------------------------------------------
def _parse(subject: Subject, description: str | None, argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        f"--{subject.plural}",
        dest="count",
        type=int,
        default=subject.default_count,
        help=f"{subject.source} to transfer (default {subject.default_count})",
    )
    parser.add_argument("--latency-ms", type=int, default=100, help="latency of run 3; 0 leaves run 3 out")
    parser.add_argument("--concurrency", type=int, default=8, help="brygga's concurrency setting (default 8)")
    parser.add_argument(
        "--eek-rate-limit", type=int, default=600, help="the eEkonomi emulator's limit per minute; 0: none"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    return parser.parse_args(argv)


def main(subject: Subject, description: str | None, argv: list[str] | None = None) -> None:
    args = _parse(subject, description, sys.argv[1:] if argv is None else argv)
    config = BenchConfig(
        subject.pm_bulk_for(args.count),
        args.latency_ms,
        args.eek_rate_limit or None,
        args.concurrency,
        subject.category,
        subject.store_settings,
        subject.setup_categories,
    )
    data = to_json(asyncio.run(measure(subject, args.count, config)))
    if args.json:
        print(simplejson.dumps(data, use_decimal=True, indent=2))
    else:
        # Piped into a file or a report, Rich would fold the tables to 80 columns.
        render(subject, data, Console() if sys.stdout.isatty() else Console(width=110))
