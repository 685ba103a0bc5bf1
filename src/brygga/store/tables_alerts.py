"""The alert tables (issue 15): who is told when a category starts failing, each category's alert state, the outbox.
Re-exported by ``brygga.store.tables``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from brygga.store.table_types import Base, UtcDateTime

__all__ = ["AlertMessageRow", "AlertRecipientRow", "AlertStateRow"]


class AlertRecipientRow(Base):
    """One recipient of a company's alerts: an e-mail address or a webhook URL (its signing key Fernet-encrypted),
    the language, the reminder's quiet period and whether a daily summary is wanted."""

    __tablename__ = "alert_recipient"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # email or webhook
    address: Mapped[str] = mapped_column(String(1000))
    key_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    lang: Mapped[str] = mapped_column(String(2))
    reminder_hours: Mapped[int] = mapped_column(Integer)
    daily_summary: Mapped[bool] = mapped_column(Boolean, default=False)
    summary_sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    __table_args__ = (Index("ix_alert_recipient_tenant", "tenant_id"),)


class AlertStateRow(Base):
    """One category's alert state: failing or not, the failure episode (grows with every new failure), what the
    failure is (``fingerprint``, the first error's rule or headline), how many failed and since when."""

    __tablename__ = "alert_state"
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    failing: Mapped[bool] = mapped_column(Boolean)
    episode: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(300))
    failed_count: Mapped[int] = mapped_column(Integer)
    headline: Mapped[str] = mapped_column(Text)
    since: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AlertMessageRow(Base):
    """The outbox: one message to one recipient, written with the state change it tells of, sent afterwards and
    tried again with backoff until delivered (``sent_at``); ``last_error`` says why it was not, in words."""

    __tablename__ = "alert_outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    recipient_id: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(32))
    episode: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # alert, reminder, resolved or summary
    payload: Mapped[str] = mapped_column(Text)  # the message as JSON (subject, text, and the facts for a webhook)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        Index("ix_alert_outbox_pending", "tenant_id", "sent_at", "next_attempt_at"),
        Index("ix_alert_outbox_recipient", "tenant_id", "recipient_id", "category", "episode"),
    )
