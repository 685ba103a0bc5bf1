"""A schedule of one category of one company: off (manual, the default), every N minutes within hours and
weekdays, or at set times. Times are Swedish local time (Europe/Stockholm); weekdays are 0 = Monday … 6 = Sunday.

Stored as a small JSON object (``to_json`` / ``from_json``), so a later field needs no migration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any, Literal

__all__ = ["ALL_DAYS", "MAX_EVERY_MINUTES", "OFF", "RECONCILE", "WEEKDAYS", "WEEKLY_RECONCILE", "Kind", "Schedule"]

Kind = Literal["off", "every", "at"]
ALL_DAYS = frozenset(range(7))
WEEKDAYS = frozenset(range(5))
MAX_EVERY_MINUTES = 1440


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def _time(text: str) -> time:
    return time.fromisoformat(text).replace(second=0, microsecond=0)


@dataclass(frozen=True)
class Schedule:
    """``every``: runs at ``start``, ``start`` + N minutes, … up to and including ``end``, on ``days``.
    ``at``: runs at each of ``times`` on ``days``. Either skips public holidays (``skip_holidays``) and the eves
    midsommarafton, julafton and nyårsafton (``skip_eves``) when asked to."""

    kind: Kind = "off"
    every_minutes: int = 0
    start: time = time(0, 0)
    end: time = time(23, 59)
    days: frozenset[int] = ALL_DAYS
    times: tuple[time, ...] = ()
    skip_holidays: bool = False
    skip_eves: bool = False

    def __post_init__(self) -> None:
        if self.kind not in ("off", "every", "at"):
            raise ValueError(f"unknown schedule kind {self.kind!r}")
        if not self.days or not self.days <= ALL_DAYS:
            raise ValueError("a schedule needs at least one weekday, 0 (Monday) to 6 (Sunday)")
        if self.kind == "every":
            if not 1 <= self.every_minutes <= MAX_EVERY_MINUTES:
                raise ValueError(f"every N minutes needs 1 <= N <= {MAX_EVERY_MINUTES}")
            if self.start > self.end:
                raise ValueError("the window's start comes after its end")
        if self.kind == "at":
            if not self.times:
                raise ValueError("set times need at least one time")
            object.__setattr__(self, "times", tuple(sorted(set(self.times))))

    @property
    def is_off(self) -> bool:
        return self.kind == "off"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        if self.kind == "every":
            data |= {"every_minutes": self.every_minutes, "start": _hhmm(self.start), "end": _hhmm(self.end)}
        if self.kind == "at":
            data["times"] = [_hhmm(t) for t in self.times]
        if self.kind != "off":
            data |= {"days": sorted(self.days), "skip_holidays": self.skip_holidays, "skip_eves": self.skip_eves}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Schedule:
        """The schedule ``to_json`` wrote; ``ValueError`` for anything else."""
        kind = data.get("kind", "off")
        if kind == "off":
            return OFF
        return cls(
            kind=kind,
            every_minutes=int(data.get("every_minutes", 0)),
            start=_time(data.get("start", "00:00")),
            end=_time(data.get("end", "23:59")),
            days=frozenset(int(d) for d in data.get("days", range(7))),
            times=tuple(_time(t) for t in data.get("times", ())),
            skip_holidays=bool(data.get("skip_holidays", False)),
            skip_eves=bool(data.get("skip_eves", False)),
        )


OFF = Schedule()

# The weekly reconcile ("Avstämning", brygga.reconcile) is scheduled like a category: by default on Sunday night,
# Swedish time, for every company with both systems connected, until its schedule is changed (off included).
RECONCILE = "reconcile"
WEEKLY_RECONCILE = Schedule("at", days=frozenset({6}), times=(time(23, 0),))
