"""SQLAlchemy 2 tables. ``tenant_id`` leads every key so one database can serve many companies.

The same DDL runs on SQLite and PostgreSQL; Alembic migrations beside this module create it.
Timestamps are stored as aware UTC datetimes (``UtcDateTime()``).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from brygga.store.table_types import Base, DecimalText, UtcDateTime
from brygga.store.tables_alerts import AlertMessageRow, AlertRecipientRow, AlertStateRow
from brygga.store.tables_reconcile import ReconcileFindingRow, ReconcileRunRow
from brygga.store.tables_status import CompanyStatusRow

__all__ = [
    "AlertMessageRow",
    "AlertRecipientRow",
    "AlertStateRow",
    "ApiKeyRow",
    "AuditEventRow",
    "Base",
    "CompanyRow",
    "CompanyStatusRow",
    "ConnectionRow",
    "CursorRow",
    "DecimalText",
    "IntentRow",
    "LeaseRow",
    "LinkRow",
    "OrderHeaderRow",
    "OrderLineRow",
    "ReconcileFindingRow",
    "ReconcileRunRow",
    "RetryRow",
    "RunItemRow",
    "RunRow",
    "SchedulePauseRow",
    "ScheduleRow",
    "ScheduleSlotRow",
    "SettingRow",
    "UtcDateTime",
]


class CompanyRow(Base):
    """A company this installation serves (``brygga companies``): every other row's ``tenant_id`` is one of these."""

    __tablename__ = "company"
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ConnectionRow(Base):
    """One connection per (tenant, system); secrets and tokens are Fernet-encrypted."""

    __tablename__ = "connection"
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    system: Mapped[str] = mapped_column(String(16), primary_key=True)
    api_url: Mapped[str] = mapped_column(String(500))
    auth_url: Mapped[str | None] = mapped_column(String(500))
    client_id: Mapped[str] = mapped_column(String(200))
    secret_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    tokens_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    company_name: Mapped[str | None] = mapped_column(String(200))
    company_id: Mapped[str | None] = mapped_column(String(100))
    company_org_number: Mapped[str | None] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SettingRow(Base):
    __tablename__ = "setting"
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LinkRow(Base):
    """A PM object and its eEkonomi counterpart, with the fingerprint each side had at the last sync."""

    __tablename__ = "link"
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    pm_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    eek_id: Mapped[str] = mapped_column(String(100))
    pm_hash: Mapped[str | None] = mapped_column(String(64))
    eek_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    __table_args__ = (UniqueConstraint("tenant_id", "category", "eek_id", name="uq_link_eek"),)


class IntentRow(Base):
    """Written and committed before a create is sent; closed in the same commit as the link."""

    __tablename__ = "intent"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[str] = mapped_column(String(100))
    op: Mapped[str] = mapped_column(String(16))
    natural_key: Mapped[str] = mapped_column(String(200))
    payload_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    __table_args__ = (UniqueConstraint("tenant_id", "category", "target", "source_id", "op", name="uq_intent_object"),)


class CursorRow(Base):
    """Where the next incremental read of one category on one system starts (rule X3)."""

    __tablename__ = "cursor"
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    system: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class RetryRow(Base):
    """Objects that failed; they are planned again on every run until they succeed."""

    __tablename__ = "retry"
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    system: Mapped[str] = mapped_column(String(16), primary_key=True)
    source_id: Mapped[str] = mapped_column(String(100), primary_key=True)


class RunRow(Base):
    __tablename__ = "run"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(64), index=True)
    categories: Mapped[str] = mapped_column(String(200))
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    summary: Mapped[str | None] = mapped_column(Text)


class RunItemRow(Base):
    """One object's outcome in one run: the error log ("Felmeddelanden") reads these."""

    __tablename__ = "run_item"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("run.id"))
    tenant_id: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(32))
    direction: Mapped[str] = mapped_column(String(16))
    object_key: Mapped[str] = mapped_column(String(100))
    object_name: Mapped[str] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str] = mapped_column(String(16))
    rule_id: Mapped[str | None] = mapped_column(String(16))
    message: Mapped[str | None] = mapped_column(Text)
    hint: Mapped[str | None] = mapped_column(Text)
    hint_en: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)  # the message in the user's words; `message` keeps the original's
    title_en: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    changes: Mapped[str | None] = mapped_column(Text)  # JSON: [{field, old, new}] (brygga.field_changes)
    pm_id: Mapped[str | None] = mapped_column(String(100))  # the object's ids on both sides (the object history)
    eek_id: Mapped[str | None] = mapped_column(String(100))
    __table_args__ = (
        Index("ix_run_item_run", "tenant_id", "run_id"),
        Index("ix_run_item_object", "tenant_id", "object_key"),
        Index("ix_run_item_pm_id", "tenant_id", "pm_id"),
        Index("ix_run_item_eek_id", "tenant_id", "eek_id"),
    )


