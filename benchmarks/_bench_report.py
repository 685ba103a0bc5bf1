"""Figures and tables of the separated benchmark (benchmarks/bench.py): per category brygga's CPU per object and
peak RSS (measured in its own process), API calls per object by system, the emulators' CPU, wall time, the rerun's
writes and the bound run's time against its rate-limit bound, with issue 16's goals beside them.

Nothing here asserts: the goals are printed for a person to judge.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks._bench_runs import CATEGORIES, SYSTEMS

__all__ = ["CPU_GOAL_MS", "RSS_GOAL_MB", "figures", "render", "with_httpx_floor"]

CPU_GOAL_MS = Decimal("1.0")
RSS_GOAL_MB = Decimal("200")
RSS_GOAL_AT = 100_000
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LABELS = {"eekonomi": "eEkonomi", "severa": "Visma PM"}
MILLI = Decimal("0.001")


def _d(value: float | int) -> Decimal:
    return Decimal(str(value))


def _ratio(numerator: Decimal | float | int, denominator: Decimal | float | int) -> Decimal | None:
    return (_d(numerator) / _d(denominator)).quantize(MILLI) if denominator else None


def _calls(run: dict[str, Any], system: str) -> int:
    return sum(run["calls_by_endpoint"][system].values())


def _writes(run: dict[str, Any]) -> int:
    return sum(
        n
        for system in SYSTEMS
        for key, n in run["calls_by_endpoint"][system].items()
        if key.split()[0] in WRITE_METHODS
    )


def _statuses(run: dict[str, Any], status: str) -> dict[str, int]:
    return {system: run["emulators"][system]["statuses"].get(status, 0) for system in SYSTEMS}


def _run_figures(run: dict[str, Any]) -> dict[str, Any]:
    outcome = run["outcome"]
    ok = outcome["succeeded"]
    calls = {system: _calls(run, system) for system in SYSTEMS}
    return {
        "succeeded": ok,
        "failed": outcome["failed"],
        "skipped": outcome["skipped"],
        "first_errors": outcome["first_errors"],
        "brygga_run_cpu_seconds": _d(run["run_cpu_seconds"]),
        "brygga_process_cpu_seconds": _d(run["process_cpu_seconds"]),
        "brygga_cpu_ms_per_object": _ratio(_d(run["run_cpu_seconds"]) * 1000, ok),
        "brygga_process_cpu_ms_per_object": _ratio(_d(run["process_cpu_seconds"]) * 1000, ok),
        "brygga_peak_rss_mb": (_d(run["peak_rss_kib"]) / 1024).quantize(Decimal("0.1")),
        "api_calls": calls,
        "api_calls_per_object": {
            **{system: _ratio(n, ok) for system, n in calls.items()},
            "total": _ratio(sum(calls.values()), ok),
        },
        "write_calls": _writes(run),
        "answers_429": _statuses(run, "429"),
        "emulator_cpu_seconds": {system: _d(run["emulators"][system]["cpu_seconds"]) for system in SYSTEMS},
        "emulator_rss_mb": {
            system: (_d(run["emulators"][system]["rss_kib"]) / 1024).quantize(Decimal("0.1")) for system in SYSTEMS
        },
        "wall_seconds": _d(run["wall_seconds"]),
        "calls_by_endpoint": run["calls_by_endpoint"],
    }


def _busiest(run: dict[str, Any], system: str) -> dict[str, Any]:
    calls = run["calls_by_endpoint"][system]
    endpoint, most = max(calls.items(), key=lambda pair: pair[1], default=("none", 0))
    per_minute = _d(run["requests_per_minute"][system])
    return {"endpoint": endpoint, "calls": most, "bound_seconds": (most * 60 / per_minute).quantize(MILLI)}


def _bound_figures(name: str, bound: dict[str, Any]) -> dict[str, Any]:
    category, run = CATEGORIES[name], bound["run"]
    per_minute = _d(run["requests_per_minute"]["eekonomi"])
    bound_seconds = (bound["count"] * 60 / per_minute).quantize(MILLI)
    wall = _d(run["wall_seconds"])
    busiest = {system: _busiest(run, system) for system in SYSTEMS}
    return {
        **_run_figures(run),
        "count": bound["count"],
        "latency_ms": bound["latency_ms"],
        "eek_emulator_rate_limit_per_minute": bound["eek_emulator_rate_limit_per_minute"],
        "client_requests_per_minute": run["requests_per_minute"],
        "bound_endpoint": category.bound_endpoint,
        "bound_seconds": bound_seconds,
        "wall_over_bound": _ratio(wall, bound_seconds),
        "wall_over_bound_goal": _d(category.bound_goal) if category.bound_goal else None,
        "busiest_endpoint": busiest,
        "wall_over_busiest_bound": {system: _ratio(wall, b["bound_seconds"]) for system, b in busiest.items()},
    }


def figures(name: str, measured: dict[str, Any]) -> dict[str, Any]:
    """The printed figures of one category, from the raw child and emulator figures."""
    if "cpu_run" not in measured:
        return {"error": measured.get("error", "no figures")}
    category, cpu = CATEGORIES[name], measured["cpu_run"]
    result: dict[str, Any] = {
        "count": cpu["count"],
        "severa_data_set": cpu["severa_data_set"],
        "setup": cpu["setup"]["outcomes"],
        "brygga_module": cpu["first"]["brygga_module"],
        "first_run": _run_figures(cpu["first"]),
        "goals": {
            "brygga_cpu_ms_per_object": CPU_GOAL_MS,
            "brygga_peak_rss_mb_at_100000": RSS_GOAL_MB,
            "api_calls_per_object_total": _d(category.calls_goal) if category.calls_goal else None,
            "rerun_write_calls": 0,
            "wall_over_bound": _d(category.bound_goal) if category.bound_goal else None,
        },
    }
    if "rerun" in cpu:
        result["rerun"] = _run_figures(cpu["rerun"])
    if "bound_run" in measured:
        result["bound_run"] = _bound_figures(name, measured["bound_run"])
    if "error" in measured:
        result["error"] = measured["error"]
    return result


def with_httpx_floor(result: dict[str, Any], floor_ms: float) -> dict[str, Any]:
    """The first run's CPU per object with httpx's own cost per call taken off (calls per object × the floor):
    what brygga's mapping, checks, store and scheduling cost beyond the HTTP library."""
    run = result.get("first_run")
    if run and run["brygga_cpu_ms_per_object"] is not None and run["api_calls_per_object"]["total"] is not None:
        http = run["api_calls_per_object"]["total"] * _d(floor_ms)
        run["httpx_floor_ms_per_object"] = http.quantize(MILLI)
        run["brygga_cpu_ms_per_object_beyond_httpx"] = (run["brygga_cpu_ms_per_object"] - http).quantize(MILLI)
    return result


