"""A real store per test (SQLite, and PostgreSQL too in modules marked ``both_databases``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from brygga.config import Settings
from brygga.store import Store, open_store


@pytest.fixture
def settings(database_settings: Settings) -> Settings:
    return database_settings


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings)
    yield opened
    opened.db.dispose()
