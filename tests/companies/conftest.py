"""Two companies, "alfa" and "beta", in one store. The store's URL comes from one fixture (``store_url``), so the
same tests can run on another database by parametrizing that fixture alone; it comes from ``database_settings``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from brygga.config import Settings
from brygga.store import Database, Store
from brygga.store.companies import CompanyRegistry
from brygga.store.database import open_database

ALFA, BETA = "alfa", "beta"


@pytest.fixture
def settings(database_settings: Settings) -> Settings:
    """An SQLite file, and in modules marked ``both_databases`` PostgreSQL too (tests/postgres/plugin.py)."""
    return database_settings


@pytest.fixture
def store_url(settings: Settings) -> str:
    return settings.database_url()


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = open_database(settings)
    yield database
    database.dispose()


@pytest.fixture
def registry(db: Database) -> CompanyRegistry:
    companies = CompanyRegistry(db)
    companies.add(ALFA, "Alfa Bygg AB")
    companies.add(BETA, "Beta Konsult AB")
    return companies


@pytest.fixture
def alfa(db: Database, registry: CompanyRegistry) -> Store:
    return Store.for_tenant(db, ALFA)


@pytest.fixture
def beta(db: Database, registry: CompanyRegistry) -> Store:
    return Store.for_tenant(db, BETA)
