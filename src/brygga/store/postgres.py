"""PostgreSQL specifics of the store: the driver, the two roles, and the company set per transaction.

brygga connects to PostgreSQL with psycopg 3 (``postgresql+psycopg://``; a plain ``postgresql://`` gets that driver
too). Two roles keep the companies apart (README, "PostgreSQL"):

- the **owner** (``BRYGGA_DB_OWNER``) owns the tables and runs the migrations; after migrating, brygga grants the
  application role what it needs on them;
- the **application role** (``BRYGGA_DB``) owns nothing, so the row-level security policies of migration 0007 apply
  to it: every transaction says which company it works for (``brygga.tenant``), and a query without it sees nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, SessionTransaction

__all__ = [
    "TENANT_KEY",
    "TENANT_SETTING",
    "engine_options",
    "grant_to_app_role",
    "is_postgres",
    "migration_lock",
    "normalize_url",
    "set_tenant",
]

TENANT_SETTING = "brygga.tenant"
TENANT_KEY = "brygga_tenant"  # in Session.info: the company the session works for
_DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_SECONDS = 10


def normalize_url(url: str) -> str:
    """``postgres://`` and ``postgresql://`` name PostgreSQL without a driver; brygga's is psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return _DRIVER + "://" + url[len(prefix) :]
    return url


def is_postgres(url: str | URL) -> bool:
    return (make_url(url) if isinstance(url, str) else url).get_backend_name() == "postgresql"


def engine_options(url: str) -> dict[str, Any]:
    """Options for ``create_engine``: a server that does not answer is said within seconds, and a connection the
    server closed (restart, idle timeout) is replaced instead of failing the next transaction."""
    if not is_postgres(url):
        return {}
    return {"pool_pre_ping": True, "connect_args": {"connect_timeout": CONNECT_TIMEOUT_SECONDS}}


def set_tenant(session: Session, _transaction: SessionTransaction, connection: Connection) -> None:
    """Session ``after_begin``: the company of this transaction, for the row-level security policies.

    ``set_config(…, true)`` is ``SET LOCAL``: it ends with the transaction, so a pooled connection never carries one
    company's setting into another's transaction."""
    tenant = session.info.get(TENANT_KEY)
    if tenant is not None:
        connection.execute(text("SELECT set_config(:name, :tenant, true)"), {"name": TENANT_SETTING, "tenant": tenant})


# Advisory lock keys (any 64-bit numbers no other software on the database uses).
MIGRATE_LOCK_KEY = 0x62727967_6D696772  # "brygmigr": one process migrates at a time
GRANT_LOCK_KEY = 0x62727967_6772616E  # "bryggran": one process grants at a time


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Hold PostgreSQL's session advisory lock for migrating while the body runs: processes that open the database
    at the same moment (several workers starting) migrate one after the other, and the later ones find nothing to
    do. On SQLite nothing is needed (its write lock does it)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as guard:
        guard.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATE_LOCK_KEY})
        guard.commit()
        try:
            yield
        finally:
            guard.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATE_LOCK_KEY})
            guard.commit()


def grant_to_app_role(owner: Engine, app_url: str) -> None:
    """Give the application role (``BRYGGA_DB``'s user) the rows of brygga's tables, not the tables themselves: it
    reads and writes, never alters or drops, and only reads the migration version."""
    app_user = make_url(app_url).username
    with owner.begin() as connection:
        # Workers starting together all grant at once; PostgreSQL refuses concurrent GRANTs on one table ("tuple
        # concurrently updated"), so they take turns.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": GRANT_LOCK_KEY})
        current = connection.execute(text("SELECT current_user")).scalar_one()
        if not app_user or app_user == current:
            return
        role = owner.dialect.identifier_preparer.quote(app_user)
        tables = connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tableowner = current_user")
        ).scalars()
        for table in tables:
            quoted = owner.dialect.identifier_preparer.quote(table)
            rights = "SELECT" if table == "alembic_version" else "SELECT, INSERT, UPDATE, DELETE"
            connection.execute(text(f"GRANT {rights} ON TABLE {quoted} TO {role}"))
        connection.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}"))
