"""reconcile_run and reconcile_finding: the full compare of both systems ("Avstämning", issue 17)

One ``reconcile_run`` per compare of one company (its state, what it read and, in ``progress``, which categories
are done so an interrupted run is continued), one ``reconcile_finding`` per thing it found. On PostgreSQL both get
the row-level security policy of migration 0007.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 05:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import brygga.store.tables

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

POLICY = "brygga_tenant"
TENANT_TABLES = ("reconcile_run", "reconcile_finding")
_OWN = "tenant_id = current_setting('brygga.tenant', true)"


def upgrade() -> None:
    utc = brygga.store.tables.UtcDateTime
    op.create_table(
        "reconcile_run",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("started_at", utc(), nullable=False),
        sa.Column("finished_at", utc(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("categories", sa.String(length=200), nullable=False),
        sa.Column("objects_read", sa.Integer(), nullable=False),
        sa.Column("api_reads", sa.Integer(), nullable=False),
        sa.Column("trigger", sa.String(length=16), nullable=False),
        sa.Column("progress", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reconcile_run_tenant", "reconcile_run", ["tenant_id", "id"])
    op.create_table(
        "reconcile_finding",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("object_key", sa.String(length=200), nullable=False),
        sa.Column("object_name", sa.String(length=500), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("pm_value", sa.Text(), nullable=True),
        sa.Column("eek_value", sa.Text(), nullable=True),
        sa.Column("changed_in", sa.String(length=16), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("hint", sa.Text(), nullable=False),
        sa.Column("hint_en", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("repair", sa.String(length=16), nullable=True),
        sa.Column("repair_ref", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reconcile_finding_run", "reconcile_finding", ["tenant_id", "run_id"])
    if op.get_bind().dialect.name == "postgresql":
        for table in TENANT_TABLES:
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            op.execute(f"CREATE POLICY {POLICY} ON {table} USING ({_OWN}) WITH CHECK ({_OWN})")


def downgrade() -> None:
    op.drop_index("ix_reconcile_finding_run", table_name="reconcile_finding")
    op.drop_table("reconcile_finding")
    op.drop_index("ix_reconcile_run_tenant", table_name="reconcile_run")
    op.drop_table("reconcile_run")
