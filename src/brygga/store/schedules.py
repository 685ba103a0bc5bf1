"""The schedules of one company (``brygga schedule``), where each one's next slot is counted from (shared by every
worker process), and whether its scheduled runs are paused, always filtered by the company's ``tenant_id``."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from brygga.errors import StateError
from brygga.schedules.model import OFF, RECONCILE, WEEKLY_RECONCILE, Schedule
from brygga.schedules.slots import Decision, decide
from brygga.store.audit import record
from brygga.store.database import Database
from brygga.store.status import touch
from brygga.store.tables import ConnectionRow, SchedulePauseRow, ScheduleRow, ScheduleSlotRow

__all__ = ["Enqueue", "Pause", "ScheduleStore"]

Enqueue = Callable[[Session, list[str]], None]  # puts the company's due categories in a queue, in the same commit


@dataclass(frozen=True)
class Pause:
    reason: str
    reason_en: str
    paused_at: datetime


class ScheduleStore:
    def __init__(self, db: Database, tenant: str) -> None:
        self.db = db
        self.tenant = tenant

    def all(self) -> dict[str, Schedule]:
        """Every category that has a schedule (those without one are off)."""
        with self.db.read() as session:
            rows = session.scalars(select(ScheduleRow).where(ScheduleRow.tenant_id == self.tenant))
            return {row.category: _schedule(row) for row in rows}

    def get(self, category: str) -> Schedule:
        with self.db.read() as session:
            row = session.get(ScheduleRow, (self.tenant, category))
            return OFF if row is None else _schedule(row)

    def set(self, category: str, schedule: Schedule) -> None:
        """Save ``category``'s schedule; off removes the row (off is the default). A changed schedule counts its
        slots afresh from when a worker first sees it (no run at once for slots of the old one)."""
        with self.db.transaction() as session:
            session.execute(
                delete(ScheduleSlotRow).where(
                    ScheduleSlotRow.tenant_id == self.tenant, ScheduleSlotRow.category == category
                )
            )
            row = session.get(ScheduleRow, (self.tenant, category))
            keep_off = category == RECONCILE  # off is kept: the weekly reconcile is on by default
            spec = None if schedule.is_off and not keep_off else json.dumps(schedule.to_json(), sort_keys=True)
            record(session, self.tenant, "schedule", category, None if row is None else row.spec, spec)
            touch(session, self.tenant)  # the overview's next run (brygga.store.status)
            if spec is None:
                if row is not None:
                    session.delete(row)
                return
            if row is None:
                session.add(ScheduleRow(tenant_id=self.tenant, category=category, spec=spec, updated_at=_now()))
            else:
                row.spec, row.updated_at = spec, _now()

    def counted_from(self) -> dict[str, datetime]:
        """Where each category's next slot is counted from (categories a worker has not seen yet are missing)."""
        with self.db.read() as session:
            rows = session.scalars(select(ScheduleSlotRow).where(ScheduleSlotRow.tenant_id == self.tenant))
            return {row.category: row.counted_from for row in rows}

    def take_due(self, now: datetime, enqueue: Enqueue | None = None) -> Decision:
        """Decide which categories are due at ``now`` and take their slots, in one transaction: the company's
        schedule rows are locked first, so two workers deciding at once decide once. ``enqueue`` (the queue on
        PostgreSQL) is called with the due categories inside that transaction: the job and the taken slots commit
        together or not at all."""
        with self.db.transaction() as session:
            rows = list(
                session.scalars(select(ScheduleRow).where(ScheduleRow.tenant_id == self.tenant).with_for_update())
            )
            schedules = {row.category: _schedule(row) for row in rows}
            if RECONCILE not in schedules and _connected(session, self.tenant):
                schedules[RECONCILE] = WEEKLY_RECONCILE
            slots = {
                row.category: row
                for row in session.scalars(select(ScheduleSlotRow).where(ScheduleSlotRow.tenant_id == self.tenant))
            }
            decision = decide(schedules, {name: row.counted_from for name, row in slots.items()}, now)
            for category in schedules:
                if category in decision.due and category in slots:
                    slots[category].counted_from = now
                elif category not in slots:  # first seen: counted from now on, in every process
                    session.add(ScheduleSlotRow(tenant_id=self.tenant, category=category, counted_from=now))
            if decision.due and enqueue is not None:
                session.flush()
                enqueue(session, decision.due)
            return decision

    def pause(self, reason: str, reason_en: str) -> None:
        with self.db.transaction() as session:
            row = session.get(SchedulePauseRow, self.tenant)
            old = None if row is None else _reasons(row.reason, row.reason_en)
            record(session, self.tenant, "pause", "schedules", old, _reasons(reason, reason_en))
            touch(session, self.tenant)
            if row is None:
                session.add(
                    SchedulePauseRow(tenant_id=self.tenant, reason=reason, reason_en=reason_en, paused_at=_now())
                )
            else:
                row.reason, row.reason_en, row.paused_at = reason, reason_en, _now()

    def paused(self) -> Pause | None:
        with self.db.read() as session:
            row = session.get(SchedulePauseRow, self.tenant)
            return None if row is None else Pause(row.reason, row.reason_en, row.paused_at)

    def resume(self) -> bool:
        """Lift the pause; ``False`` when the company was not paused."""
        with self.db.transaction() as session:
            row = session.get(SchedulePauseRow, self.tenant)
            old = None if row is None else _reasons(row.reason, row.reason_en)
            result = session.execute(delete(SchedulePauseRow).where(SchedulePauseRow.tenant_id == self.tenant))
            resumed = bool(getattr(result, "rowcount", 0))
            if resumed:
                record(session, self.tenant, "pause", "schedules", old, None)
                touch(session, self.tenant)
            return resumed


def _reasons(reason: str, reason_en: str) -> str:
    """A pause's reason in both languages, as its audit keeps it."""
    return json.dumps({"sv": reason, "en": reason_en}, ensure_ascii=False, sort_keys=True)


def _schedule(row: ScheduleRow) -> Schedule:
    try:
        return Schedule.from_json(json.loads(row.spec))
    except (ValueError, TypeError, AttributeError) as exc:
        raise StateError(f"Schemat för {row.category} i lagret går inte att läsa: {exc}") from exc


def _connected(session: Session, tenant: str) -> bool:
    """Both systems connected: the company the weekly reconcile is for."""
    systems = session.scalars(select(ConnectionRow.system).where(ConnectionRow.tenant_id == tenant))
    return {"eekonomi", "severa"} <= set(systems)


def _now() -> datetime:
    return datetime.now(UTC)