class LeaseRow(Base):
    """Serialises runs per company: a row held until ``expires_at``. ``token`` (the fencing token) grows with every
    acquisition and survives release, which leaves the row with an empty holder."""

    __tablename__ = "lease"
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(100))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    token: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


# The order inbox (orders from an order system, rules O1-O11) ------------------------------------------------


class OrderHeaderRow(Base):
    """One received order; ``state`` is received, failed or transferred (then ``draft_id`` is eEkonomi's draft)."""

    __tablename__ = "order"
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_number: Mapped[str] = mapped_column(String(50), primary_key=True)
    schema_version: Mapped[int] = mapped_column(Integer)
    released: Mapped[bool] = mapped_column(Boolean)
    customer_number: Mapped[str] = mapped_column(String(50))
    customer_name: Mapped[str | None] = mapped_column(String(200))
    organisation_number: Mapped[str | None] = mapped_column(String(30))
    invoice_email: Mapped[str | None] = mapped_column(String(254))
    country_code: Mapped[str | None] = mapped_column(String(2))
    address_line1: Mapped[str | None] = mapped_column(String(200))
    address_line2: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(200))
    currency: Mapped[str] = mapped_column(String(3))
    payment_terms_days: Mapped[int | None] = mapped_column(Integer)
    export: Mapped[bool] = mapped_column(Boolean)
    eu: Mapped[bool] = mapped_column(Boolean)
    content_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))
    draft_id: Mapped[str | None] = mapped_column(String(100))
    last_error: Mapped[str | None] = mapped_column(Text)  # the original's (API) text of the last failure
    # The last failure in the user's words, its hint and rule; the draft as a person knows it (customer, total).
    last_error_title: Mapped[str | None] = mapped_column(Text)
    last_error_title_en: Mapped[str | None] = mapped_column(Text)
    last_error_hint: Mapped[str | None] = mapped_column(Text)
    last_error_hint_en: Mapped[str | None] = mapped_column(Text)
    last_error_rule: Mapped[str | None] = mapped_column(String(16))
    draft_customer: Mapped[str | None] = mapped_column(String(300))
    draft_total: Mapped[Decimal | None] = mapped_column(DecimalText())
    draft_currency: Mapped[str | None] = mapped_column(String(3))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    transferred_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    __table_args__ = (Index("ix_order_pending", "tenant_id", "released", "state"),)


class OrderLineRow(Base):
    """One row of a received order, in the order it was sent (``position`` from 0)."""

    __tablename__ = "order_row"
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_number: Mapped[str] = mapped_column(String(50), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(String(1000))
    quantity: Mapped[Decimal] = mapped_column(DecimalText())
    unit: Mapped[str | None] = mapped_column(String(50))
    unit_price: Mapped[Decimal] = mapped_column(DecimalText())
    vat_rate: Mapped[Decimal] = mapped_column(DecimalText())
    coding: Mapped[str | None] = mapped_column(String(200))
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "order_number"],
            ["order.tenant_id", "order.order_number"],
            name="fk_order_row_order",
            ondelete="CASCADE",
        ),
    )


class ApiKeyRow(Base):
    """An API key of the order intake: only its SHA-256 is kept; ``key_id`` is the key's public label."""

    __tablename__ = "api_key"
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ScheduleRow(Base):
    """When one category of one company runs by itself (``brygga schedule``): the schedule as a small JSON object."""

    __tablename__ = "schedule"
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    spec: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ScheduleSlotRow(Base):
    """Where one scheduled category's next slot is counted from: the due time of its scheduled run last started."""

    __tablename__ = "schedule_slot"
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    counted_from: Mapped[datetime] = mapped_column(UtcDateTime())


class SchedulePauseRow(Base):
    """A company whose scheduled runs are paused (its connection is broken), with the reason, until resumed."""

    __tablename__ = "schedule_pause"
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    reason_en: Mapped[str] = mapped_column(Text)
    paused_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AuditEventRow(Base):
    """One change of a company's setting, connection, schedule or pause: when, who (``actor``) from where
    (``source``: web, cli or worker), what (``subject`` and ``key``) and the values before and after (never a
    secret's: those say only that it changed)."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(200))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_audit_event_tenant_at", "tenant_id", "at"),)
