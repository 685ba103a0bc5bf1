"""order: the last failure in the user's words (headline, hint, rule) and the draft as a person knows it

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 23:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import brygga.store.tables

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_TEXT_COLUMNS = ("last_error_title", "last_error_title_en", "last_error_hint", "last_error_hint_en")


def upgrade() -> None:
    # batch mode: SQLite cannot alter a table in place; PostgreSQL gets a plain ALTER TABLE.
    with op.batch_alter_table("order") as batch:
        for name in _TEXT_COLUMNS:
            batch.add_column(sa.Column(name, sa.Text(), nullable=True))
        batch.add_column(sa.Column("last_error_rule", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("draft_customer", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("draft_total", brygga.store.tables.DecimalText(), nullable=True))
        batch.add_column(sa.Column("draft_currency", sa.String(length=3), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("order") as batch:
        for name in ("draft_currency", "draft_total", "draft_customer", "last_error_rule", *reversed(_TEXT_COLUMNS)):
            batch.drop_column(name)
