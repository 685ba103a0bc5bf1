"""schedule and schedule_pause: when each category of a company runs by itself, and a company's paused schedules

``schedule`` holds one row per (company, category) that is not off (no row: off, manual, as before); the schedule
is a small JSON object (``brygga.schedules.Schedule.to_json``). ``schedule_pause`` holds the companies whose
scheduled runs stopped on a broken connection, with the reason. On PostgreSQL both get the row-level security
policy of migration 0007.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-09 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import brygga.store.tables

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

POLICY = "brygga_tenant"
TENANT_TABLES = ("schedule", "schedule_pause")
_OWN = "tenant_id = current_setting('brygga.tenant', true)"


def upgrade() -> None:
    op.create_table(
        "schedule",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("spec", sa.Text(), nullable=False),
        sa.Column("updated_at", brygga.store.tables.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "category"),
    )
    op.create_table(
        "schedule_pause",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reason_en", sa.Text(), nullable=False),
        sa.Column("paused_at", brygga.store.tables.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id"),
    )
    if op.get_bind().dialect.name == "postgresql":
        for table in TENANT_TABLES:
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            op.execute(f"CREATE POLICY {POLICY} ON {table} USING ({_OWN}) WITH CHECK ({_OWN})")


def downgrade() -> None:
    op.drop_table("schedule_pause")
    op.drop_table("schedule")
