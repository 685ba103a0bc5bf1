"""One scheduled (or "Överför nu") run of one company: the same engine path for ``brygga worker`` on SQLite (the
in-process scheduler) and on PostgreSQL (the queue's task).

It lifts the company's pause when a manual run got through since, skips a paused company's scheduled run (saying
why), runs the categories through ``brygga.transfer.runner.run_transfers`` with clients built from the company's
stored connections (``TransferSession``: the same lease and write protocol as ``brygga transfer``), and pauses the
company with the reason when the run shows its connection is broken (``brygga.schedules.pause``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from brygga.actor import WORKER, acting
from brygga.config import Settings
from brygga.errors import BryggaError
from brygga.schedules.model import RECONCILE
from brygga.schedules.pause import connection_problem, error_problem, lift_pause_after_manual_run
from brygga.store import Store
from brygga.transfer.report import RunReport
from brygga.transfer.runner import LeaseBusyError

if TYPE_CHECKING:
    from brygga.session import TransferSession

__all__ = ["CompanyRun", "Notify", "RunJob", "run_company", "session_runner"]

logger = logging.getLogger(__name__)

RunJob = Callable[[Store, list[str]], Awaitable[RunReport]]
Notify = Callable[[str, str], None]


@dataclass(frozen=True)
class CompanyRun:
    """What became of one company's job: ``outcome`` is ``ok``/``partial``/``failed``/``nothing`` (the run's
    state), ``paused`` (not run: the company was paused), ``pausing`` (run, and its connection is broken: now
    paused) or ``not_run`` (an error stopped it before any category)."""

    outcome: str
    report: RunReport | None = None


def session_runner(settings: Settings) -> RunJob:
    """Runs categories for a company with clients built from its stored connections, as ``brygga transfer``."""

    async def run(store: Store, categories: list[str]) -> RunReport:
        from brygga.session import TransferSession

        session = TransferSession(store, settings.model_copy(update={"tenant": store.tenant}))
        transfers = [c for c in categories if c != RECONCILE]
        try:
            report = await session.run(transfers) if transfers else RunReport(run_id=None, dry_run=False)
            if RECONCILE in categories:  # the weekly reconcile, after the transfers (brygga.reconcile)
                await _reconcile(session)
            return report
        finally:
            await session.aclose()

    return run


async def _reconcile(session: TransferSession) -> None:
    """The scheduled reconcile: its findings are stored for the report and the page; a failure is logged, never
    stops the worker (a transfer holding the lease: the next week's slot runs it)."""
    from brygga.reconcile import run_reconcile

    try:
        await run_reconcile(session, None, trigger="schedule")
    except BryggaError:
        logger.warning("scheduled reconcile of %s did not run", session.store.tenant, exc_info=True)


def _quiet(sv: str, en: str) -> None:
    logger.info(en)


async def run_company(
    store: Store, categories: list[str], run_job: RunJob, *, manual: bool = False, notify: Notify = _quiet
) -> CompanyRun:
    """Run ``categories`` of ``store``'s company unless it is paused (a ``manual`` run, "Överför nu", runs anyway:
    getting through lifts the pause). Another run holding the company's lease raises ``LeaseBusyError`` (the queue
    tries again later); any other error is said through ``notify`` and never stops the caller."""
    company = store.tenant
    lift_pause_after_manual_run(store)
    pause = store.schedules.paused()
    if pause is not None and not manual:
        notify(f"{company}: pausad, körs inte ({pause.reason})", f"{company}: paused, not run ({pause.reason_en})")
        return CompanyRun("paused")
    names = ", ".join(categories)
    notify(f"{company}: kör {names}", f"{company}: running {names}")
    report: RunReport | None = None
    problem: tuple[str, str] | None = None
    try:
        report = await run_job(store, categories)
    except LeaseBusyError:
        raise
    except BryggaError as exc:
        problem = error_problem(exc)
        if problem is None:
            sv = str(getattr(exc, "message", "") or exc)
            en = str(getattr(exc, "message_en", "") or sv)
            notify(f"{company}: kördes inte: {sv}", f"{company}: not run: {en}")
            return CompanyRun("not_run")
    except Exception:  # one company's unexpected failure must not stop the others' schedules
        logger.exception("scheduled run of %s failed", company)
        notify(f"{company}: oväntat fel, se loggen", f"{company}: unexpected error, see the log")
        return CompanyRun("not_run")
    if report is not None:
        problem = connection_problem(report)
        if problem is None:
            if manual:
                lift_pause_after_manual_run(store)
            notify(f"{company}: klar ({report.state})", f"{company}: done ({report.state})")
            return CompanyRun(report.state, report)
    if problem is None:  # unreachable: every path without a problem returned above
        return CompanyRun("not_run", report)
    with acting(WORKER):  # an automatic change: the audit says the worker paused it
        store.schedules.pause(*problem)
    notify(f"{company}: pausad: {problem[0]}", f"{company}: paused: {problem[1]}")
    return CompanyRun("pausing", report)
