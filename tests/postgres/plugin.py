"""Store and scenario tests on SQLite **and** PostgreSQL.

A module marked ``pytestmark = pytest.mark.both_databases`` runs each test that uses ``database_settings`` (through
the ``settings``/``store`` fixtures of tests/transfer or the scenarios' ``world``) twice: ``[sqlite]`` and
``[postgresql]``. The PostgreSQL run gets an empty store per test: one database migrated once per session, every
table but ``alembic_version`` emptied before each test (``TRUNCATE … RESTART IDENTITY``: 30 ms where ``CREATE
DATABASE … TEMPLATE`` takes 350 ms), and connects as the application role (no ownership: row-level security
applies) with the owner in ``db_owner``, as production is set up (README, "PostgreSQL").

The server is the one ``scripts/postgres-test.sh start`` starts (``make test`` does): its URLs come from
``BRYGGA_TEST_POSTGRES_URL``/``BRYGGA_TEST_POSTGRES_APP_URL`` or from test-artifacts/postgres.env, which the script
writes. Without a server the PostgreSQL tests FAIL, saying how to start one: a suite that silently skipped them would
pass without proving anything about PostgreSQL. ``BRYGGA_TEST_NO_POSTGRES=1`` skips them, visibly, on purpose.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from cryptography.fernet import Fernet
from sqlalchemy import make_url

from brygga.config import Settings
from brygga.store import Store, open_store

REPO = Path(__file__).resolve().parents[2]
ENV_FILE = REPO / "test-artifacts" / "postgres.env"
NO_POSTGRES = os.environ.get("BRYGGA_TEST_NO_POSTGRES") == "1"
START_IT = (
    "PostgreSQL-testerna behöver en server: kör make test (den startar PostgreSQL), eller "
    "scripts/postgres-test.sh start före pytest; BRYGGA_TEST_NO_POSTGRES=1 hoppar över dem. / "
    "The PostgreSQL tests need a server: run make test (it starts PostgreSQL), or scripts/postgres-test.sh start "
    "before pytest; BRYGGA_TEST_NO_POSTGRES=1 skips them."
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_kind" not in metafunc.fixturenames or metafunc.definition.get_closest_marker("both_databases") is None:
        return
    skip = pytest.mark.skip(reason="BRYGGA_TEST_NO_POSTGRES=1")
    postgres = pytest.param("postgresql", marks=[skip] if NO_POSTGRES else [])
    metafunc.parametrize("db_kind", ["sqlite", postgres], indirect=True)


def pytest_report_header() -> str:
    if NO_POSTGRES:
        return "PostgreSQL: skipped (BRYGGA_TEST_NO_POSTGRES=1); both_databases tests run on SQLite only"
    urls = _urls()
    where = make_url(urls[0]).render_as_string(hide_password=True) if urls else "no server (the tests will fail)"
    return f"PostgreSQL: both_databases tests run on SQLite and PostgreSQL, {where}"


@pytest.fixture
def db_kind(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


def _urls() -> tuple[str, str] | None:
    owner, app = os.environ.get("BRYGGA_TEST_POSTGRES_URL"), os.environ.get("BRYGGA_TEST_POSTGRES_APP_URL")
    if not owner and ENV_FILE.is_file():
        found = dict(line.split("=", 1) for line in ENV_FILE.read_text().splitlines() if "=" in line)
        owner, app = found.get("BRYGGA_TEST_POSTGRES_URL"), found.get("BRYGGA_TEST_POSTGRES_APP_URL")
    return (owner, app or owner) if owner else None


@dataclass
class PostgresServer:
    """The test server: ``owner_url``/``app_url`` name its database "brygga"; ``shared`` is the session's migrated
    store, ``create`` makes an empty database of one's own (migrations, RLS, copy)."""

    owner_url: str
    app_url: str
    admin: psycopg.Connection[tuple[object, ...]]
    shared: str

    def url(self, name: str, *, owner: bool = False) -> str:
        base = make_url(self.owner_url if owner else self.app_url)
        return base.set(database=name).render_as_string(hide_password=False)

    def create(self) -> str:
        name = f"t_{uuid.uuid4().hex[:16]}"
        self.admin.execute(f'CREATE DATABASE "{name}"')
        return name

    def settings_for(self, name: str, data_dir: Path, **more: object) -> Settings:
        """Settings on database ``name`` as production runs: the application role, with the owner in ``db_owner``."""
        return Settings(
            data_dir=data_dir,
            db=self.url(name),
            db_owner=self.url(name, owner=True),
            secret_key=_key(),
            **more,  # type: ignore[arg-type]
        )

    def drop(self, name: str) -> None:
        self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def emptied(self) -> str:
        """The shared store with every row gone, as a freshly migrated one."""
        with psycopg.connect(_libpq(self.url(self.shared, owner=True)), autocommit=True) as connection:
            tables = [
                row[0]
                for row in connection.execute(
                    "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema() "
                    "AND tablename <> 'alembic_version'"
                )
            ]
            connection.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        return self.shared


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    urls = _urls()
    if urls is None:
        pytest.fail(START_IT, pytrace=False)
    owner_url, app_url = urls
    try:
        admin = psycopg.connect(_libpq(owner_url), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(f"{START_IT}\n({make_url(owner_url).render_as_string(hide_password=True)}: {exc})", pytrace=False)
    shared = f"brygga_tests_{os.getpid()}"
    admin.execute(f'DROP DATABASE IF EXISTS "{shared}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{shared}"')
    server = PostgresServer(owner_url, app_url, admin, shared)
    # Migrated once, as the owner, with the application role's grants.
    data = tmp_path_factory.mktemp("postgres")
    owner = server.url(shared, owner=True)
    settings = Settings(data_dir=data, db=server.url(shared), db_owner=owner, secret_key=_key())
    open_store(settings).db.dispose()
    try:
        yield server
    finally:
        server.drop(shared)
        admin.close()


def _key() -> str:
    return Fernet.generate_key().decode()


@pytest.fixture
def database_settings(tmp_path: Path, db_kind: str, request: pytest.FixtureRequest) -> Settings:
    """Settings of a fresh, empty store: an SQLite file in the test's folder, or a new PostgreSQL database."""
    if db_kind == "sqlite":
        return Settings(data_dir=tmp_path, db=str(tmp_path / "brygga.sqlite3"), secret_key=_key())
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.emptied()
    return Settings(data_dir=tmp_path, db=server.url(name), db_owner=server.url(name, owner=True), secret_key=_key())


@pytest.fixture
def settings(database_settings: Settings) -> Settings:
    """A fresh store's settings (SQLite, and PostgreSQL too in modules marked ``both_databases``); a folder's own
    ``settings`` fixture replaces this one."""
    return database_settings


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    """A real store per test, on ``settings``."""
    opened = open_store(settings)
    yield opened
    opened.db.dispose()
