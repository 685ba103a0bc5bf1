"""The app's store, opened on first use (opening runs migrations) and then shared by every request."""

from __future__ import annotations

import threading
from collections.abc import Callable

from brygga.config import Settings
from brygga.store import Store

__all__ = ["StoreFactory", "StoreHolder"]

StoreFactory = Callable[[Settings], Store]


class StoreHolder:
    def __init__(self, factory: StoreFactory, settings: Settings) -> None:
        self._factory = factory
        self._settings = settings
        self._store: Store | None = None
        # Requests run in a thread pool: without the lock, the first few could each open (and migrate) a store.
        self._lock = threading.Lock()

    def get(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = self._factory(self._settings)
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.db.dispose()
                self._store = None
