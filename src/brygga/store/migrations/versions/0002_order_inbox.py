"""order inbox: received orders, their rows and the intake's API keys

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 02:41:17.818087
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import brygga.store.tables

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_key",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", brygga.store.tables.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "key_id"),
    )
    op.create_table(
        "order",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("order_number", sa.String(length=50), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("released", sa.Boolean(), nullable=False),
        sa.Column("customer_number", sa.String(length=50), nullable=False),
        sa.Column("customer_name", sa.String(length=200), nullable=True),
        sa.Column("organisation_number", sa.String(length=30), nullable=True),
        sa.Column("invoice_email", sa.String(length=254), nullable=True),
        sa.Column("country_code", sa.String(length=2), nullable=True),
        sa.Column("address_line1", sa.String(length=200), nullable=True),
        sa.Column("address_line2", sa.String(length=200), nullable=True),
        sa.Column("postal_code", sa.String(length=20), nullable=True),
        sa.Column("city", sa.String(length=200), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("payment_terms_days", sa.Integer(), nullable=True),
        sa.Column("export", sa.Boolean(), nullable=False),
        sa.Column("eu", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("draft_id", sa.String(length=100), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("received_at", brygga.store.tables.UtcDateTime(), nullable=False),
        sa.Column("updated_at", brygga.store.tables.UtcDateTime(), nullable=False),
        sa.Column("transferred_at", brygga.store.tables.UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("tenant_id", "order_number"),
    )
    with op.batch_alter_table("order", schema=None) as batch_op:
        batch_op.create_index("ix_order_pending", ["tenant_id", "released", "state"], unique=False)

    op.create_table(
        "order_row",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("order_number", sa.String(length=50), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=1000), nullable=False),
        sa.Column("quantity", brygga.store.tables.DecimalText(), nullable=False),
        sa.Column("unit", sa.String(length=50), nullable=True),
        sa.Column("unit_price", brygga.store.tables.DecimalText(), nullable=False),
        sa.Column("vat_rate", brygga.store.tables.DecimalText(), nullable=False),
        sa.Column("coding", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["tenant_id", "order_number"],
            ["order.tenant_id", "order.order_number"],
            name="fk_order_row_order",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tenant_id", "order_number", "position"),
    )


def downgrade() -> None:
    op.drop_table("order_row")
    with op.batch_alter_table("order", schema=None) as batch_op:
        batch_op.drop_index("ix_order_pending")

    op.drop_table("order")
    op.drop_table("api_key")
