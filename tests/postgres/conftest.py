"""Tests of PostgreSQL itself: each gets a database of its own on the test server (tests/postgres/plugin.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from brygga.config import Settings
from tests.postgres.plugin import PostgresServer


@pytest.fixture
def own_database(postgres_server: PostgresServer) -> Iterator[str]:
    name = postgres_server.create()
    yield name
    postgres_server.drop(name)


@pytest.fixture
def pg_settings(postgres_server: PostgresServer, own_database: str, tmp_path: Path) -> Settings:
    """The production split: BRYGGA_DB is the application role, BRYGGA_DB_OWNER the tables' owner."""
    return Settings(
        data_dir=tmp_path,
        db=postgres_server.url(own_database),
        db_owner=postgres_server.url(own_database, owner=True),
        secret_key=Fernet.generate_key().decode(),
    )
