"""What ``brygga doctor`` finds: one line per check, green / yellow / red, in Swedish and English."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

__all__ = ["EMPTY", "Check", "CheckResult", "DoctorReport", "Lang", "Msg", "Status", "listing"]

Lang = Literal["sv", "en"]


class Status(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


@dataclass(frozen=True)
class Msg:
    """One text in both languages; the report picks one when it is shown."""

    sv: str
    en: str

    def pick(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.sv

    def __add__(self, other: Msg) -> Msg:
        """Two sentences joined by a space (an empty side adds nothing)."""
        return Msg(_join(self.sv, other.sv), _join(self.en, other.en))


def _join(first: str, second: str) -> str:
    return f"{first} {second}".strip()


EMPTY = Msg("", "")


@dataclass(frozen=True)
class CheckResult:
    id: str
    status: Status
    title: Msg
    found: Msg
    action: Msg = EMPTY

    def to_json(self, lang: Lang) -> dict[str, str]:
        return {
            "id": self.id,
            "status": self.status.value,
            "title": self.title.pick(lang),
            "found": self.found.pick(lang),
            "action": self.action.pick(lang),
        }


@dataclass(frozen=True)
class Check:
    """A check's identity: its id (stable, for scripts reading the JSON) and its title."""

    id: str
    title: Msg

    def green(self, found: Msg, action: Msg = EMPTY) -> CheckResult:
        return CheckResult(self.id, Status.GREEN, self.title, found, action)

    def yellow(self, found: Msg, action: Msg = EMPTY) -> CheckResult:
        return CheckResult(self.id, Status.YELLOW, self.title, found, action)

    def red(self, found: Msg, action: Msg = EMPTY) -> CheckResult:
        return CheckResult(self.id, Status.RED, self.title, found, action)


@dataclass(frozen=True)
class DoctorReport:
    results: list[CheckResult]
    lang: Lang = "sv"

    def counts(self) -> dict[Status, int]:
        found = Counter(result.status for result in self.results)
        return {status: found[status] for status in Status}

    @property
    def ok(self) -> bool:
        """No red line: transfers can run (yellow lines are worth a look, not a stop)."""
        return self.counts()[Status.RED] == 0

    def by_id(self, check_id: str) -> CheckResult:
        return next(result for result in self.results if result.id == check_id)

    def summary(self, lang: Lang | None = None) -> str:
        counts = self.counts()
        green, yellow, red = counts[Status.GREEN], counts[Status.YELLOW], counts[Status.RED]
        if (lang or self.lang) == "en":
            verdict = "Fix the red items before running transfers." if red else "Ready to run transfers."
            return f"{green} green, {yellow} yellow, {red} red. {verdict}"
        verdict = "Åtgärda de röda punkterna innan du kör överföringar." if red else "Klart att köra överföringar."
        words = _sv(green, "grön", "gröna"), _sv(yellow, "gul", "gula"), _sv(red, "röd", "röda")
        return f"{green} {words[0]}, {yellow} {words[1]}, {red} {words[2]}. {verdict}"

    def to_json(self, lang: Lang | None = None) -> dict[str, Any]:
        chosen = lang or self.lang
        return {
            "ok": self.ok,
            "lang": chosen,
            "summary": {status.value: n for status, n in self.counts().items()},
            "checks": [result.to_json(chosen) for result in self.results],
        }


def _sv(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def listing(names: list[str], limit: int = 10) -> Msg:
    """Up to ``limit`` names, then how many more: long lists would drown the report."""
    shown = ", ".join(names[:limit])
    rest = len(names) - limit
    if rest <= 0:
        return Msg(shown, shown)
    return Msg(f"{shown} och {rest} till", f"{shown} and {rest} more")
