"""company: the registry of the companies one installation serves; the web app's password moves to the installation

Every tenant id found in an existing store is registered (named by its id), so nothing is lost. The admin
password and the session key of the web app (settings ``web.*``) belonged to one company; they now belong to the
installation (the reserved tenant ``_brygga``, which no company id can be), so removing a company never removes
the password that guards all of them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08 10:00:00.000000
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import brygga.store.tables

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INSTALLATION = "_brygga"
_TENANT_TABLES = (
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


def upgrade() -> None:
    company = op.create_table(
        "company",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", brygga.store.tables.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id"),
    )
    bind = op.get_bind()
    found: set[str] = set()
    for name in _TENANT_TABLES:
        table = sa.table(name, sa.column("tenant_id"))
        found.update(bind.execute(sa.select(table.c.tenant_id).distinct()).scalars())
    now = datetime.now(UTC)
    rows = [{"tenant_id": t, "name": t, "created_at": now} for t in sorted(found) if not t.startswith("_")]
    if rows:
        op.bulk_insert(company, rows)
    _move_web_settings(bind)


def _move_web_settings(bind: sa.Connection) -> None:
    setting = sa.table("setting", sa.column("tenant_id"), sa.column("key"))
    owners = sorted(
        bind.execute(
            sa.select(setting.c.tenant_id).where(setting.c.key == "web.admin_password_argon2").distinct()
        ).scalars()
    )
    if not owners:
        owners = sorted(bind.execute(sa.select(setting.c.tenant_id).where(setting.c.key.like("web.%"))).scalars())
    if not owners:
        return
    owner = "default" if "default" in owners else owners[0]
    bind.execute(
        sa.update(setting)
        .where(setting.c.tenant_id == owner, setting.c.key.like("web.%"))
        .values(tenant_id=INSTALLATION)
    )


def downgrade() -> None:
    bind = op.get_bind()
    company = sa.table("company", sa.column("tenant_id"))
    first = bind.execute(sa.select(sa.func.min(company.c.tenant_id))).scalar()
    setting = sa.table("setting", sa.column("tenant_id"))
    bind.execute(sa.update(setting).where(setting.c.tenant_id == INSTALLATION).values(tenant_id=first or "default"))
    op.drop_table("company")
