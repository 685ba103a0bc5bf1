"""run_item: the message in the user's words (Swedish and English) beside the original integration's text

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 23:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a table in place; PostgreSQL gets a plain ALTER TABLE.
    with op.batch_alter_table("run_item") as batch:
        batch.add_column(sa.Column("title", sa.Text(), nullable=True))
        batch.add_column(sa.Column("title_en", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("run_item") as batch:
        batch.drop_column("title_en")
        batch.drop_column("title")
