"""A company's alert recipients, its categories' alert state and the outbox of alert messages (issue 15).

The state machine itself (``brygga.alerts.evaluate``) writes states and outbox rows in one transaction; this module
keeps the recipients (a webhook's signing key sealed with the store's ``SecretBox``) and reads and updates the
outbox for delivery and for ``brygga alerts status`` and the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, select

from brygga.store.database import Database
from brygga.store.tables import AlertMessageRow, AlertRecipientRow, AlertStateRow

__all__ = ["AlertState", "AlertStore", "OutboxMessage", "OutboxSummary", "Recipient"]


@dataclass(frozen=True)
class Recipient:
    id: int
    kind: str  # email or webhook
    address: str = field(repr=False)  # a webhook URL may carry a token: ``shown`` is what lists say
    lang: str
    reminder_hours: int
    daily_summary: bool
    key: str | None = field(default=None, repr=False)  # a webhook's signing key, decrypted
    summary_sent_at: datetime | None = None

    @property
    def shown(self) -> str:
        """The address as lists show it: a webhook URL without its query (which may carry a token)."""
        return self.address.split("?", 1)[0] + ("?…" if "?" in self.address else "")


@dataclass(frozen=True)
class AlertState:
    category: str
    failing: bool
    episode: int
    fingerprint: str
    failed_count: int
    headline: str
    since: datetime


@dataclass(frozen=True)
class OutboxMessage:
    id: int
    recipient_id: int
    category: str
    kind: str
    payload: str
    attempts: int
    created_at: datetime


@dataclass(frozen=True)
class OutboxSummary:
    """Messages not delivered yet and the latest reason why (``last_error``: JSON with ``sv`` and ``en``)."""

    undelivered: int
    last_error: str | None
    delivered: int


class AlertStore:
    def __init__(self, db: Database, tenant: str) -> None:
        self.db = db.for_tenant(tenant)
        self.tenant = tenant

    # Recipients --------------------------------------------------------------------------------------------

    def add_recipient(
        self,
        kind: str,
        address: str,
        *,
        now: datetime,
        key: str | None = None,
        lang: str = "sv",
        reminder_hours: int = 24,
        daily_summary: bool = False,
    ) -> Recipient:
        with self.db.transaction() as session:
            row = AlertRecipientRow(
                tenant_id=self.tenant,
                kind=kind,
                address=address,
                key_enc=self.db.box.seal(key) if key else None,
                lang=lang,
                reminder_hours=reminder_hours,
                daily_summary=daily_summary,
                created_at=now,
            )
            session.add(row)
            session.flush()
            return self._recipient(row)

    def recipients(self) -> list[Recipient]:
        with self.db.read() as session:
            rows = session.scalars(
                select(AlertRecipientRow)
                .where(AlertRecipientRow.tenant_id == self.tenant)
                .order_by(AlertRecipientRow.id)
            )
            return [self._recipient(row) for row in rows]

    def remove_recipient(self, recipient_id: int) -> bool:
        """Remove the recipient and its undelivered messages; ``False`` when this company has no such recipient."""
        with self.db.transaction() as session:
            row = session.get(AlertRecipientRow, recipient_id)
            if row is None or row.tenant_id != self.tenant:
                return False
            session.delete(row)
            session.execute(
                delete(AlertMessageRow).where(
                    AlertMessageRow.tenant_id == self.tenant, AlertMessageRow.recipient_id == recipient_id
                )
            )
            return True

    def mark_summary_sent(self, recipient_id: int, now: datetime) -> None:
        with self.db.transaction() as session:
            row = session.get(AlertRecipientRow, recipient_id)
            if row is not None and row.tenant_id == self.tenant:
                row.summary_sent_at = now

    def _recipient(self, row: AlertRecipientRow) -> Recipient:
        key = self.db.box.open(row.key_enc) if row.key_enc else None
        return Recipient(
            row.id,
            row.kind,
            row.address,
            row.lang,
            row.reminder_hours,
            row.daily_summary,
            key,
            row.summary_sent_at,
        )

    # States ------------------------------------------------------------------------------------------------

    def states(self) -> list[AlertState]:
        with self.db.read() as session:
            rows = session.scalars(
                select(AlertStateRow).where(AlertStateRow.tenant_id == self.tenant).order_by(AlertStateRow.category)
            )
            return [
                AlertState(r.category, r.failing, r.episode, r.fingerprint, r.failed_count, r.headline, r.since)
                for r in rows
            ]

    def open_alerts(self) -> list[AlertState]:
        return [state for state in self.states() if state.failing]

    # Outbox ------------------------------------------------------------------------------------------------

    def due(self, now: datetime, limit: int = 50) -> list[OutboxMessage]:
        """Undelivered messages whose next attempt is due, oldest first."""
        with self.db.read() as session:
            rows = session.scalars(
                select(AlertMessageRow)
                .where(
                    AlertMessageRow.tenant_id == self.tenant,
                    AlertMessageRow.sent_at.is_(None),
                    AlertMessageRow.next_attempt_at <= now,
                )
                .order_by(AlertMessageRow.id)
                .limit(limit)
            )
            return [
                OutboxMessage(r.id, r.recipient_id, r.category, r.kind, r.payload, r.attempts, r.created_at)
                for r in rows
            ]

    def messages(self, limit: int = 100) -> list[OutboxMessage]:
        """The latest messages, newest first (tests and the page)."""
        with self.db.read() as session:
            rows = session.scalars(
                select(AlertMessageRow)
                .where(AlertMessageRow.tenant_id == self.tenant)
                .order_by(AlertMessageRow.id.desc())
                .limit(limit)
            )
            return [
                OutboxMessage(r.id, r.recipient_id, r.category, r.kind, r.payload, r.attempts, r.created_at)
                for r in rows
            ]

    def mark_sent(self, message_id: int, now: datetime) -> None:
        with self.db.transaction() as session:
            row = session.get(AlertMessageRow, message_id)
            if row is not None and row.tenant_id == self.tenant:
                row.sent_at = now
                row.attempts += 1
                row.last_error = None

    def mark_failed(self, message_id: int, error: str, next_attempt_at: datetime) -> None:
        with self.db.transaction() as session:
            row = session.get(AlertMessageRow, message_id)
            if row is not None and row.tenant_id == self.tenant:
                row.attempts += 1
                row.last_error = error
                row.next_attempt_at = next_attempt_at

    def summary(self) -> OutboxSummary:
        with self.db.read() as session:
            pending = AlertMessageRow.tenant_id == self.tenant
            undelivered = session.scalar(
                select(func.count()).select_from(AlertMessageRow).where(pending, AlertMessageRow.sent_at.is_(None))
            )
            delivered = session.scalar(
                select(func.count()).select_from(AlertMessageRow).where(pending, AlertMessageRow.sent_at.is_not(None))
            )
            last_error = session.scalar(
                select(AlertMessageRow.last_error)
                .where(pending, AlertMessageRow.sent_at.is_(None), AlertMessageRow.last_error.is_not(None))
                .order_by(AlertMessageRow.id.desc())
                .limit(1)
            )
            return OutboxSummary(int(undelivered or 0), last_error, int(delivered or 0))
