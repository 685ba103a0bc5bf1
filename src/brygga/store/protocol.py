"""Write-protocol state: links, intents, retries and cursors (ARCHITECTURE.md, "The write protocol").

- ``open_intent`` is committed before a create is sent;
- ``link_and_close`` writes the link and closes the intent in ONE transaction;
- a cursor moves only through ``set_cursor``, which the transfer calls last.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.orm import Session

from brygga.errors import StateError
from brygga.store.database import Database
from brygga.store.tables import CursorRow, IntentRow, LinkRow, RetryRow

__all__ = ["Intent", "Link", "ProtocolStore"]


@dataclass(frozen=True)
class Link:
    category: str
    pm_id: str
    eek_id: str
    pm_hash: str | None
    eek_hash: str | None


@dataclass(frozen=True)
class Intent:
    id: int
    category: str
    target: str
    source_id: str
    op: str
    natural_key: str
    payload_hash: str
    state: str
    attempts: int


def _now() -> datetime:
    return datetime.now(UTC)


def _link(row: LinkRow) -> Link:
    return Link(row.category, row.pm_id, row.eek_id, row.pm_hash, row.eek_hash)


def _intent(row: IntentRow) -> Intent:
    return Intent(
        row.id,
        row.category,
        row.target,
        row.source_id,
        row.op,
        row.natural_key,
        row.payload_hash,
        row.state,
        row.attempts,
    )


class ProtocolStore:
    def __init__(self, db: Database, tenant: str) -> None:
        self.db = db
        self.tenant = tenant

    # links ---------------------------------------------------------------------------------------
    def links(self, category: str) -> list[Link]:
        with self.db.read() as session:
            rows = session.scalars(
                select(LinkRow).where(LinkRow.tenant_id == self.tenant, LinkRow.category == category)
            )
            return [_link(row) for row in rows]

    def link_count(self, category: str) -> int:
        """How many objects of a category are linked: the dry run's "already linked" figure."""
        with self.db.read() as session:
            count = session.scalar(
                select(func.count())
                .select_from(LinkRow)
                .where(LinkRow.tenant_id == self.tenant, LinkRow.category == category)
            )
            return int(count or 0)

    def save_link(self, link: Link) -> None:
        with self.db.transaction() as session:
            self._upsert_link(session, link)

    def _upsert_link(self, session: Session, link: Link) -> None:
        clash = session.scalar(
            select(LinkRow).where(
                LinkRow.tenant_id == self.tenant,
                LinkRow.category == link.category,
                LinkRow.eek_id == link.eek_id,
                LinkRow.pm_id != link.pm_id,
            )
        )
        if clash is not None:
            raise StateError(
                f"{link.category}: eEkonomi-objektet {link.eek_id} är redan kopplat till {clash.pm_id} i Visma PM"
            )
        row = session.get(LinkRow, (self.tenant, link.category, link.pm_id))
        now = _now()
        if row is None:
            row = LinkRow(
                tenant_id=self.tenant,
                category=link.category,
                pm_id=link.pm_id,
                created_at=now,
                eek_id=link.eek_id,
            )
            session.add(row)
        row.eek_id = link.eek_id
        row.pm_hash = link.pm_hash
        row.eek_hash = link.eek_hash
        row.updated_at = now

    # intents -------------------------------------------------------------------------------------
    def open_intent(
        self, category: str, target: str, source_id: str, op: str, natural_key: str, payload_hash: str
    ) -> Intent:
        """Record (and commit) that a create is about to be sent; reopening counts the attempt."""
        with self.db.transaction() as session:
            row = session.scalar(self._intent_query(category, target, source_id, op))
            now = _now()
            if row is None:
                row = IntentRow(
                    tenant_id=self.tenant,
                    category=category,
                    target=target,
                    source_id=source_id,
                    op=op,
                    natural_key=natural_key,
                    payload_hash=payload_hash,
                    state="pending",
                    attempts=1,
                    created_at=now,
                    updated_at=now,
                )
                session.add(row)
            else:
                row.attempts += 1
                row.state = "pending"
                row.natural_key = natural_key
                row.payload_hash = payload_hash
                row.updated_at = now
            session.flush()
            return _intent(row)

    def pending_intent(self, category: str, target: str, source_id: str, op: str) -> Intent | None:
        with self.db.read() as session:
            row = session.scalar(self._intent_query(category, target, source_id, op))
            return _intent(row) if row is not None and row.state == "pending" else None

    def pending_intents(self, category: str) -> list[Intent]:
        with self.db.read() as session:
            rows = session.scalars(
                select(IntentRow).where(
                    IntentRow.tenant_id == self.tenant,
                    IntentRow.category == category,
                    IntentRow.state == "pending",
                )
            )
            return [_intent(row) for row in rows]

    def link_and_close(self, intent_id: int | None, link: Link) -> None:
        """The link and the intent's ``done`` state in one commit: either both exist or neither.

        Any other create still pending for either side of the pair is closed in the same commit: once the two
        objects are linked, nothing about creating them is uncertain any more, however the link was found (a
        planner match by number as well as a reconciled create)."""
        with self.db.transaction() as session:
            self._upsert_link(session, link)
            now = _now()
            if intent_id is not None:
                row = session.get(IntentRow, intent_id)
                if row is None or row.tenant_id != self.tenant:
                    raise StateError(f"intent {intent_id} saknas i databasen")
                row.state = "done"
                row.updated_at = now
            session.execute(
                update(IntentRow)
                .where(
                    IntentRow.tenant_id == self.tenant,
                    IntentRow.category == link.category,
                    IntentRow.op == "create",
                    IntentRow.state == "pending",
                    ((IntentRow.target == "eekonomi") & (IntentRow.source_id == link.pm_id))
                    | ((IntentRow.target == "pm") & (IntentRow.source_id == link.eek_id)),
                )
                .values(state="done", updated_at=now)
            )

    def close_intent(self, intent_id: int, state: str) -> None:
        with self.db.transaction() as session:
            row = session.get(IntentRow, intent_id)
            if row is not None and row.tenant_id == self.tenant:
                row.state = state
                row.updated_at = _now()

    def _intent_query(self, category: str, target: str, source_id: str, op: str) -> Select[IntentRow]:
        return select(IntentRow).where(
            IntentRow.tenant_id == self.tenant,
            IntentRow.category == category,
            IntentRow.target == target,
            IntentRow.source_id == source_id,
            IntentRow.op == op,
        )

    # retries -------------------------------------------------------------------------------------
    def retries(self, category: str, system: str) -> set[str]:
        with self.db.read() as session:
            rows = session.scalars(
                select(RetryRow.source_id).where(
                    RetryRow.tenant_id == self.tenant,
                    RetryRow.category == category,
                    RetryRow.system == system,
                )
            )
            return set(rows)

    def set_retry(self, category: str, system: str, source_id: str, failed: bool) -> None:
        with self.db.transaction() as session:
            key = (self.tenant, category, system, source_id)
            row = session.get(RetryRow, key)
            if failed and row is None:
                session.add(RetryRow(tenant_id=self.tenant, category=category, system=system, source_id=source_id))
            elif not failed and row is not None:
                session.delete(row)

    # cursors -------------------------------------------------------------------------------------
    def cursor(self, category: str, system: str) -> datetime | None:
        with self.db.read() as session:
            row = session.get(CursorRow, (self.tenant, category, system))
            return row.value if row else None

    def cursors(self) -> dict[tuple[str, str], datetime]:
        with self.db.read() as session:
            rows = session.scalars(select(CursorRow).where(CursorRow.tenant_id == self.tenant))
            return {(row.category, row.system): row.updated_at for row in rows}

    def set_cursor(self, category: str, system: str, value: datetime) -> None:
        with self.db.transaction() as session:
            row = session.get(CursorRow, (self.tenant, category, system))
            if row is None:
                session.add(
                    CursorRow(
                        tenant_id=self.tenant,
                        category=category,
                        system=system,
                        value=value,
                        updated_at=_now(),
                    )
                )
            else:
                row.value = value
                row.updated_at = _now()

    def reset(self, category: str) -> None:
        """Forget cursors of a category so the next run reads everything again (links stay)."""
        with self.db.transaction() as session:
            session.execute(delete(CursorRow).where(CursorRow.tenant_id == self.tenant, CursorRow.category == category))
