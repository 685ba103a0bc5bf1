"""PostgreSQL row-level security: a second wall between companies

Every table with a company's rows gets a policy that shows and accepts only the rows of the company the
transaction names (``SET LOCAL brygga.tenant``, set by the store for each transaction it begins): a query without
it sees nothing, and a row for another company cannot be written. The policies bind every role but the tables'
owner (and superusers), so brygga connects as an application role that owns nothing (README, "PostgreSQL").
The registry of companies (``company``: ids and names) is not walled: it is how a company is chosen.

SQLite has no row-level security: there the repositories' ``tenant_id`` filters are the wall. Nothing happens.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08 11:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

POLICY = "brygga_tenant"
TENANT_TABLES = (
    "connection",
    "setting",
    "link",
    "intent",
    "cursor",
    "retry",
    "run",
    "run_item",
    "lease",
    "order",
    "order_row",
    "api_key",
)
_OWN = "tenant_id = current_setting('brygga.tenant', true)"


def _tables() -> list[str]:
    quote = op.get_bind().dialect.identifier_preparer.quote
    return [quote(name) for name in TENANT_TABLES]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _tables():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {POLICY} ON {table} USING ({_OWN}) WITH CHECK ({_OWN})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _tables():
        op.execute(f"DROP POLICY IF EXISTS {POLICY} ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
