"""alert_recipient, alert_state and alert_outbox: who hears of a company's failing categories, each category's
alert state, and the messages waiting to be (or already) delivered

``alert_state`` keeps per (company, category) whether it is failing, the failure episode and its fingerprint, so an
alert is sent once when a category starts failing, a reminder after the recipient's quiet period and one "löst"
message when it runs clean again. ``alert_outbox`` is written in the same transaction as the state change and
delivered afterwards, best-effort, with retries. A webhook's signing key is Fernet-encrypted like a connection's
secret. On PostgreSQL all three get the row-level security policy of migration 0007.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-10 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import brygga.store.tables

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

POLICY = "brygga_tenant"
TENANT_TABLES = ("alert_recipient", "alert_state", "alert_outbox")
_OWN = "tenant_id = current_setting('brygga.tenant', true)"


def upgrade() -> None:
    utc = brygga.store.tables.UtcDateTime
    op.create_table(
        "alert_recipient",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("address", sa.String(length=1000), nullable=False),
        sa.Column("key_enc", sa.LargeBinary(), nullable=True),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("reminder_hours", sa.Integer(), nullable=False),
        sa.Column("daily_summary", sa.Boolean(), nullable=False),
        sa.Column("summary_sent_at", utc(), nullable=True),
        sa.Column("created_at", utc(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_alert_recipient_tenant", "alert_recipient", ["tenant_id"])
    op.create_table(
        "alert_state",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("failing", sa.Boolean(), nullable=False),
        sa.Column("episode", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=300), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("since", utc(), nullable=False),
        sa.Column("updated_at", utc(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "category"),
    )
    op.create_table(
        "alert_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("episode", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", utc(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", utc(), nullable=False),
        sa.Column("sent_at", utc(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_alert_outbox_pending", "alert_outbox", ["tenant_id", "sent_at", "next_attempt_at"])
    op.create_index("ix_alert_outbox_recipient", "alert_outbox", ["tenant_id", "recipient_id", "category", "episode"])
    if op.get_bind().dialect.name == "postgresql":
        for table in TENANT_TABLES:
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            op.execute(f"CREATE POLICY {POLICY} ON {table} USING ({_OWN}) WITH CHECK ({_OWN})")


def downgrade() -> None:
    op.drop_index("ix_alert_outbox_recipient", table_name="alert_outbox")
    op.drop_index("ix_alert_outbox_pending", table_name="alert_outbox")
    op.drop_table("alert_outbox")
    op.drop_table("alert_state")
    op.drop_index("ix_alert_recipient_tenant", table_name="alert_recipient")
    op.drop_table("alert_recipient")
