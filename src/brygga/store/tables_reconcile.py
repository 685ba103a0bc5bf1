"""The reconcile tables (issue 17, "Avstämning"): one row per full compare of both systems, one per finding.
Re-exported by ``brygga.store.tables``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from brygga.store.table_types import Base, UtcDateTime

__all__ = ["ReconcileFindingRow", "ReconcileRunRow"]


class ReconcileRunRow(Base):
    """One reconcile run of one company: its state, the categories asked for, how much it read and, in
    ``progress`` (JSON), which categories are done and how many pages each read, so an interrupted run is continued
    by the next one."""

    __tablename__ = "reconcile_run"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(16))  # running, ok, findings, failed, interrupted
    categories: Mapped[str] = mapped_column(String(200))  # comma-separated
    objects_read: Mapped[int] = mapped_column(Integer, default=0)
    api_reads: Mapped[int] = mapped_column(Integer, default=0)
    trigger: Mapped[str] = mapped_column(String(16))  # cli, web, schedule
    progress: Mapped[str] = mapped_column(Text, default="{}")
    error: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_reconcile_run_tenant", "tenant_id", "id"),)


class ReconcileFindingRow(Base):
    """One thing the reconcile found: what (``kind``) about which object, both values, in words (Swedish and
    English) with what to do, and the repair brygga can make (``repair``; ``repair_ref`` holds the ids it needs)."""

    __tablename__ = "reconcile_finding"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    run_id: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    object_key: Mapped[str] = mapped_column(String(200))
    object_name: Mapped[str] = mapped_column(String(500))
    field: Mapped[str | None] = mapped_column(String(64))
    pm_value: Mapped[str | None] = mapped_column(Text)
    eek_value: Mapped[str | None] = mapped_column(Text)
    changed_in: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text)
    hint: Mapped[str] = mapped_column(Text)
    hint_en: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    repair: Mapped[str | None] = mapped_column(String(16))
    repair_ref: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))  # open, repaired
    __table_args__ = (Index("ix_reconcile_finding_run", "tenant_id", "run_id"),)
