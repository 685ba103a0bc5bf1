"""A real, migrated SQLite store per test, and an order inbox on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from brygga.config import Settings
from brygga.store import Store, open_store
from brygga.store.orders import OrderStore


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, db=str(tmp_path / "orders.sqlite3"), secret_key=Fernet.generate_key().decode())


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings)
    yield opened
    opened.db.dispose()


@pytest.fixture
def inbox(store: Store) -> OrderStore:
    return OrderStore(store.db, store.tenant)
