"""The app's database, opened on first use (opening runs migrations), and a store per company over it.

The factory's store names the database and the company a fresh store starts with (``Settings.tenant``, "default"):
when no company is registered yet, that one is, so a single-company installation looks as it always did.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from brygga.config import Settings
from brygga.store import Database, Store
from brygga.store.companies import INSTALLATION, Company, CompanyRegistry

__all__ = ["StoreFactory", "StoreHolder"]

StoreFactory = Callable[[Settings], Store]


class StoreHolder:
    def __init__(self, factory: StoreFactory, settings: Settings) -> None:
        self._factory = factory
        self._settings = settings
        self._first: Store | None = None
        self._stores: dict[str, Store] = {}
        # Requests run in a thread pool: without the lock, the first few could each open (and migrate) a store.
        self._lock = threading.Lock()

    def _opened(self) -> Store:
        if self._first is None:
            self._first = self._factory(self._settings)
            registry = CompanyRegistry(self._first.db)
            if not registry.all():
                registry.ensure(self._first.tenant)
        return self._first

    def database(self) -> Database:
        with self._lock:
            return self._opened().db

    def get(self) -> Store:
        """The store the app was started with (its database and first company)."""
        with self._lock:
            return self._opened()

    def installation(self) -> Store:
        """What belongs to the whole installation: the admin password and the session key."""
        return self.for_company(INSTALLATION)

    def for_company(self, company_id: str) -> Store:
        """``company_id``'s store; the caller has checked that the company exists."""
        with self._lock:
            first = self._opened()
            if company_id == first.tenant:
                return first
            store = self._stores.get(company_id)
            if store is None:
                store = self._stores[company_id] = Store.for_tenant(first.db, company_id)
            return store

    def companies(self) -> list[Company]:
        return CompanyRegistry(self.database()).all()

    def forget(self, company_id: str) -> None:
        with self._lock:
            self._stores.pop(company_id, None)

    def close(self) -> None:
        with self._lock:
            if self._first is not None:
                self._first.db.dispose()
                self._first = None
                self._stores.clear()
