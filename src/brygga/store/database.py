"""Opening the store: engine, Alembic migrations to head, the secret box, and the repositories."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.store.crypto import SecretBox, load_or_create_key
from brygga.store.health import check_sqlite_file, corrupt, create_private, sqlite_path

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
        known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
        with self.engine.begin() as connection:
            newer = [rev for rev in MigrationContext.configure(connection).get_current_heads() if rev not in known]
            if newer:
                raise _written_by_newer(self.engine, newer)
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
    """Open (and migrate) the database named by ``url`` or the settings. A store that cannot be used is refused
    with what to do (``ConfigError``), and never changed."""
    db_url = url or settings.database_url()
    path = sqlite_path(db_url)
    if path is not None:
        check_sqlite_file(path)
        create_private(path)
    engine = create_engine(db_url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    key = load_or_create_key(secret, settings.data_dir / "secret.key")
    database = Database(engine, SecretBox(key))
    try:
        database.migrate()
    except DatabaseError as exc:
        engine.dispose()
        raise (corrupt(path) if path is not None else _unreachable(db_url, exc)) from exc
    except ConfigError:
        engine.dispose()
        raise
    return database


def _written_by_newer(engine: Engine, revisions: list[str]) -> ConfigError:
    where = engine.url.render_as_string(hide_password=True)
    return ConfigError(
        f"Databasen {where} är skriven av en nyare version av brygga (databasversion {', '.join(revisions)}).",
        hint="Uppdatera brygga till den version som skrev databasen, eller använd en annan BRYGGA_DB. Databasen har "
        "inte ändrats.",
        message_en=f"The database {where} was written by a newer brygga (database version {', '.join(revisions)}).",
        hint_en="Update brygga to the version that wrote it, or use another BRYGGA_DB. The database was not changed.",
    )


def _unreachable(url: str, exc: DatabaseError) -> ConfigError:
    where = make_url(url).render_as_string(hide_password=True)
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    return ConfigError(
        f"Databasen {where} kunde inte öppnas: {reason}",
        hint="Kontrollera BRYGGA_DB (adress, användare, lösenord) och att databasservern är igång.",
        message_en=f"The database {where} could not be opened: {reason}",
        hint_en="Check BRYGGA_DB (address, user, password) and that the database server is running.",
    )
