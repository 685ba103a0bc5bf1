"""The overview's store on SQLite and PostgreSQL: the application role reads (row-level security applies), the
owner seeds many companies at once and (until its migration exists) creates the overview's read policy."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from brygga.config import Settings
from brygga.store import Database
from brygga.store.database import Database as _Database
from brygga.store.database import make_engine, open_database
from tests.overview.seed import seed

__all__: list[str] = []


@pytest.fixture
def db(database_settings: Settings) -> Iterator[Database]:
    opened = open_database(database_settings)
    yield opened
    opened.dispose()


@pytest.fixture
def owner(db: Database, database_settings: Settings) -> Iterator[Database]:
    """The tables' owner (PostgreSQL), or the same database (SQLite)."""
    if db.engine.dialect.name != "postgresql":
        yield db
        return
    assert database_settings.db_owner
    engine = make_engine(database_settings.db_owner)  # the policy itself comes with migration 0012
    yield _Database(engine, db.box)
    engine.dispose()


@pytest.fixture
def seeded(db: Database, owner: Database) -> Callable[[int], Database]:
    def make(count: int) -> Database:
        seed(owner, count)
        return db

    return make
