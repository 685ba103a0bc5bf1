"""The measured runs of the separated benchmark, one category at a time (see benchmarks/bench.py).

Per category: a CPU run (emulators and brygga's clients without rate limits, no latency): untimed setup in one
child, the first run in a second and a rerun in a third; then, unless the latency is 0, a bound run on fresh
emulators at the documented limits with latency on both, judged against the rate-limit bound of the category's
bounding endpoint at brygga's own per-endpoint limit.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks._processes import EmulatorProcess, child_env, emulators, run_child

__all__ = ["CATEGORIES", "LIFTED_PER_MINUTE", "Category", "RunOptions", "measure_category"]

LIFTED_PER_MINUTE = 1_000_000_000.0  # brygga's client limits for the CPU runs: never waits
EEK_DOCUMENTED_PER_MINUTE = 600  # eEkonomi's documented limit per endpoint (the emulator's default)
SYSTEMS = ("eekonomi", "severa")


@dataclass(frozen=True)
class Category:
    name: str
    noun: str
    bound_endpoint: str  # one write per object goes here
    pm_bulk_for: Callable[[int], int]  # N of Severa's bulk:N that holds this many objects
    settings: tuple[str, ...] = ()  # brygga settings K=V made before the first run
    setup: tuple[str, ...] = ()  # categories transferred untimed first
    calls_goal: str | None = None  # calls per object, both systems, reads included (issue 16 goal 5)
    bound_goal: str | None = None  # latency run's wall / bound (issue 16 goal 4)
    orders: bool = False  # N generated orders go into brygga's order inbox during setup


INVOICE_SETTINGS = ("project_cost_center=Projekt", "default_article_number=B-00001")
CATEGORIES = {
    c.name: c
    for c in (
        Category("customers", "customer", "POST /customers", lambda n: n, calls_goal="1.02"),
        Category("articles", "article", "POST /articles", lambda n: n),
        Category("projects", "project", "POST /costcenteritems", lambda n: 2 * n, ("project_cost_center=Projekt",)),
        Category(
            "invoices",
            "invoice",
            "POST /customerinvoicedrafts",
            lambda n: n,
            INVOICE_SETTINGS,
            ("customers", "articles", "projects"),
            bound_goal="1.15",
        ),
        # GKS orders of 5 rows into eEkonomi drafts; Visma PM is not read (its data set is a token one).
        Category("orders", "order", "POST /customerinvoicedrafts", lambda n: 1, orders=True),
    )
}


@dataclass(frozen=True)
class RunOptions:
    brygga_src: Path | None
    concurrency: int = 8
    latency_ms: int = 100
    rerun: bool = True
    emulators_src: Path | None = None  # None: this checkout's emulators


def _step(category: Category, what: str) -> None:
    """A progress line on stderr: a 100,000-object run takes many minutes."""
    print(f"bench: {time.strftime('%H:%M:%S')} {category.name}: {what}", file=sys.stderr, flush=True)


def _counter_delta(after: dict[str, Any], before: dict[str, Any]) -> dict[str, dict[str, int]]:
    def delta(key: str) -> dict[str, int]:
        old = before.get(key, {})
        return {k: n - old.get(k, 0) for k, n in after.get(key, {}).items() if n != old.get(k, 0)}

    return {"requests": delta("requests"), "statuses": delta("statuses")}


def _measured(
    category: Category, options: RunOptions, sides: dict[str, EmulatorProcess], workdir: Path, lifted: bool
) -> dict[str, Any]:
    """One measured child, with what each emulator spent (CPU, requests, statuses) while it ran."""
    _step(category, "measured run" + ("" if lifted else f", {options.latency_ms} ms latency, at the limits"))
    cpu_before = {name: side.cpu_seconds() for name, side in sides.items()}
    counters_before = {name: side.counters() for name, side in sides.items()}
    env = child_env(options.brygga_src, LIFTED_PER_MINUTE if lifted else None)
    arguments = ["measure", "--workdir", str(workdir), "--category", category.name]
    figures = run_child([*arguments, "--concurrency", str(options.concurrency)], env, workdir)
    figures["emulators"] = {
        name: {
            "cpu_seconds": round(side.cpu_seconds() - cpu_before[name], 3),
            "rss_kib": side.rss_kib(),
            **_counter_delta(side.counters(), counters_before[name]),
        }
        for name, side in sides.items()
    }
    return figures


def _setup(
    category: Category, count: int, options: RunOptions, sides: dict[str, EmulatorProcess], workdir: Path
) -> Any:
    _step(category, f"setup ({count:,}, untimed)")
    arguments = ["setup", "--workdir", str(workdir), "--concurrency", str(options.concurrency)]
    arguments += ["--eek", sides["eekonomi"].base_url, "--pm", sides["severa"].base_url]
    arguments += ["--categories", ",".join(category.setup)]
    if category.orders:
        arguments += ["--orders", str(count)]
    for setting in category.settings:
        arguments += ["--setting", setting]
    return run_child(arguments, child_env(options.brygga_src, LIFTED_PER_MINUTE), workdir)


def cpu_run(category: Category, count: int, options: RunOptions) -> dict[str, Any]:
    """Setup, the first run and (unless left out) a rerun, without rate limits or latency anywhere."""
    data = f"bulk:{category.pm_bulk_for(count)}"
    with (
        tempfile.TemporaryDirectory(prefix="brygga-bench-") as tmp,
        emulators(data, src=options.emulators_src) as sides,
    ):
        workdir = Path(tmp)
        result: dict[str, Any] = {"count": count, "severa_data_set": data}
        result["setup"] = _setup(category, count, options, sides, workdir)
        result["first"] = _measured(category, options, sides, workdir, lifted=True)
        if options.rerun:
            result["rerun"] = _measured(category, options, sides, workdir, lifted=True)
    return result


def bound_run(category: Category, count: int, options: RunOptions) -> dict[str, Any]:
    """Setup without limits or latency, then the first run with ``latency_ms`` on both emulators, eEkonomi's
    documented 600 a minute per endpoint, and brygga's own client limits (its defaults)."""
    data = f"bulk:{category.pm_bulk_for(count)}"
    with (
        tempfile.TemporaryDirectory(prefix="brygga-bench-") as tmp,
        emulators(data, src=options.emulators_src) as sides,
    ):
        workdir = Path(tmp)
        result: dict[str, Any] = {"count": count, "severa_data_set": data, "latency_ms": options.latency_ms}
        result["setup"] = _setup(category, count, options, sides, workdir)
        sides["severa"].configure(options.latency_ms, 0)
        sides["eekonomi"].configure(options.latency_ms, EEK_DOCUMENTED_PER_MINUTE)
        result["eek_emulator_rate_limit_per_minute"] = EEK_DOCUMENTED_PER_MINUTE
        result["run"] = _measured(category, options, sides, workdir, lifted=False)
    return result


def measure_category(category: Category, count: int, latency_count: int, options: RunOptions) -> dict[str, Any]:
    """Both runs of one category; a run that could not be made is reported as ``error`` and the others go on."""
    result: dict[str, Any] = {}
    try:
        result["cpu_run"] = cpu_run(category, count, options)
        if options.latency_ms > 0 and latency_count > 0:
            result["bound_run"] = bound_run(category, latency_count, options)
    except RuntimeError as exc:
        result["error"] = str(exc)
    return result