# tables --------------------------------------------------------------------------------------------
def _judge(value: Decimal | int | None, goal: Decimal | int | None) -> str:
    if value is None:
        return "n/a"
    if goal is None:
        return str(value)
    return f"{value} ({'met' if value <= goal else 'MISSED'})"


def _per_system(values: dict[str, Any]) -> str:
    return " / ".join(str(values[system]) for system in SYSTEMS)


Row = tuple[str, list[str], str]
Cell = Callable[[dict[str, Any]], str]


def _cells(data: dict[str, dict[str, Any]], section: str, cell: Cell) -> list[str]:
    """One cell per category from ``section`` (first_run, rerun, bound_run); "–" where that run is missing."""
    return [cell(figures_[section]) if section in figures_ else "–" for figures_ in data.values()]


def _rows(data: dict[str, dict[str, Any]]) -> list[Row]:
    goals = {name: _goal(figures_, "api_calls_per_object_total") for name, figures_ in data.items()}
    calls_cells = [
        _judge(figures_["first_run"]["api_calls_per_object"]["total"], goals[name]) for name, figures_ in data.items()
    ]
    return [
        ("Objects (ok / failed / skipped)", _cells(data, "first_run", _outcome), ""),
        (
            "brygga CPU ms per object, the run",
            _cells(data, "first_run", lambda f: _judge(f["brygga_cpu_ms_per_object"], CPU_GOAL_MS)),
            f"≤ {CPU_GOAL_MS}",
        ),
        (
            "  httpx's own share (calls × its floor) / the rest",
            _cells(data, "first_run", _floor_cell),
            "",
        ),
        (
            "  whole child process (imports incl.)",
            _cells(data, "first_run", lambda f: str(f["brygga_process_cpu_ms_per_object"])),
            "",
        ),
        ("  brygga CPU s (run / process)", _cells(data, "first_run", _cpu_seconds), ""),
        ("brygga peak RSS MB", [_rss(figures_) for figures_ in data.values()], f"≤ {RSS_GOAL_MB} at {RSS_GOAL_AT:,}"),
        ("API calls per object (total)", calls_cells, "customers ≤ 1.02"),
        ("  eEkonomi / Visma PM", _cells(data, "first_run", lambda f: _per_system(f["api_calls_per_object"])), ""),
        ("  calls eEkonomi / Visma PM", _cells(data, "first_run", lambda f: _per_system(f["api_calls"])), ""),
        ("429 answers eEkonomi / Visma PM", _cells(data, "first_run", lambda f: _per_system(f["answers_429"])), "0"),
        (
            "Emulator CPU s eEkonomi / Visma PM",
            _cells(data, "first_run", lambda f: _per_system(f["emulator_cpu_seconds"])),
            "",
        ),
        ("Wall s (no limits, no latency)", _cells(data, "first_run", lambda f: str(f["wall_seconds"])), ""),
        ("Rerun: write calls", _cells(data, "rerun", lambda r: _judge(r["write_calls"], 0)), "0"),
        ("Rerun: calls; brygga CPU s run / process", _cells(data, "rerun", _rerun_cell), ""),
        *_bound_rows(data),
    ]


def _floor_cell(run: dict[str, Any]) -> str:
    if "brygga_cpu_ms_per_object_beyond_httpx" not in run:
        return "–"
    return f"{run['httpx_floor_ms_per_object']} / {run['brygga_cpu_ms_per_object_beyond_httpx']}"


