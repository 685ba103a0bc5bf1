"""The overview in words (Swedish first, English with ``lang="en"``), and as JSON: shared by the CLI and the page."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from brygga.calendar_se import STOCKHOLM
from brygga.overview.model import CompanyLine
from brygga.report_text import category_label, state_word

__all__ = [
    "COMPANY_STATES",
    "CONNECTION_WORDS",
    "FILTER_WORDS",
    "SORT_WORDS",
    "SYSTEM_NAMES",
    "as_json",
    "connection_text",
    "last_runs_text",
    "local",
    "next_run_text",
    "pick",
]

COMPANY_STATES = {
    "failing": ("Misslyckas", "Failing"),
    "paused": ("Pausad", "Paused"),
    "attention": ("Behöver ses över", "Needs attention"),
    "idle": ("Ingen överföring ännu", "No transfer yet"),
    "ok": ("OK", "OK"),
}
CONNECTION_WORDS = {
    "connected": ("Ansluten", "Connected"),
    "not_connected": ("Inte ansluten", "Not connected"),
    "changed": ("Annat företag (X4)", "Another company (X4)"),
}
SYSTEM_NAMES = {"eekonomi": "eEkonomi", "severa": "Visma PM"}
SORT_WORDS = {
    "name": ("Namn", "Name"),
    "state": ("Läge (sämst först)", "State (worst first)"),
    "last_run": ("Senaste körning (äldst först)", "Last run (oldest first)"),
    "next_run": ("Nästa körning (närmast först)", "Next run (soonest first)"),
}
FILTER_WORDS = {
    "all": ("Alla", "All"),
    "attention": ("Behöver åtgärd", "Needs action"),
    "failing": ("Misslyckas", "Failing"),
    "paused": ("Pausade", "Paused"),
    "ok": ("OK", "OK"),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def local(moment: datetime | None) -> str:
    """A moment as Swedish wall-clock time, 2026-12-07 07:10 ("" for none)."""
    if moment is None:
        return ""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


def connection_text(line: CompanyLine, lang: str) -> str:
    return ", ".join(
        f"{SYSTEM_NAMES[system]}: {pick(CONNECTION_WORDS[state], lang)}" for system, state in line.connections.items()
    )


def last_runs_text(line: CompanyLine, lang: str) -> list[str]:
    """``["Kunder: Klar 2026-12-07 07:10 (12 klara, 0 misslyckade, 1 överhoppad)", …]``; none: no transfer yet."""
    if not line.runs:
        return [pick(("Ingen överföring ännu", "No transfer yet"), lang)]
    words = ("klara", "misslyckade", "överhoppade") if lang != "en" else ("done", "failed", "skipped")
    return [
        f"{category_label(run.category, lang)}: {state_word(run.state, lang)} {local(run.started_at)} "
        f"({run.succeeded} {words[0]}, {run.failed} {words[1]}, {run.skipped} {words[2]})"
        for run in line.runs
    ]


def next_run_text(line: CompanyLine, lang: str) -> str:
    if line.pause_reason is not None:
        return pick(("Pausad", "Paused"), lang)
    if not line.scheduled or line.next_run_at is None:
        return pick(("Manuell", "Manual"), lang)
    return local(line.next_run_at)


def as_json(line: CompanyLine, lang: str) -> dict[str, Any]:
    """One company for ``brygga overview --json``: machine values beside the words."""
    return {
        "id": line.id,
        "name": line.name,
        "state": line.state,
        "state_text": pick(COMPANY_STATES[line.state], lang),
        "connections": dict(line.connections),
        "paused": None
        if line.pause_reason is None
        else {"reason": pick(line.pause_reason, lang), "since": _iso(line.paused_at)},
        "last_runs": [
            {
                "category": run.category,
                "state": run.state,
                "state_text": state_word(run.state, lang),
                "started_at": _iso(run.started_at),
                "started_local": local(run.started_at),
                "succeeded": run.succeeded,
                "failed": run.failed,
                "skipped": run.skipped,
            }
            for run in line.runs
        ],
        "next_run": _iso(line.next_run_at),
        "next_run_text": next_run_text(line, lang),
        "open_alerts": list(line.alerts),
    }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()
