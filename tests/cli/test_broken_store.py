"""A broken store as the command line says it: the file, what is wrong and what to do, exit 2, no traceback, the
file untouched (issue 12: 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.support import brygga


@pytest.mark.parametrize(("lang", "words"), [("sv", "ingen brygga-databas"), ("en", "is not a brygga database")])
def test_a_store_that_is_not_a_database_is_named_with_what_to_do(tmp_path: Path, lang: str, words: str) -> None:
    db = tmp_path / "brygga.sqlite3"
    db.write_bytes(b"PK\x03\x04 a zip file, not a database")
    result = brygga("status", data_dir=tmp_path, lang=lang)
    assert result.returncode == 2
    assert words in " ".join(result.stderr.split()) and str(db) in result.stderr.replace("\n", "")
    assert "Traceback" not in result.stderr + result.stdout and "DatabaseError" not in result.stderr
    assert db.read_bytes() == b"PK\x03\x04 a zip file, not a database"


def test_brygga_db_in_a_missing_folder_is_an_error_and_no_folder_is_made(tmp_path: Path) -> None:
    missing = tmp_path / "finns-inte"
    result = brygga("status", data_dir=tmp_path, BRYGGA_DB=str(missing / "brygga.sqlite3"))
    assert result.returncode == 2 and "Mappen för databasen finns inte" in " ".join(result.stderr.split())
    assert not missing.exists()
