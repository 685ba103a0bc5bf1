"""The overview's per-company summary (issue 15): the judged state, last and next run, kept so that a page of the
overview sorts and filters in the database. Re-exported by ``brygga.store.tables``.

``changes`` grows by one in the same transaction as every change of the facts the state is judged from (a run
starting or finishing, a connection, the linked company, a pause; ``brygga.store.status.touch``); ``judged`` is the
``changes`` value the row was last judged at. A row whose ``judged`` differs, whose ``next_run_at`` has passed or
that is missing is judged again, in one batch, when the overview reads it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from brygga.store.table_types import Base, UtcDateTime

__all__ = ["CompanyStatusRow"]


class CompanyStatusRow(Base):
    """The overview's summary of one company, judged again from its facts whenever they change: derived, so it is
    not counted as the company's data (``brygga companies list``), though removing the company removes it."""

    __tablename__ = "company_status"
    __table_args__ = ({"info": {"derived": True}},)
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    changes: Mapped[int] = mapped_column(Integer, default=0)
    judged: Mapped[int] = mapped_column(Integer, default=-1)
    state: Mapped[str | None] = mapped_column(String(16))  # the state without open alerts (added when read)
    state_rank: Mapped[int | None] = mapped_column(Integer)  # its place in brygga.overview.STATES
    name: Mapped[str | None] = mapped_column(String(200))  # the company's name when judged
    sort_name: Mapped[str | None] = mapped_column(String(200))  # ... casefolded, the name sort's key
    last_run_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    next_run_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # the moment judged at
