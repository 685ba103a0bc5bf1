"""Migrations: the models and the migration chain agree, and a database made by an earlier release keeps its
connection (and so its encrypted secret and company) when it is upgraded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from brygga.config import Settings
from brygga.store import open_store
from brygga.store.database import MIGRATIONS, head_revision
from brygga.store.tables import Base


def _upgrade(url: str, revision: str) -> None:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_store_models_match_the_migrations(settings: Settings) -> None:
    store = open_store(settings)
    with store.db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    store.db.dispose()
    assert differences == []


def test_x4_a_connection_from_before_the_org_number_survives_the_upgrade(settings: Settings) -> None:
    url = f"sqlite:///{settings.db}"
    _upgrade(url, "0002")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO connection (tenant_id, system, api_url, client_id, company_name, company_id, updated_at)"
                " VALUES (:tenant, 'eekonomi', 'https://eek.test/v2', 'cid', 'Demo AB', 'abc', '2026-01-01 00:00:00')"
            ),
            {"tenant": settings.tenant},
        )
    engine.dispose()
    store = open_store(settings)  # migrates to head
    info = store.connections.get("eekonomi")
    store.db.dispose()
    assert info is not None
    assert (info.company_name, info.company_id, info.company_org_number) == ("Demo AB", "abc", None)


def test_head_revision_read_from_the_files_is_alembics_head() -> None:
    """Opening a store at head skips Alembic; that shortcut must know the same head Alembic does."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()


def test_opening_a_store_at_head_does_not_import_alembic(tmp_path: Path) -> None:
    """The second open of a store (every CLI command after the first) never loads Alembic."""
    script = (
        "import sys\n"
        "from cryptography.fernet import Fernet\n"
        "from brygga.config import Settings\n"
        "from brygga.store import open_store\n"
        f"settings = Settings(data_dir={str(tmp_path)!r}, db={str(tmp_path / 's.sqlite3')!r}, "
        "secret_key=Fernet.generate_key().decode())\n"
        "open_store(settings).db.dispose()\n"
        "first = 'alembic' in sys.modules\n"
        "for name in [m for m in sys.modules if m == 'alembic' or m.startswith('alembic.')]:\n"
        "    del sys.modules[name]\n"
        "open_store(settings).db.dispose()\n"
        "print(first, 'alembic' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "False"]
