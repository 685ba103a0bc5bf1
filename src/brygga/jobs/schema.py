"""The queue's tables in brygga's PostgreSQL database: created once, by the owner role, and granted to the app role.

``brygga worker`` calls :func:`install_queue` when it starts. It is idempotent and safe when several workers start
at once (a transaction-scoped advisory lock, then "is it there?"): Procrastinate's own schema script is applied only
when its tables are missing. With ``BRYGGA_DB_OWNER`` the owner creates them and grants the application role their
rows, as for brygga's own tables (``brygga.store.postgres.grant_to_app_role``); without it ``BRYGGA_DB`` must be
allowed to create them.
"""

from __future__ import annotations

from procrastinate.schema import SchemaManager
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError, ProgrammingError

from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.store.database import make_engine, unreachable
from brygga.store.postgres import grant_to_app_role, normalize_url

__all__ = ["install_queue"]

_LOCK_KEY = 7_461_290_113  # pg_advisory_xact_lock: one installer at a time


def install_queue(settings: Settings) -> bool:
    """Create the queue's tables when missing; ``True`` when this call created them."""
    app_url = normalize_url(settings.database_url())
    owner_url = normalize_url(settings.db_owner) if settings.db_owner else app_url
    engine = make_engine(owner_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            present = connection.execute(text("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")).scalar()
            if not present:
                raw = connection.connection.driver_connection
                raw.execute(SchemaManager.get_schema())  # type: ignore[union-attr]
        grant_to_app_role(engine, app_url)
        return not present
    except ProgrammingError as exc:
        where = engine.url.render_as_string(hide_password=True)
        raise ConfigError(
            f"Kön för brygga worker kunde inte skapas i {where}: rollen saknar rätt att skapa tabeller.",
            hint="Sätt BRYGGA_DB_OWNER till rollen som äger brygga's tabeller (se README, PostgreSQL).",
            message_en=f"The queue of brygga worker could not be created in {where}: the role may not create tables.",
            hint_en="Set BRYGGA_DB_OWNER to the role that owns brygga's tables (see README, PostgreSQL).",
        ) from exc
    except DatabaseError as exc:
        raise unreachable(owner_url, exc) from exc
    finally:
        engine.dispose()
