"""Opening the store: engine, Alembic migrations to head, the secret box, and the repositories."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.store.crypto import SecretBox, load_or_create_key
from brygga.store.health import check_sqlite_file, corrupt, create_private, sqlite_path
from brygga.store.postgres import (
    TENANT_KEY,
    engine_options,
    grant_to_app_role,
    migration_lock,
    normalize_url,
    set_tenant,
)

__all__ = ["Database", "head_revision", "make_engine", "open_database", "unreachable"]

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)


@cache
def head_revision() -> str:
    """The newest migration's revision, read from the migration files' ``revision``/``down_revision`` lines
    (Alembic's own ScriptDirectory gives the same: tests/transfer/test_store_migrations.py)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for kind, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            (revisions if kind == "revision" else parents).add(value)
    heads = sorted(revisions - parents)
    return heads[0] if len(heads) == 1 else ""


class Database:
    """Engine plus session factory; ``transaction()`` is the one way repositories write.

    A database bound to a company (``for_tenant``) says which one in every transaction it begins: on PostgreSQL the
    row-level security policies (migration 0007) let such a transaction see that company's rows only."""

    def __init__(self, engine: Engine, box: SecretBox, tenant: str | None = None) -> None:
        self.engine = engine
        self.box = box
        self.tenant = tenant
        self._sessions = sessionmaker(engine, expire_on_commit=False, info={TENANT_KEY: tenant})
        if tenant is not None and engine.dialect.name == "postgresql":
            event.listen(self._sessions, "after_begin", set_tenant)

    def for_tenant(self, tenant: str) -> Database:
        """The same engine and secret box, working for ``tenant``."""
        return self if tenant == self.tenant else Database(self.engine, self.box, tenant)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def at_head(self) -> bool:
        """The database is at this brygga's newest migration already: opening it needs no Alembic at all (importing
        Alembic was a third of every CLI command's start)."""
        try:
            with self.engine.connect() as connection:
                versions = [row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))]
        except DatabaseError:
            return False  # a new database, or one Alembic has never touched: migrate() says what is wrong
        return versions == [head_revision()]

    def migrate(self) -> None:
        from alembic import command
        from alembic.config import Config as AlembicConfig
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

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
    db_url = normalize_url(url or settings.database_url())
    path = sqlite_path(db_url)
    if path is not None:
        check_sqlite_file(path)
        create_private(path)
    engine = make_engine(db_url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    key = load_or_create_key(secret, settings.data_dir / "secret.key")
    database = Database(engine, SecretBox(key))
    owner_url = normalize_url(settings.db_owner) if settings.db_owner and url is None and path is None else None
    try:
        if owner_url is None:
            if not database.at_head():
                with migration_lock(engine):
                    database.migrate()
        else:
            _migrate_as_owner(database, owner_url, db_url)
    except DatabaseError as exc:
        engine.dispose()
        if path is not None:
            raise corrupt(path) from exc
        if isinstance(exc, ProgrammingError):  # a server that answered: the role may not do what opening needs
            raise _not_allowed(owner_url or db_url, exc) from exc
        raise unreachable(owner_url or db_url, exc) from exc
    except ConfigError:
        engine.dispose()
        raise
    return database


def make_engine(db_url: str) -> Engine:
    """An engine for ``db_url`` with brygga's options; a URL that names no usable database is a ``ConfigError``."""
    try:
        return create_engine(db_url, future=True, **engine_options(db_url))
    except (ArgumentError, NoSuchModuleError, ImportError, ValueError) as exc:
        raise _not_a_url(db_url) from exc


def _migrate_as_owner(database: Database, owner_url: str, app_url: str) -> None:
    """Migrations run as the tables' owner (``BRYGGA_DB_OWNER``), who then grants the application role its rows."""
    owner = make_engine(owner_url)
    try:
        with migration_lock(owner):
            Database(owner, database.box).migrate()
        grant_to_app_role(owner, app_url)
    finally:
        owner.dispose()


def _written_by_newer(engine: Engine, revisions: list[str]) -> ConfigError:
    where = engine.url.render_as_string(hide_password=True)
    return ConfigError(
        f"Databasen {where} är skriven av en nyare version av brygga (databasversion {', '.join(revisions)}).",
        hint="Uppdatera brygga till den version som skrev databasen, eller använd en annan BRYGGA_DB. Databasen har "
        "inte ändrats.",
        message_en=f"The database {where} was written by a newer brygga (database version {', '.join(revisions)}).",
        hint_en="Update brygga to the version that wrote it, or use another BRYGGA_DB. The database was not changed.",
    )


def _not_a_url(url: str) -> ConfigError:
    try:
        where = make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        where = url.split("@")[-1]
    return ConfigError(
        f"BRYGGA_DB är ingen databas som brygga kan använda: {where}",
        hint="Ange en SQLite-fil (t.ex. /var/lib/brygga/brygga.sqlite3) eller en PostgreSQL-adress: "
        "postgresql+psycopg://användare:lösenord@värd:5432/databas.",
        message_en=f"BRYGGA_DB is not a database brygga can use: {where}",
        hint_en="Give an SQLite file (e.g. /var/lib/brygga/brygga.sqlite3) or a PostgreSQL address: "
        "postgresql+psycopg://user:password@host:5432/database.",
    )


def _not_allowed(url: str, exc: DatabaseError) -> ConfigError:
    """The role may not do what opening needs: typically BRYGGA_DB is the application role and a migration waits."""
    where = make_url(url).render_as_string(hide_password=True)
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    return ConfigError(
        f"Databasen {where} kunde inte uppdateras till den här versionen av brygga: {reason}",
        hint="BRYGGA_DB:s roll får inte ändra tabellerna. Sätt BRYGGA_DB_OWNER till ägarrollens adress, så uppdaterar "
        "brygga tabellerna som ägaren och ger BRYGGA_DB:s roll rätt till raderna.",
        message_en=f"The database {where} could not be brought up to this version of brygga: {reason}",
        hint_en="BRYGGA_DB's role may not change the tables. Set BRYGGA_DB_OWNER to the owner role's address: brygga "
        "then migrates as the owner and grants BRYGGA_DB's role the rows.",
    )


def unreachable(url: str, exc: DatabaseError) -> ConfigError:
    where = make_url(url).render_as_string(hide_password=True)
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    return ConfigError(
        f"Databasen {where} kunde inte öppnas: {reason}",
        hint="Kontrollera BRYGGA_DB (adress, användare, lösenord) och att databasservern är igång.",
        message_en=f"The database {where} could not be opened: {reason}",
        hint_en="Check BRYGGA_DB (address, user, password) and that the database server is running.",
    )
