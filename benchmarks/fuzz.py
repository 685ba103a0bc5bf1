"""Fuzzing figures (issue 12): 10,000 generated examples through brygga's planning, mapping and order import.

    .venv/bin/python benchmarks/fuzz.py [--examples 10000] [--seed 12] [--json]

The properties are the test suite's (tests/fuzz/), with many more examples and a fixed seed: PM customers, articles,
projects and invoices as Severa returns them (invoices that map are created in the eEkonomi emulator and their
totals compared to the öre), and order files in JSON and CSV, valid and broken, including a few files of some MB.
Each example ends in one verdict; every failure is counted, never raised, so the run always finishes, and the first
failure of each kind is printed to reproduce it. Nothing is asserted: the goals are printed beside the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root, for tests.fuzz

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from tests.fuzz import pm_strategies as pm
from tests.fuzz.order_files import order_file_verdict, order_files
from tests.fuzz.verdicts import (
    Verdict,
    article_verdict,
    customer_verdict,
    invoice_verdict,
    project_verdict,
)
from tests.fuzz.world import world

# Share of the examples per kind of object; the huge order files are a fixed handful on top of "order files".
SHARES = {"customers": 0.2, "articles": 0.2, "projects": 0.1, "invoices": 0.3, "order files": 0.2}
HUGE_FILES = 4


def subjects() -> dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], Verdict]]]:
    the_world = world()
    return {
        "customers": (pm.customer_records(), lambda record: customer_verdict(record, the_world)),
        "articles": (pm.articles(), lambda item: article_verdict(item[0], item[1], the_world)),
        "projects": (pm.projects(), lambda project: project_verdict(project, the_world)),
        "invoices": (pm.invoices(), lambda invoice: invoice_verdict(invoice[0], invoice[1], the_world)),
        "order files": (order_files(), order_file_verdict),
        "huge order files": (order_files(huge=True), order_file_verdict),
    }


def run(
    name: str, strategy: st.SearchStrategy[Any], judge: Callable[[Any], Verdict], examples: int, seed_: int
) -> dict[str, Any]:
    verdicts: Counter[tuple[str, str]] = Counter()
    first_failures: dict[str, str] = {}

    @seed(seed_)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def one(example: Any) -> None:
        verdict = judge(example)
        verdicts[(verdict.kind, verdict.rule)] += 1
        if verdict.failed and verdict.kind not in first_failures:
            first_failures[verdict.kind] = f"{verdict.detail[:300]} <- {example!r}"[:1200]

    started = time.perf_counter()
    one()
    return {
        "name": name,
        "examples": sum(verdicts.values()),
        "seconds": round(time.perf_counter() - started, 1),
        "verdicts": {f"{kind}:{rule}" if rule else kind: count for (kind, rule), count in sorted(verdicts.items())},
        "first_failures": first_failures,
    }


def totals(results: list[dict[str, Any]]) -> dict[str, Any]:
    by_kind: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    for result in results:
        for key, count in result["verdicts"].items():
            kind, _, rule = key.partition(":")
            by_kind[kind] += count
            if kind in ("rejected", "skipped"):
                rules[f"{rule} ({kind})" if kind == "skipped" else rule] += count
    return {
        "examples": sum(r["examples"] for r in results),
        "mapped": by_kind["mapped"],
        "rejected": by_kind["rejected"],
        "skipped": by_kind["skipped"],
        "unexpected exceptions": by_kind["unexpected"],
        "spec validation failures": by_kind["spec"],
        "öre differences": by_kind["ore"],
        "refused by the emulator": by_kind["refused"],
        "rules": dict(sorted(rules.items())),
    }


def print_figures(results: list[dict[str, Any]], summary: dict[str, Any], examples: int, seed_: int) -> None:
    print(f"brygga fuzzing: {summary['examples']} examples (asked {examples}), seed {seed_}\n")
    print(f"{'subject':<18} {'examples':>8} {'seconds':>8}  verdicts")
    for result in results:
        verdicts = ", ".join(f"{key} {count}" for key, count in result["verdicts"].items())
        print(f"{result['name']:<18} {result['examples']:>8} {result['seconds']:>8}  {verdicts}")
    print()
    print(f"{'figure':<28} {'count':>7}  goal")
    for figure in ("mapped", "rejected", "skipped"):
        print(f"{figure:<28} {summary[figure]:>7}")
    for figure in ("unexpected exceptions", "spec validation failures", "öre differences", "refused by the emulator"):
        print(f"{figure:<28} {summary[figure]:>7}  0")
    print("\nrejected and skipped by rule id:")
    for rule, count in summary["rules"].items():
        print(f"  {rule:<16} {count:>6}")
    for result in results:
        for kind, text in result["first_failures"].items():
            print(f"\nfirst {kind} in {result['name']}: {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    counts = {name: int(args.examples * share) for name, share in SHARES.items()}
    counts["order files"] -= HUGE_FILES
    counts["huge order files"] = HUGE_FILES
    counts["invoices"] += args.examples - sum(counts.values())
    results = [run(name, strategy, judge, counts[name], args.seed) for name, (strategy, judge) in subjects().items()]
    summary = totals(results)
    if args.json:
        print(json.dumps({"seed": args.seed, "summary": summary, "subjects": results}, ensure_ascii=False, indent=2))
    else:
        print_figures(results, summary, args.examples, args.seed)


if __name__ == "__main__":
    main()
