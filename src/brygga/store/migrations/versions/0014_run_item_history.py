"""run_item: the object history (which fields a run changed, old -> new, and the object's ids on both sides)

``changes`` is JSON text, a list of ``{field, old, new}`` (brygga.field_changes); ``pm_id`` and ``eek_id`` are the
ids of the link (or of the one side known when the object failed). Indexed by object number and by either id, so
that ``brygga history`` and ``/object/…`` find an object's runs without reading the whole log. Items written before
this revision have none of them: their history shows what happened without the fields and ids. ``run_item`` already
has the row-level security policy of migration 0007.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 05:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a table in place; PostgreSQL gets a plain ALTER TABLE.
    with op.batch_alter_table("run_item") as batch:
        batch.add_column(sa.Column("changes", sa.Text(), nullable=True))
        batch.add_column(sa.Column("pm_id", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("eek_id", sa.String(length=100), nullable=True))
    op.create_index("ix_run_item_object", "run_item", ["tenant_id", "object_key"])
    op.create_index("ix_run_item_pm_id", "run_item", ["tenant_id", "pm_id"])
    op.create_index("ix_run_item_eek_id", "run_item", ["tenant_id", "eek_id"])


def downgrade() -> None:
    op.drop_index("ix_run_item_eek_id", table_name="run_item")
    op.drop_index("ix_run_item_pm_id", table_name="run_item")
    op.drop_index("ix_run_item_object", table_name="run_item")
    with op.batch_alter_table("run_item") as batch:
        batch.drop_column("eek_id")
        batch.drop_column("pm_id")
        batch.drop_column("changes")
