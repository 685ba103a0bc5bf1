"""brygga's store: SQLite by default, PostgreSQL by URL; every key starts with the tenant id.

The names below are imported when first used (PEP 562): ``brygga status`` reads the store without loading the
lease, the schedules or the other repositories it never touches (tests/cli/test_lazy_imports.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from brygga.config import Settings
    from brygga.store.database import Database
    from brygga.store.database import open_database as open_database  # importable from here, as it always was
    from brygga.store.lease import FencedDatabase, LeaseLostError, LeaseStore
    from brygga.store.protocol import Intent, Link, LinkClash, ProtocolStore
    from brygga.store.runs import ItemRecord, RunStore
    from brygga.store.schedules import Pause, ScheduleStore
    from brygga.store.settings import ConnectionInfo, ConnectionStore, DbTokenStore, SettingsStore

__all__ = [
    "ConnectionInfo",
    "ConnectionStore",
    "Database",
    "DbTokenStore",
    "FencedDatabase",
    "Intent",
    "ItemRecord",
    "LeaseLostError",
    "LeaseStore",
    "Link",
    "LinkClash",
    "Pause",
    "ProtocolStore",
    "RunStore",
    "ScheduleStore",
    "SettingsStore",
    "Store",
    "open_store",
]

_MODULE_OF = {
    "ConnectionInfo": "settings",
    "ConnectionStore": "settings",
    "Database": "database",
    "DbTokenStore": "settings",
    "FencedDatabase": "lease",
    "Intent": "protocol",
    "ItemRecord": "runs",
    "LeaseLostError": "lease",
    "LeaseStore": "lease",
    "Link": "protocol",
    "LinkClash": "protocol",
    "Pause": "schedules",
    "ProtocolStore": "protocol",
    "RunStore": "runs",
    "ScheduleStore": "schedules",
    "SettingsStore": "settings",
    "open_database": "database",
}


if not TYPE_CHECKING:  # mypy sees the imports above; at run time each name is imported when first asked for

    def __getattr__(name: str) -> Any:
        """``from brygga.store import X``: ``X`` from its own module, imported now."""
        module = _MODULE_OF.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(f"{__name__}.{module}"), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})


@dataclass
class Store:
    """The repositories of one tenant over one database. The lease and the schedules, which keep no state of
    their own, are made when first used."""

    db: Database
    tenant: str
    settings: SettingsStore
    connections: ConnectionStore
    protocol: ProtocolStore
    runs: RunStore

    @classmethod
    def for_tenant(cls, db: Database, tenant: str) -> Store:
        from brygga.store.protocol import ProtocolStore
        from brygga.store.runs import RunStore
        from brygga.store.settings import ConnectionStore, SettingsStore

        db = db.for_tenant(tenant)  # every transaction says its company (row-level security on PostgreSQL)
        return cls(
            db,
            tenant,
            SettingsStore(db, tenant),
            ConnectionStore(db, tenant),
            ProtocolStore(db, tenant),
            RunStore(db, tenant),
        )

    @cached_property
    def lease(self) -> LeaseStore:
        from brygga.store.lease import LeaseStore

        return LeaseStore(self.db, self.tenant)

    @cached_property
    def schedules(self) -> ScheduleStore:
        from brygga.store.schedules import ScheduleStore

        return ScheduleStore(self.db, self.tenant)

    def fenced(self, token: int) -> Store:
        """The same company's repositories for a run holding the lease with ``token``: every write is fenced
        (``brygga.store.lease``)."""
        return Store.for_tenant(self.lease.fenced(token), self.tenant)


def open_store(settings: Settings, *, url: str | None = None) -> Store:
    from brygga.store.database import open_database

    return Store.for_tenant(open_database(settings, url=url), settings.tenant)
