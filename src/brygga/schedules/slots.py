"""Which categories of one company are due now, from where each one's next slot is counted.

Each scheduled category has a moment its next slot is counted from (``schedule_slot.counted_from``, shared by every
worker process and kept across restarts): the decision that started its last scheduled run, or the first time a
worker saw the schedule. A category is due when its next slot after that moment has come; taking it moves the moment
to now, so the slots missed while a run took long (or while no worker ran) run once, not one by one, and a restart
neither repeats a slot nor forgets one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from brygga.schedules.model import RECONCILE, Schedule
from brygga.schedules.next_run import next_run

__all__ = ["Decision", "decide"]


@dataclass(frozen=True)
class Decision:
    """``due``: the categories to run now, in dependency order; ``first_due``: the earliest of their slots;
    ``upcoming``: the next moment any category of the company is due after this decision."""

    due: list[str] = field(default_factory=list)
    first_due: datetime | None = None
    upcoming: datetime | None = None


def decide(schedules: dict[str, Schedule], counted_from: dict[str, datetime], now: datetime) -> Decision:
    """The decision at ``now``; a category without a counted-from moment counts from ``now`` (first seen)."""
    from brygga.transfer.runner import CATEGORIES  # here: the store imports this module, the runner the store

    due: list[str] = []
    first: datetime | None = None
    upcoming: datetime | None = None
    for category in (*CATEGORIES, RECONCILE):  # the reconcile after the transfers it checks
        schedule = schedules.get(category)
        if schedule is None or schedule.is_off:
            continue
        moment = next_run(schedule, counted_from.get(category, now))
        if moment is not None and moment <= now:
            due.append(category)
            first = moment if first is None else min(first, moment)
            moment = next_run(schedule, now)
        if moment is not None and (upcoming is None or moment < upcoming):
            upcoming = moment
    return Decision(due, first, upcoming)
