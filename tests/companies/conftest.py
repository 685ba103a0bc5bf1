"""Two companies, "alfa" and "beta", in one store. The store's URL comes from one fixture (``store_url``), so the
same tests can run on another database by parametrizing that fixture alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from brygga.config import Settings
from brygga.store import Database, Store
from brygga.store.companies import CompanyRegistry
from brygga.store.database import open_database

ALFA, BETA = "alfa", "beta"


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'companies.sqlite3'}"


@pytest.fixture
def settings(tmp_path: Path, store_url: str) -> Settings:
    return Settings(data_dir=tmp_path, db=store_url, secret_key=Fernet.generate_key().decode())


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
