"""Opening a PostgreSQL store: the same migrations, the two roles, and errors said as what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.store import open_store
from brygga.store.database import MIGRATIONS
from brygga.store.postgres import normalize_url
from brygga.store.tables import Base
from tests.postgres.plugin import PostgresServer


def _config() -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def test_pg_unreachable_server_is_said_with_its_address_and_a_hint_never_the_password(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, db="postgresql+psycopg://brygga:hemligt@127.0.0.1:1/brygga")
    with pytest.raises(ConfigError) as caught:
        open_store(settings)
    error = caught.value
    assert "Databasen postgresql+psycopg://brygga:***@127.0.0.1:1/brygga kunde inte öppnas" in error.message
    assert "databasservern är igång" in error.hint
    assert "127.0.0.1:1" in error.message_en and "database server is running" in error.hint_en
    assert "hemligt" not in error.message + error.hint + error.message_en + error.hint_en


def test_pg_url_without_a_driver_gets_psycopg() -> None:
    assert normalize_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalize_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalize_url("sqlite:///x.sqlite3") == "sqlite:///x.sqlite3"


def test_pg_a_database_brygga_cannot_use_is_said_not_raised(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        open_store(Settings(data_dir=tmp_path, db="mysql://u:hemligt@h/db"))
    assert "BRYGGA_DB är ingen databas som brygga kan använda" in caught.value.message
    assert "hemligt" not in caught.value.message


def test_pg_every_migration_runs_up_and_down(postgres_server: PostgresServer, own_database: str) -> None:
    engine = create_engine(postgres_server.url(own_database, owner=True))
    config = _config()
    revisions = [script.revision for script in ScriptDirectory.from_config(config).walk_revisions()][::-1]
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        for revision in revisions:
            command.upgrade(config, revision)
            assert MigrationContext.configure(connection).get_current_heads() == (revision,)
        command.downgrade(config, "base")
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        command.upgrade(config, "head")
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()


def test_pg_the_application_role_cannot_migrate_and_is_told_to_set_the_owner(pg_settings: Settings) -> None:
    with pytest.raises(ConfigError) as caught:
        open_store(pg_settings.model_copy(update={"db_owner": None}))
    assert "permission denied" in caught.value.message
    assert "BRYGGA_DB_OWNER" in caught.value.hint and "BRYGGA_DB_OWNER" in caught.value.hint_en


def test_pg_migrated_by_the_owner_the_application_role_owns_nothing_and_works(
    pg_settings: Settings, postgres_server: PostgresServer, own_database: str
) -> None:
    store = open_store(pg_settings)
    store.settings.set_many({"master_customers": "eekonomi"})
    assert store.settings.all()["master_customers"] == "eekonomi"
    store.db.dispose()
    reopened = open_store(pg_settings.model_copy(update={"db_owner": None}))  # at head: the app role alone opens it
    assert reopened.settings.all()["master_customers"] == "eekonomi"
    reopened.db.dispose()
    owner = create_engine(postgres_server.url(own_database, owner=True))
    with owner.connect() as connection:
        owners = {
            row[0] for row in connection.exec_driver_sql("SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")
        }
    owner.dispose()
    assert owners == {"brygga_owner"}
