"""The schedules of one company (``brygga schedule``) and whether its scheduled runs are paused, always filtered by
the company's ``tenant_id``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select

from brygga.errors import StateError
from brygga.schedules.model import OFF, Schedule
from brygga.store.database import Database
from brygga.store.tables import SchedulePauseRow, ScheduleRow

__all__ = ["Pause", "ScheduleStore"]


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
        """Save ``category``'s schedule; off removes the row (off is the default)."""
        with self.db.transaction() as session:
            row = session.get(ScheduleRow, (self.tenant, category))
            if schedule.is_off:
                if row is not None:
                    session.delete(row)
                return
            spec = json.dumps(schedule.to_json(), sort_keys=True)
            if row is None:
                session.add(ScheduleRow(tenant_id=self.tenant, category=category, spec=spec, updated_at=_now()))
            else:
                row.spec, row.updated_at = spec, _now()

    def pause(self, reason: str, reason_en: str) -> None:
        with self.db.transaction() as session:
            row = session.get(SchedulePauseRow, self.tenant)
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
            result = session.execute(delete(SchedulePauseRow).where(SchedulePauseRow.tenant_id == self.tenant))
            return bool(getattr(result, "rowcount", 0))


def _schedule(row: ScheduleRow) -> Schedule:
    try:
        return Schedule.from_json(json.loads(row.spec))
    except (ValueError, TypeError, AttributeError) as exc:
        raise StateError(f"Schemat för {row.category} i lagret går inte att läsa: {exc}") from exc


def _now() -> datetime:
    return datetime.now(UTC)
