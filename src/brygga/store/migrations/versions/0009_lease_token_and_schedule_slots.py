"""lease.token and schedule_slot: the fencing token of the per-company lease, and where each scheduled category's
next slot is counted from

``lease.token`` grows by one every time a run takes a company's lease and is never reset (a released lease keeps its
row, with no holder). A run writes only while the lease still carries its token, so a worker that stalled past its
lease's expiry cannot commit after another worker took over (issue 14, "fencing token").

``schedule_slot`` keeps, per (company, category), the moment its schedule's next slot is counted from: the due time
of the scheduled run last started. Every worker process reads the same rows, so a slot is enqueued once whichever
worker sees it, and a restarted worker neither repeats nor forgets a slot. On PostgreSQL it gets the row-level
security policy of migration 0007.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 02:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import brygga.store.tables

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

POLICY = "brygga_tenant"
_OWN = "tenant_id = current_setting('brygga.tenant', true)"


def upgrade() -> None:
    with op.batch_alter_table("lease") as batch:
        batch.add_column(sa.Column("token", sa.BigInteger(), nullable=False, server_default="0"))
    op.create_table(
        "schedule_slot",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("counted_from", brygga.store.tables.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "category"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE schedule_slot ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {POLICY} ON schedule_slot USING ({_OWN}) WITH CHECK ({_OWN})")


def downgrade() -> None:
    op.drop_table("schedule_slot")
    with op.batch_alter_table("lease") as batch:
        batch.drop_column("token")
