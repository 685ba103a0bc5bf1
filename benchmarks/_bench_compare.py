"""Two saved runs of benchmarks/bench.py side by side (``--compare BEFORE.json AFTER.json``): the headline figures
of every category both measured, before -> after, with issue 16's goals."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import simplejson
from rich.console import Console
from rich.table import Table

__all__ = ["compare", "load"]

Figure = Callable[[dict[str, Any]], Any]

# The goal column: a fixed text, or the key of a goal only some categories have (in their "goals").
FIGURES: list[tuple[str, str, Figure]] = [
    ("objects ok", "", lambda c: c["first_run"]["succeeded"]),
    ("brygga CPU ms per object, the run", "≤ 1.0", lambda c: c["first_run"]["brygga_cpu_ms_per_object"]),
    ("  whole child process", "", lambda c: c["first_run"]["brygga_process_cpu_ms_per_object"]),
    ("brygga peak RSS MB", "≤ 200 at 100,000", lambda c: c["first_run"]["brygga_peak_rss_mb"]),
    ("API calls per object", "api_calls_per_object_total", lambda c: c["first_run"]["api_calls_per_object"]["total"]),
    ("  eEkonomi", "", lambda c: c["first_run"]["api_calls_per_object"]["eekonomi"]),
    ("  Visma PM", "", lambda c: c["first_run"]["api_calls_per_object"]["severa"]),
    ("emulator CPU s eEkonomi", "", lambda c: c["first_run"]["emulator_cpu_seconds"]["eekonomi"]),
    ("emulator CPU s Visma PM", "", lambda c: c["first_run"]["emulator_cpu_seconds"]["severa"]),
    ("wall s, no limits", "", lambda c: c["first_run"]["wall_seconds"]),
    ("rerun write calls", "0", lambda c: c["rerun"]["write_calls"]),
    ("bound run wall s", "", lambda c: c["bound_run"]["wall_seconds"]),
    ("bound run wall / bound", "wall_over_bound", lambda c: c["bound_run"]["wall_over_bound"]),
]


def load(path: str) -> dict[str, Any]:
    return dict(simplejson.loads(Path(path).read_text(), use_decimal=True))


def _goal(goal: str, category: dict[str, Any]) -> str:
    if goal in category.get("goals", {}):
        value = category["goals"][goal]
        return f"≤ {value}" if value is not None else ""
    return goal


def _value(figure: Figure, category: dict[str, Any]) -> Any:
    try:
        return figure(category)
    except (KeyError, TypeError):
        return None


def _change(before: Any, after: Any) -> str:
    if not isinstance(before, Decimal | int) or not isinstance(after, Decimal | int) or not before:
        return ""
    return f"{Decimal(after) / Decimal(before):.2f} ×"


def _source(data: dict[str, Any]) -> str:
    params = data["parameters"]
    return f"{params['brygga_revision']} ({params['brygga_src']}), measured {params['measured_at']}"


def compare(before: dict[str, Any], after: dict[str, Any], console: Console) -> None:
    console.print(f"before: {_source(before)}")
    console.print(f"after:  {_source(after)}")
    table = Table(title="brygga before -> after, measured apart from the emulators", title_justify="left")
    for column in ("Category", "Figure", "before", "after", "after / before", "goal"):
        table.add_column(column, justify="right" if column in ("before", "after", "after / before") else "left")
    both = [name for name in after["categories"] if name in before["categories"]]
    for name in both:
        old, new = before["categories"][name], after["categories"][name]
        if "first_run" not in old or "first_run" not in new:
            continue
        label = f"{name} ({old['count']:,} / {new['count']:,})"
        for title, goal, figure in FIGURES:
            was, now = _value(figure, old), _value(figure, new)
            if was is None and now is None:
                continue
            table.add_row(
                label,
                title,
                str(was if was is not None else "–"),
                str(now if now is not None else "–"),
                _change(was, now),
                _goal(goal, new),
            )
            label = ""
        table.add_section()
    console.print(table)