def _outcome(run: dict[str, Any]) -> str:
    return f"{run['succeeded']} / {run['failed']} / {run['skipped']}"


def _cpu_seconds(run: dict[str, Any]) -> str:
    return f"{run['brygga_run_cpu_seconds']} / {run['brygga_process_cpu_seconds']}"


def _rerun_cell(run: dict[str, Any]) -> str:
    return f"{sum(run['api_calls'].values())}; {_cpu_seconds(run)}"


def _goal(data: dict[str, Any], key: str) -> Decimal | None:
    goal = data["goals"][key]
    return goal if isinstance(goal, Decimal) else None


def _rss(data: dict[str, Any]) -> str:
    rss = data["first_run"]["brygga_peak_rss_mb"]
    return _judge(rss, RSS_GOAL_MB) if data["count"] >= RSS_GOAL_AT else str(rss)


def _bound_rows(data: dict[str, dict[str, Any]]) -> list[Row]:
    bounds = [figures_["bound_run"] for figures_ in data.values() if "bound_run" in figures_]
    if not bounds:
        return []
    latency = bounds[0]["latency_ms"]
    return [
        (
            f"Bound run ({latency} ms latency): objects ok",
            _cells(data, "bound_run", lambda b: f"{b['succeeded']} of {b['count']}"),
            "",
        ),
        ("  bound: N × bounding endpoint", _cells(data, "bound_run", _bound_cell), ""),
        ("  wall s", _cells(data, "bound_run", lambda b: str(b["wall_seconds"])), ""),
        (
            "  wall / bound",
            _cells(data, "bound_run", lambda b: _judge(b["wall_over_bound"], b["wall_over_bound_goal"])),
            "invoices ≤ 1.15",
        ),
        (
            "  busiest Visma PM endpoint: wall / its bound",
            _cells(data, "bound_run", lambda b: _busiest_cell(b, "severa")),
            "",
        ),
        ("  brygga CPU ms per object", _cells(data, "bound_run", lambda b: str(b["brygga_cpu_ms_per_object"])), ""),
        ("  429 answers eEkonomi / Visma PM", _cells(data, "bound_run", lambda b: _per_system(b["answers_429"])), "0"),
        (
            "  emulator CPU s eEkonomi / Visma PM",
            _cells(data, "bound_run", lambda b: _per_system(b["emulator_cpu_seconds"])),
            "",
        ),
    ]


def _bound_cell(bound: dict[str, Any]) -> str:
    per_minute = bound["client_requests_per_minute"]["eekonomi"]
    return f"{bound['bound_seconds']} s ({bound['bound_endpoint']} at {per_minute:g}/min)"


def _busiest_cell(bound: dict[str, Any], system: str) -> str:
    """Only an endpoint called for most objects can bound the run; a few list reads cannot."""
    busiest = bound["busiest_endpoint"][system]
    if busiest["calls"] * 2 < bound["count"]:
        return f"– (at most {busiest['calls']} calls on one endpoint)"
    per_minute = bound["client_requests_per_minute"][system]
    ratio = bound["wall_over_busiest_bound"][system]
    return f"{busiest['endpoint']} {busiest['calls']} at {per_minute:g}/min: {ratio}"


def render(data: dict[str, dict[str, Any]], header: list[str], console: Console) -> None:
    for line in header:
        console.print(line)
    failed = {name: figures_["error"] for name, figures_ in data.items() if "error" in figures_}
    data = {name: figures_ for name, figures_ in data.items() if "first_run" in figures_}
    names = list(data)
    table = Table(title="brygga measured apart from the emulators (issue 16)", title_justify="left")
    table.add_column("Figure", style="bold", no_wrap=True)
    for name in names:
        table.add_column(f"{name} ({data[name]['count']:,})", justify="right")
    table.add_column("goal")
    for label, cells, goal in _rows(data):
        table.add_row(label, *cells, goal)
    console.print(table)
    _render_endpoints(data, console)
    for name, error in failed.items():
        console.print(f"{name}: NOT MEASURED completely: {error}")
    for name in names:
        errors = data[name]["first_run"]["first_errors"]
        if errors:
            console.print(f"{name}: first errors: " + "; ".join(errors))
        setup = data[name]["setup"]
        for setup_name, outcome in setup.items():
            if outcome["failed"]:
                console.print(
                    f"{name}: setup {setup_name}: {outcome['failed']} failed: " + "; ".join(outcome["first_errors"])
                )


def _render_endpoints(data: dict[str, dict[str, Any]], console: Console) -> None:
    table = Table(title="First run, brygga's calls by endpoint (per object)", title_justify="left")
    for column in ("Category", "System", "Endpoint"):
        table.add_column(column)
    table.add_column("Calls", justify="right")
    table.add_column("Per object", justify="right")
    for name, figures_ in data.items():
        first = figures_["first_run"]
        for system in SYSTEMS:
            for endpoint, calls in sorted(first["calls_by_endpoint"][system].items()):
                table.add_row(name, LABELS[system], endpoint, str(calls), str(_ratio(calls, first["succeeded"])))
    console.print(table)
