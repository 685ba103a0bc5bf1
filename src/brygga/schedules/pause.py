"""When a scheduled run shows that the company's connection is broken (expired or refused consent, not connected, the
eEkonomi connection now another company: X4), the company's schedules pause with the reason instead of failing every
few minutes. A person connects again and resumes (``brygga schedule resume``), or runs a transfer by hand: a manual
run that gets through after the pause lifts it."""

from __future__ import annotations

from brygga.actor import WORKER, acting
from brygga.errors import BryggaError
from brygga.store import Store
from brygga.transfer.outcome import Outcome
from brygga.transfer.report import RunReport

__all__ = ["connection_problem", "error_problem", "lift_pause_after_manual_run"]

_RECONNECT = "brygga connect"  # every "connect again" hint names the command (AuthError, not connected, X4)


def _needs_reconnect(hint: str, hint_en: str) -> bool:
    return _RECONNECT in hint or _RECONNECT in hint_en


def connection_problem(report: RunReport) -> tuple[str, str] | None:
    """The reason (Swedish, English) when a category of ``report`` stopped because the connection must be made again."""
    for category in report.categories.values():
        for item in category.outcomes:
            if item.is_run_level and item.outcome is Outcome.FAILED and _needs_reconnect(item.hint, item.hint_en):
                sv = f"{item.title or item.message} {item.hint}".strip()
                en = f"{item.title_en or item.message} {item.hint_en or item.hint}".strip()
                return sv, en
    return None


def error_problem(exc: BryggaError) -> tuple[str, str] | None:
    """The reason when a run stopped before any category with an error that needs a new connection (X4)."""
    hint, hint_en = getattr(exc, "hint", "") or "", getattr(exc, "hint_en", "") or ""
    if not _needs_reconnect(hint, hint_en):
        return None
    message = str(getattr(exc, "message", "") or exc)
    return f"{message} {hint}".strip(), f"{getattr(exc, 'message_en', '') or message} {hint_en or hint}".strip()


def lift_pause_after_manual_run(store: Store) -> bool:
    """Lift the company's pause when its newest run started after the pause and got through (ok or partly)."""
    pause = store.schedules.paused()
    if pause is None:
        return False
    newest = store.runs.history(1)
    if newest and newest[0][2] in ("ok", "partial") and newest[0][3] > pause.paused_at:
        with acting(WORKER):  # an automatic change: the audit says the worker lifted it
            return store.schedules.resume()
    return False
