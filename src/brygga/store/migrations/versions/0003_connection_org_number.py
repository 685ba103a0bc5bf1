"""connection: the connected company's organisation number, shown beside its name (rule X4)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 04:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a table in place; PostgreSQL gets a plain ALTER TABLE.
    with op.batch_alter_table("connection") as batch:
        batch.add_column(sa.Column("company_org_number", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("connection") as batch:
        batch.drop_column("company_org_number")
