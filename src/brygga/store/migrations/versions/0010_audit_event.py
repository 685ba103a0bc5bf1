"""audit_event: who changed which setting, connection, schedule or pause of a company, and when

One row per real change (the old value differs from the new), written in the same transaction as the change by the
store (``brygga.store.audit``), so every path (web, CLI, worker) is recorded and no change lacks its row. Secrets are
never stored: a changed client secret, token or key is recorded as changed, without values. On PostgreSQL the table
gets the row-level security policy of migration 0007.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-10 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import brygga.store.tables

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

POLICY = "brygga_tenant"
_OWN = "tenant_id = current_setting('brygga.tenant', true)"


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("at", brygga.store.tables.UtcDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_event_tenant_at", "audit_event", ["tenant_id", "at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {POLICY} ON audit_event USING ({_OWN}) WITH CHECK ({_OWN})")


def downgrade() -> None:
    op.drop_index("ix_audit_event_tenant_at", table_name="audit_event")
    op.drop_table("audit_event")
