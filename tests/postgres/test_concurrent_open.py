"""Several workers starting at the same moment open one new PostgreSQL database together: they migrate one after the
other and grant without PostgreSQL's "tuple concurrently updated", and every one of them ends with a usable store."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from cryptography.fernet import Fernet

from brygga.config import Settings
from brygga.store import open_store
from tests.postgres.plugin import PostgresServer


def test_x2_workers_opening_a_new_database_at_once_all_get_a_store(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    name = postgres_server.create()
    key = Fernet.generate_key().decode()
    settings = Settings(
        data_dir=tmp_path,
        db=postgres_server.url(name),
        db_owner=postgres_server.url(name, owner=True),
        secret_key=key,
        tenant="alfa",
    )

    def open_and_write(number: int) -> str:
        store = open_store(settings)
        try:
            store.settings.set_many({f"worker_{number}": "started"})
            return store.settings.all().get(f"worker_{number}", "")
        finally:
            store.db.dispose()

    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(open_and_write, range(6)))
        assert results == ["started"] * 6
    finally:
        postgres_server.drop(name)
