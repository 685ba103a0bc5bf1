"""One object's history: every run that touched it, and its links in both systems (``brygga history``, ``/object``).

An object is found by its number (``run_item.object_key``) within a category, and then followed by its ids on
both sides (``run_item.pm_id``/``eek_id``, migration 0014): a customer renumbered in the master system, or an
invoice that gets its number only when eEkonomi books it, keeps one history. The invoice transfer and the invoice
status transfer tell one invoice's story, so they are read together. Only the company's own rows are read (and on
PostgreSQL row-level security hides every other company's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from brygga.store.database import Database
from brygga.store.runs import ItemRecord, record_of
from brygga.store.tables import LinkRow, RunItemRow, RunRow

__all__ = ["HistoryEntry", "LinkView", "ObjectHistory", "ObjectHistoryStore", "ObjectMatch"]

# Categories that tell the same objects' story: an invoice's draft and, later, its status in PM.
_FAMILIES = {"invoices": ("invoices", "invoice-status"), "invoice-status": ("invoices", "invoice-status")}
MAX_ENTRIES = 500  # the newest; an object touched more often than this shows its latest 500 runs
MAX_MATCHES = 50
_MAX_IDS = 200  # ids followed per object (an object's ids seldom change; this bounds an odd one)


@dataclass(frozen=True)
class HistoryEntry:
    """One run's outcome for the object, with the run's start and state."""

    item: ItemRecord
    run_started: datetime
    run_status: str


@dataclass(frozen=True)
class LinkView:
    category: str
    pm_id: str
    eek_id: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ObjectHistory:
    category: str
    object_key: str
    name: str
    keys: tuple[str, ...]  # every number the object was known by, the one asked for first
    entries: tuple[HistoryEntry, ...]  # newest first
    links: tuple[LinkView, ...]

    @property
    def only_skipped(self) -> bool:
        return bool(self.entries) and all(entry.item.outcome == "skipped" for entry in self.entries)


@dataclass(frozen=True)
class ObjectMatch:
    category: str
    object_key: str
    name: str
    last_at: datetime
    runs: int


class ObjectHistoryStore:
    def __init__(self, db: Database, tenant: str) -> None:
        self.db = db
        self.tenant = tenant

    def find(self, key: str, category: str | None = None) -> list[ObjectMatch]:
        """Objects whose number (or id in either system) is ``key``, in every category or one; when none, those
        whose name contains it. Newest first."""
        key = key.strip()
        if not key:
            return []
        with self.db.read() as session:
            # One query per column, so that each uses its own index (SQLite scans the company's rows for an OR).
            found = _merged(
                self._matches(session, column == key, category)
                for column in (RunItemRow.object_key, RunItemRow.pm_id, RunItemRow.eek_id)
            )
            if not found:
                pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                found = self._matches(session, RunItemRow.object_name.ilike(pattern, escape="\\"), category)
        return found

    def _matches(self, session: Session, condition: ColumnElement[bool], category: str | None) -> list[ObjectMatch]:
        query = (
            select(
                RunItemRow.category,
                RunItemRow.object_key,
                func.max(RunItemRow.object_name),
                func.max(RunItemRow.at),
                func.count(func.distinct(RunItemRow.run_id)),
            )
            .where(RunItemRow.tenant_id == self.tenant, RunItemRow.object_key != "", condition)
            .group_by(RunItemRow.category, RunItemRow.object_key)
            .order_by(func.max(RunItemRow.at).desc())
            .limit(MAX_MATCHES)
        )
        if category is not None:
            query = query.where(RunItemRow.category == category)
        return [ObjectMatch(c, k, n or "", at, int(runs)) for c, k, n, at, runs in session.execute(query)]

    def history(self, category: str, key: str) -> ObjectHistory | None:
        """Every run that touched the object ``key`` of ``category`` (newest first) and its links; None when no
        run ever did."""
        family = _FAMILIES.get(category, (category,))
        with self.db.read() as session:
            first = self._rows(session, family, RunItemRow.object_key == key)
            if not first:  # a PM or eEkonomi id typed instead of the number
                first = self._rows(session, family, RunItemRow.pm_id == key)
                first += self._rows(session, family, RunItemRow.eek_id == key)
            if not first:
                return None
            ids = _ids(row for row, _, _ in first)
            rows = {row.id: (row, started, status) for row, started, status in first}
            if ids:  # one query per column: each uses its index
                for column in (RunItemRow.pm_id, RunItemRow.eek_id):
                    rows.update({row.id: (row, s, st) for row, s, st in self._rows(session, family, column.in_(ids))})
            links = self._links(session, family, ids)
        ordered = sorted(rows.values(), key=lambda entry: entry[0].id, reverse=True)[:MAX_ENTRIES]
        own = [row for row, _, _ in ordered if row.category == category] or [row for row, _, _ in ordered]
        number = key if any(row.object_key == key for row, _, _ in ordered) else own[0].object_key
        others = sorted({row.object_key for row, _, _ in ordered if row.object_key != number})
        return ObjectHistory(
            category,
            number,
            own[0].object_name,
            (number, *others),
            tuple(HistoryEntry(record_of(row), started, status) for row, started, status in ordered),
            links,
        )

    def run_items(self, run_id: int, limit: int = 200, offset: int = 0) -> tuple[int, list[ItemRecord]]:
        """Every object of one run (succeeded, failed, skipped, unchanged), in category order: (how many, a page)."""
        where = (RunItemRow.tenant_id == self.tenant, RunItemRow.run_id == run_id)
        with self.db.read() as session:
            total = int(session.scalar(select(func.count()).select_from(RunItemRow).where(*where)) or 0)
            rows = session.scalars(select(RunItemRow).where(*where).order_by(RunItemRow.id).limit(limit).offset(offset))
            return total, [record_of(row) for row in rows]

    def _rows(
        self, session: Session, family: tuple[str, ...], condition: ColumnElement[bool]
    ) -> list[tuple[RunItemRow, datetime, str]]:
        query = (
            select(RunItemRow, RunRow.started_at, RunRow.status)
            .join(RunRow, RunRow.id == RunItemRow.run_id)
            .where(
                RunItemRow.tenant_id == self.tenant,
                RunRow.tenant_id == self.tenant,
                RunItemRow.category.in_(family),
                RunItemRow.object_key != "",
                condition,
            )
            .order_by(RunItemRow.id.desc())
            .limit(MAX_ENTRIES)
        )
        return [(row, started, status) for row, started, status in session.execute(query)]

    def _links(self, session: Session, family: tuple[str, ...], ids: list[str]) -> tuple[LinkView, ...]:
        if not ids:
            return ()
        rows = session.scalars(
            select(LinkRow)
            .where(
                LinkRow.tenant_id == self.tenant,
                LinkRow.category.in_(family),
                or_(LinkRow.pm_id.in_(ids), LinkRow.eek_id.in_(ids)),
            )
            .order_by(LinkRow.category, LinkRow.created_at)
        )
        return tuple(LinkView(r.category, r.pm_id, r.eek_id, r.created_at, r.updated_at) for r in rows)


def _merged(groups: Iterable[list[ObjectMatch]]) -> list[ObjectMatch]:
    """The matches of several queries, each object once, newest first."""
    by_object: dict[tuple[str, str], ObjectMatch] = {}
    for match in (m for group in groups for m in group):
        known = by_object.get((match.category, match.object_key))
        if known is None or match.last_at > known.last_at:
            by_object[(match.category, match.object_key)] = match
    return sorted(by_object.values(), key=lambda m: m.last_at, reverse=True)[:MAX_MATCHES]


def _ids(rows: Iterable[RunItemRow]) -> list[str]:
    found: list[str] = []
    for row in rows:
        for value in (row.pm_id, row.eek_id):
            if value and value not in found:
                found.append(value)
    return found[:_MAX_IDS]
