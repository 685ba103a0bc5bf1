"""brygga's store: SQLite by default, PostgreSQL by URL; every key starts with the tenant id."""

from __future__ import annotations

from dataclasses import dataclass

from brygga.config import Settings
from brygga.store.database import Database, open_database
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


@dataclass
class Store:
    """The repositories of one tenant over one database."""

    db: Database
    tenant: str
    settings: SettingsStore
    connections: ConnectionStore
    protocol: ProtocolStore
    runs: RunStore
    lease: LeaseStore
    schedules: ScheduleStore

    @classmethod
    def for_tenant(cls, db: Database, tenant: str) -> Store:
        db = db.for_tenant(tenant)  # every transaction says its company (row-level security on PostgreSQL)
        return cls(
            db,
            tenant,
            SettingsStore(db, tenant),
            ConnectionStore(db, tenant),
            ProtocolStore(db, tenant),
            RunStore(db, tenant),
            LeaseStore(db, tenant),
            ScheduleStore(db, tenant),
        )

    def fenced(self, token: int) -> Store:
        """The same company's repositories for a run holding the lease with ``token``: every write is fenced
        (``brygga.store.lease``)."""
        return Store.for_tenant(self.lease.fenced(token), self.tenant)


def open_store(settings: Settings, *, url: str | None = None) -> Store:
    return Store.for_tenant(open_database(settings, url=url), settings.tenant)
