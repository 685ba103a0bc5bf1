"""A read-only transaction that names exactly the companies it may read: the overview of many companies.

Every other store path works for one company (``Database.for_tenant``: ``brygga.tenant``, row-level security of
migration 0007). The overview (``brygga overview``, the page Översikt) needs the figures of a page of companies in one
query, so its transaction names those companies instead: ``brygga.tenants`` = their ids, comma-separated (a company
id cannot hold a comma), set with ``SET LOCAL`` semantics, in a transaction declared ``READ ONLY``.

On PostgreSQL a second, SELECT-only policy (``OVERVIEW_POLICY``) lets such a transaction see the rows of the named
companies and nothing else; it adds no right to insert, update or delete, and a transaction that names no
companies (every normal store path) sees exactly what it saw before. The policy is created by a migration that calls
``create_overview_policies`` (migration 0012 freezes the same SQL with its own table list).
SQLite has no row-level security: there the overview query's own ``tenant_id`` filter is the wall.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session

from brygga.store.database import Database

__all__ = [
    "OVERVIEW_POLICY",
    "STATUS_POLICY",
    "TENANTS_SETTING",
    "create_overview_policies",
    "drop_overview_policies",
    "judge_companies",
    "overview_tables",
    "read_companies",
]

TENANTS_SETTING = "brygga.tenants"
OVERVIEW_POLICY = "brygga_overview_read"
STATUS_POLICY = "brygga_overview_status"
# A hashed subplan: the named ids are read once per query, not once per row.
_NAMED = "tenant_id IN (SELECT unnest(string_to_array(current_setting('brygga.tenants', true), ',')))"


@contextmanager
def read_companies(db: Database, company_ids: Sequence[str]) -> Iterator[Session]:
    """A read-only session whose transaction may read the rows of ``company_ids`` (and on PostgreSQL no others)."""
    for company_id in company_ids:
        if "," in company_id:
            raise ValueError(f"a company id cannot hold a comma: {company_id!r}")
    with Session(db.engine) as session, session.begin():
        if db.engine.dialect.name == "postgresql":
            session.execute(text("SET TRANSACTION READ ONLY"))
            session.execute(
                text("SELECT set_config(:name, :ids, true)"), {"name": TENANTS_SETTING, "ids": ",".join(company_ids)}
            )
        yield session


def overview_tables() -> list[str]:
    """The tables the overview reads rows of (each has the policy of migration 0007)."""
    return ["connection", "setting", "run", "run_item", "link", "schedule", "schedule_pause", "alert_state"]


def create_overview_policies(execute: Callable[[str], object]) -> None:
    """For the migration: ``execute`` is ``op.execute`` (or a connection's ``exec_driver_sql``); PostgreSQL only."""
    for table in overview_tables():
        execute(f'CREATE POLICY {OVERVIEW_POLICY} ON "{table}" FOR SELECT USING ({_NAMED})')


def drop_overview_policies(execute: Callable[[str], object]) -> None:
    for table in overview_tables():
        execute(f'DROP POLICY IF EXISTS {OVERVIEW_POLICY} ON "{table}"')


@contextmanager
def judge_companies(db: Database, company_ids: Sequence[str]) -> Iterator[Session]:
    """A transaction that may write the overview's summary rows (``company_status``, migration 0013) of
    ``company_ids``: on PostgreSQL only that table's policy ``STATUS_POLICY`` lets it, no other table's."""
    for company_id in company_ids:
        if "," in company_id:
            raise ValueError(f"a company id cannot hold a comma: {company_id!r}")
    with Session(db.engine) as session, session.begin():
        if db.engine.dialect.name == "postgresql":
            session.execute(
                text("SELECT set_config(:name, :ids, true)"), {"name": TENANTS_SETTING, "ids": ",".join(company_ids)}
            )
        yield session
