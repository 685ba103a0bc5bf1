"""One company's line in the overview, judged from its facts: connections, last run per category, next run, state.

States, worst first (the order "state" sorts in): ``failing`` (a category's last run failed, or the eEkonomi
connection now reaches another company than the links belong to, X4), ``paused`` (scheduled runs paused, with the
reason), ``attention`` (a last run partly done or interrupted, a system not connected while the other is, or open
alerts), ``idle`` (never transferred), ``ok``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from brygga.schedules.next_run import next_run
from brygga.store.overview import CompanyFacts, LastRun
from brygga.transfer.report import CATEGORY_LABELS

__all__ = ["STATES", "SYSTEMS", "CategoryLine", "CompanyLine", "category_state", "line_of"]

STATES = ("failing", "paused", "attention", "idle", "ok")
SYSTEMS = ("eekonomi", "severa")


@dataclass(frozen=True)
class CategoryLine:
    category: str
    state: str  # ok, partial, failed, interrupted, running
    started_at: datetime
    succeeded: int
    failed: int
    skipped: int


@dataclass(frozen=True)
class CompanyLine:
    id: str
    name: str
    state: str  # one of STATES
    connections: dict[str, str]  # system -> connected, not_connected, changed (X4)
    pause_reason: tuple[str, str] | None  # (Swedish, English)
    paused_at: datetime | None
    runs: list[CategoryLine]  # categories with a last run, in the categories' order
    last_run_at: datetime | None
    next_run_at: datetime | None
    scheduled: bool  # has a schedule at all ("Manuell" when not)
    alerts: list[str]  # categories with an open alert (``alert_state``: failing, brygga.alerts)


def category_state(run: LastRun) -> str:
    """A category's share of its last run, judged as ``RunStore.last_run_by_category`` does."""
    if run.status in ("running", "interrupted"):
        return run.status
    counts = run.counts
    if counts.get("failed"):
        return "partial" if not counts.get("stopped") and (counts.get("succeeded") or run.linked) else "failed"
    return "ok"


def line_of(facts: CompanyFacts, now: datetime) -> CompanyLine:
    runs = [
        CategoryLine(
            run.category,
            category_state(run),
            run.started_at,
            run.counts.get("succeeded", 0),
            run.counts.get("failed", 0),
            run.counts.get("skipped", 0),
        )
        for run in facts.last_runs.values()
    ]
    order = list(CATEGORY_LABELS)
    runs.sort(key=lambda line: order.index(line.category) if line.category in order else len(order))
    connections = {system: _connection(facts, system) for system in SYSTEMS}
    alerts = sorted(facts.alerts, key=lambda c: order.index(c) if c in order else len(order))
    upcoming = [m for s in facts.schedules.values() if (m := next_run(s, now)) is not None]
    return CompanyLine(
        id=facts.id,
        name=facts.name,
        state=_state(runs, connections, facts, alerts),
        connections=connections,
        pause_reason=None if facts.pause is None else (facts.pause[0], facts.pause[1]),
        paused_at=None if facts.pause is None else facts.pause[2],
        runs=runs,
        last_run_at=max((line.started_at for line in runs), default=None),
        next_run_at=None if facts.pause is not None else min(upcoming, default=None),
        scheduled=bool(facts.schedules),
        alerts=alerts,
    )


def _connection(facts: CompanyFacts, system: str) -> str:
    usable, company = facts.connections.get(system, (False, None))
    if not usable:
        return "not_connected"
    if system == "eekonomi" and facts.linked_company and company and company != facts.linked_company:
        return "changed"
    return "connected"


def _state(runs: list[CategoryLine], connections: dict[str, str], facts: CompanyFacts, alerts: list[str]) -> str:
    states = {line.state for line in runs}
    if "failed" in states or connections["eekonomi"] == "changed":
        return "failing"
    if facts.pause is not None:
        return "paused"
    half_connected = len(set(connections.values())) > 1
    if states & {"partial", "interrupted"} or alerts or half_connected:
        return "attention"
    return "ok" if runs else "idle"
