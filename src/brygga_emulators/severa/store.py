"""SeveraStore: the emulated tenant's data, in memory and optionally written through to SQLite.

Each collection is an ordered map guid -> JSON document in the wire shape of its model (writable
properties, references as ``{"guid": …}``, timestamps as text); :mod:`render` derives the read-only
parts on the way out. Insertion order is kept (and persisted) because list routes page in that order.
"""

from __future__ import annotations

import copy
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from .wire import dumps, loads

__all__ = ["COLLECTIONS", "Document", "SeveraStore"]

Document = dict[str, Any]

COLLECTIONS = (
    "customers",
    "addresses",
    "contacts",
    "communications",
    "communicationtypes",
    "currencies",
    "countries",
    "vatrates",
    "organization",
    "products",
    "worktypes",
    "travelexpensetypes",
    "projects",
    "pricelists",
    "pricelistversions",
    "workhourprices",
    "travelprices",
    "invoicestatuses",
    "invoices",
    "projectfees",
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS {table} (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    collection TEXT NOT NULL,
    guid TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (collection, guid)
)
"""


class SeveraStore:
    """Thread-safe: the emulator's event loop and a test thread may use one store at the same time.

    ``api_clients`` maps client id -> secret; ``None`` accepts any credentials (the "empty" data set).
    ``organisation`` (1-based) picks the table in ``db``: organisation 1 keeps ``documents`` (so older files
    open as they are), organisation ``n`` uses ``documents_<n>`` of the same file.
    """

    def __init__(
        self, db: str | None = None, api_clients: Mapping[str, str] | None = None, organisation: int = 1
    ) -> None:
        table = "documents" if organisation == 1 else f"documents_{int(organisation)}"
        # The table name is built from an int, never from request text.
        self._upsert = (
            f"INSERT INTO {table} (collection, guid, body) VALUES (?, ?, ?) "  # noqa: S608
            "ON CONFLICT (collection, guid) DO UPDATE SET body = excluded.body"
        )
        self._select = f"SELECT collection, guid, body FROM {table} ORDER BY seq"  # noqa: S608
        self.api_clients = dict(api_clients) if api_clients is not None else None
        self._lock = threading.RLock()
        self._data: dict[str, dict[str, Document]] = {name: {} for name in COLLECTIONS}
        self._db: sqlite3.Connection | None = None
        self._batch_depth = 0
        if db is not None:
            self._db = sqlite3.connect(db, check_same_thread=False)
            self._db.execute(_SCHEMA.format(table=table))
            self._db.commit()
            self._load()

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the lock across a check and the write it guards (e.g. unique customer numbers)."""
        with self._lock:
            yield

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Commit to SQLite once at the end instead of per write (seeding thousands of documents)."""
        with self._lock:
            self._batch_depth += 1
            try:
                yield
            finally:
                self._batch_depth -= 1
                if self._batch_depth == 0 and self._db is not None:
                    self._db.commit()

    def is_empty(self) -> bool:
        with self._lock:
            return not any(self._data.values())

    def count(self, collection: str) -> int:
        with self._lock:
            return len(self._data[collection])

    def get(self, collection: str, guid: str) -> Document | None:
        with self._lock:
            found = self._data[collection].get(guid)
            return copy.deepcopy(found) if found is not None else None

    def all(self, collection: str, where: Callable[[Document], bool] | None = None) -> list[Document]:
        """Copies of the documents in insertion order, optionally filtered."""
        with self._lock:
            documents = self._data[collection].values()
            return [copy.deepcopy(doc) for doc in documents if where is None or where(doc)]

    def put(self, collection: str, document: Document) -> Document:
        """Insert or replace by ``document["guid"]``; a replaced document keeps its place in the order."""
        guid = document["guid"]
        stored = copy.deepcopy(document)
        with self._lock:
            self._data[collection][guid] = stored
            if self._db is not None:
                self._db.execute(self._upsert, (collection, guid, dumps(stored).decode("utf-8")))
                if self._batch_depth == 0:
                    self._db.commit()
        return copy.deepcopy(stored)

    def stored_organisations(self) -> list[int]:
        """The organisation numbers the database file holds data for ([1] for a memory-only store)."""
        with self._lock:
            if self._db is None:
                return [1]
            rows = self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'documents_%'")
            found = [int(name[len("documents_") :]) for (name,) in rows if name[len("documents_") :].isdigit()]
        return sorted({1, *found})

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _load(self) -> None:
        assert self._db is not None
        rows = self._db.execute(self._select)
        for collection, guid, body in rows:
            if collection in self._data:
                self._data[collection][guid] = loads(body)
