"""The periodic decision: every company's due categories become one scheduled job, the slots taken in the same
commit as the job is written (``ScheduleStore.take_due``), so several workers deciding at once enqueue each slot once,
and a crash between the two loses nothing and doubles nothing. A paused company's slots pass without a job (said)."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from brygga.jobs.queue import defer_run
from brygga.schedules.company_run import Notify
from brygga.schedules.pause import lift_pause_after_manual_run
from brygga.store import Database, Store
from brygga.store.companies import CompanyRegistry

__all__ = ["enqueue_due"]

logger = logging.getLogger(__name__)


def _quiet(sv: str, en: str) -> None:
    logger.info(en)


def enqueue_due(db: Database, now: datetime, notify: Notify = _quiet) -> dict[str, list[str]]:
    """Enqueue each company's categories due at ``now``; what was enqueued, by company."""
    enqueued: dict[str, list[str]] = {}
    for company in CompanyRegistry(db).all():
        store = Store.for_tenant(db, company.id)
        lift_pause_after_manual_run(store)
        pause = store.schedules.paused()

        def enqueue(session: Session, due: list[str], company_id: str = company.id) -> None:
            defer_run(session.connection(), company_id, due, "scheduled")

        decision = store.schedules.take_due(now, None if pause is not None else enqueue)
        if not decision.due:
            continue
        if pause is not None:
            notify(
                f"{company.id}: pausad, körs inte ({pause.reason})",
                f"{company.id}: paused, not run ({pause.reason_en})",
            )
            continue
        enqueued[company.id] = decision.due
    return enqueued
