"""company_status: the overview's per-company summary (state, last and next run), so that its pages sort and
filter in the database

One row per company, written by the overview itself: a missing row, one whose ``changes`` moved past ``judged``
(every writer of the facts bumps ``changes`` in its own transaction) or whose next run has passed is judged again,
in one batch, when the overview next reads it. Existing companies therefore need no backfill here: their rows are
made by the same judgement the page shows, on the first page view after the upgrade (a copy of that judgement in
SQL would be a second set of rules that could drift). On PostgreSQL the table gets the row-level security policy of
migration 0007 and a policy that lets a transaction naming companies (``brygga.tenants``, the overview) read and
write their summary rows, and no other table's.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 04:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import brygga.store.tables

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

POLICY = "brygga_tenant"
STATUS_POLICY = "brygga_overview_status"
_OWN = "tenant_id = current_setting('brygga.tenant', true)"
_NAMED = "tenant_id IN (SELECT unnest(string_to_array(current_setting('brygga.tenants', true), ',')))"


def upgrade() -> None:
    op.create_table(
        "company_status",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.Column("judged", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=True),
        sa.Column("state_rank", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("sort_name", sa.String(length=200), nullable=True),
        sa.Column("last_run_at", brygga.store.tables.UtcDateTime(), nullable=True),
        sa.Column("next_run_at", brygga.store.tables.UtcDateTime(), nullable=True),
        sa.Column("updated_at", brygga.store.tables.UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("tenant_id"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE company_status ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {POLICY} ON company_status USING ({_OWN}) WITH CHECK ({_OWN})")
        op.execute(f"CREATE POLICY {STATUS_POLICY} ON company_status USING ({_NAMED}) WITH CHECK ({_NAMED})")


def downgrade() -> None:
    op.drop_table("company_status")
