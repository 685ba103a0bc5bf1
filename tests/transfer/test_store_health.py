"""A broken store is said with its file and what to do, and never touched; a newer brygga's store is refused;
BRYGGA_DB in a missing folder is an error; a new store is private to its owner (issue 12: 4 and 7)."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.store import health, open_store


def settings_for(db: Path) -> Settings:
    return Settings(data_dir=db.parent, db=str(db), secret_key=Fernet.generate_key().decode())


def refused(db: Path) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        open_store(settings_for(db))
    return caught.value


def test_a_file_that_is_not_a_database_is_named_and_left_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "brygga.sqlite3"
    db.write_text("kundnummer;namn\n1001;Aurora\n", encoding="utf-8")
    error = refused(db)
    assert str(db) in error.message and "inte SQLite" in error.message
    assert "säkerhetskopia" in error.hint and "BRYGGA_DB" in error.hint and error.message_en and error.hint_en
    assert db.read_text(encoding="utf-8") == "kundnummer;namn\n1001;Aurora\n"


def test_a_directory_instead_of_a_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "brygga.sqlite3"
    db.mkdir()
    assert "är en mapp" in refused(db).message


def test_a_store_cut_short_is_said_to_be_damaged_and_not_changed(tmp_path: Path) -> None:
    db = tmp_path / "brygga.sqlite3"
    store = open_store(settings_for(db))
    store.settings.set_many({f"key{i}": "x" * 2000 for i in range(200)})
    store.db.dispose()
    with sqlite3.connect(db) as connection:  # fold the WAL into the file, as a copy of a closed store has it
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    error = refused(db)
    assert "skadad" in error.message and str(db) in error.message
    assert db.read_bytes() == data[: len(data) // 2]


def test_bryggas_db_in_a_folder_that_does_not_exist_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "saknas" / "brygga.sqlite3"
    error = refused(db)
    assert "Mappen för databasen finns inte" in error.message and str(db.parent) in error.message
    assert not db.parent.exists()


def test_a_folder_brygga_may_not_write_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health.os, "access", lambda *_args: False)  # root may write anywhere; the check may not
    assert "får inte läsa och skriva" in refused(tmp_path / "brygga.sqlite3").message


def test_a_store_written_by_a_newer_brygga_is_refused_and_not_changed(tmp_path: Path) -> None:
    db = tmp_path / "brygga.sqlite3"
    open_store(settings_for(db)).db.dispose()
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0999'")
    error = refused(db)
    assert "nyare version av brygga" in error.message and "0999" in error.message
    assert "Can't locate" not in error.message + error.hint
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [("0999",)]


def test_a_new_store_and_its_journal_are_readable_by_the_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "brygga.sqlite3"
    store = open_store(settings_for(db))
    store.settings.set_many({"master_customers": "pm"})
    for path in (db, Path(f"{db}-wal")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert not health.others_can_read(db)
    store.db.dispose()


def test_a_store_readable_by_others_is_noticed(tmp_path: Path) -> None:
    db = tmp_path / "brygga.sqlite3"
    open_store(settings_for(db)).db.dispose()
    os.chmod(db, 0o644)
    assert health.others_can_read(db)
