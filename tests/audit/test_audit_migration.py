"""Migration 0010: the audit_event table matches its model on both databases, goes down and up again, and on
PostgreSQL a company's transaction sees and writes only its own audit rows (row-level security, as 0007-0009)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, func, inspect, select
from sqlalchemy.exc import DBAPIError

from brygga.config import Settings
from brygga.store import Store
from brygga.store.database import MIGRATIONS
from brygga.store.tables import AuditEventRow, Base

pytestmark = pytest.mark.both_databases


def _event(tenant: str, key: str = "master_customers") -> AuditEventRow:
    return AuditEventRow(
        tenant_id=tenant,
        at=datetime(2026, 12, 10, 9, 0, tzinfo=UTC),
        actor="cli:anna",
        source="cli",
        subject="setting",
        key=key,
        old_value="pm",
        new_value="eekonomi",
    )


def test_audit_migration_0010_matches_the_model(store: Store) -> None:
    with store.db.engine.connect() as connection:
        assert "audit_event" in inspect(connection).get_table_names()
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_audit_migration_0010_rows_are_kept_per_company(store: Store) -> None:
    with store.db.for_tenant("a").transaction() as session:
        session.add(_event("a"))
    with store.db.for_tenant("b").transaction() as session:
        session.add(_event("b", "master_articles"))
    with store.db.for_tenant("b").read() as session:
        keys = list(session.scalars(select(AuditEventRow.key).where(AuditEventRow.tenant_id == "b")))
    assert keys == ["master_articles"]


def test_audit_migration_0010_rls_hides_and_refuses_another_companys_rows(store: Store, db_kind: str) -> None:
    if db_kind != "postgresql":
        pytest.skip("row-level security is PostgreSQL's")
    with store.db.for_tenant("a").transaction() as session:
        session.add(_event("a"))
    with store.db.for_tenant("b").read() as session:  # no company filter: the policy alone hides a's row
        assert session.scalar(select(func.count()).select_from(AuditEventRow)) == 0
    with pytest.raises(DBAPIError), store.db.for_tenant("b").transaction() as session:
        session.add(_event("a"))


def test_audit_migration_0010_goes_down_to_0009_and_up_again(settings: Settings, db_kind: str) -> None:
    if db_kind != "sqlite":
        pytest.skip("the downgrade is checked on SQLite; PostgreSQL runs the same Alembic operations")
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(f"sqlite:///{settings.db}")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0010")
        command.downgrade(config, "0009")
        assert "audit_event" not in inspect(connection).get_table_names()
        command.upgrade(config, "0010")
        assert "audit_event" in inspect(connection).get_table_names()
    engine.dispose()
