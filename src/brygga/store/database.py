"""Opening the store: engine, Alembic migrations to head, the secret box, and the repositories."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from brygga.config import Settings
from brygga.store.crypto import SecretBox, load_or_create_key

__all__ = ["Database", "open_database"]

MIGRATIONS = Path(__file__).parent / "migrations"


class Database:
    """Engine plus session factory; ``transaction()`` is the one way repositories write."""

    def __init__(self, engine: Engine, box: SecretBox) -> None:
        self.engine = engine
        self.box = box
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def migrate(self) -> None:
        config = AlembicConfig()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    # WAL lets the web app read while a transfer writes; busy_timeout waits instead of failing on a lock.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def open_database(settings: Settings, *, url: str | None = None) -> Database:
    """Open (and migrate) the database named by ``url`` or the settings."""
    db_url = url or settings.database_url()
    engine = create_engine(db_url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    key = load_or_create_key(secret, settings.data_dir / "secret.key")
    database = Database(engine, SecretBox(key))
    database.migrate()
    return database
