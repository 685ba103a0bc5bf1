"""The overview's read-only policy: a transaction that names companies in ``brygga.tenants`` may read their rows

A second, SELECT-only row-level security policy on the tables the overview (``brygga overview``, the page Översikt)
reads. It matches only the rows of the companies a transaction names (``brygga.store.across.read_companies``) and
adds no right to insert, update or delete; a transaction that names none (every other store path) sees what it saw
before. PostgreSQL only; the table list is frozen here so a later change of the overview does not rewrite history.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 04:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

POLICY = "brygga_overview_read"
TABLES = ("connection", "setting", "run", "run_item", "link", "schedule", "schedule_pause", "alert_state")
_NAMED = "tenant_id IN (SELECT unnest(string_to_array(current_setting('brygga.tenants', true), ',')))"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f'CREATE POLICY {POLICY} ON "{table}" FOR SELECT USING ({_NAMED})')


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
