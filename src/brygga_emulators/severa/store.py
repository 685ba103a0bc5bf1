"""SeveraStore: the emulated tenant's data, in memory and optionally written through to SQLite.

Each collection is an ordered map guid -> JSON document in the wire shape of its model (writable
properties, references as ``{"guid": …}``, timestamps as text); :mod:`render` derives the read-only
parts on the way out. Insertion order is kept (and persisted) because list routes page in that order.

For 100,000 objects a resource, reads that answer a request do not copy or scan the collection: ``peek``
and ``select`` hand out the stored documents themselves (read only: ``put`` always stores a fresh copy,
so a stored document never changes in place), the look-ups in :mod:`store_indexes` are kept current on
every write, and a filtered list is computed once and reused until the next write (a token walk through
100 pages filters once, not 100 times).
"""

from __future__ import annotations

import copy
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from .store_indexes import INDEXES, KeyIndex
from .wire import dumps, loads

__all__ = ["COLLECTIONS", "Document", "SeveraStore", "StoredDocument"]

Document = dict[str, Any]
# A stored document handed out without a copy (``peek``, ``select``): read it, never change it. Typed as a
# dict like every other document so the routes' filters take both; the name is the warning.
StoredDocument = Document
_SELECTIONS_KEPT = 32

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
        self._positions: dict[str, dict[str, int]] = {name: {} for name in COLLECTIONS}
        self._indexes: dict[str, dict[str, KeyIndex]] = {
            name: {index: KeyIndex(key_of) for index, key_of in INDEXES.get(name, {}).items()} for name in COLLECTIONS
        }
        self._version = 0  # moves on every write; a cached selection is good for one version
        self._selections: dict[tuple[str, Hashable], tuple[int, list[Document]]] = {}
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

    def peek(self, collection: str, guid: str) -> StoredDocument | None:
        """The stored document itself (no copy), for reading only."""
        with self._lock:
            return self._data[collection].get(guid)

    def select(
        self,
        collection: str,
        where: Callable[[Document], bool] | None = None,
        *,
        key: Hashable = None,
        among: Iterable[str] | None = None,
    ) -> list[StoredDocument]:
        """The stored documents (no copies, read only) in insertion order, optionally filtered.

        ``among`` limits the candidates to these GUIDs (from :meth:`lookup`); ``key``, when given, names
        the filter so its result is reused until the next write (the key must say everything ``where`` and
        ``among`` depend on)."""
        with self._lock:
            if key is not None:
                cached = self._selections.get((collection, key))
                if cached is not None and cached[0] == self._version:
                    return list(cached[1])
            documents = self._data[collection]
            if among is not None:
                positions = self._positions[collection]
                candidates = [documents[guid] for guid in sorted(set(among), key=positions.__getitem__)]
            else:
                candidates = list(documents.values())
            found = candidates if where is None else [doc for doc in candidates if where(doc)]
            if key is not None:
                if len(self._selections) >= _SELECTIONS_KEPT:
                    del self._selections[next(iter(self._selections))]
                self._selections[(collection, key)] = (self._version, found)
                return list(found)
            return found

    def lookup(self, collection: str, index: str, values: Iterable[Hashable]) -> list[str]:
        """The GUIDs whose ``index`` key (see :mod:`store_indexes`) is one of ``values``, in insertion order."""
        with self._lock:
            guids = self._indexes[collection][index].guids(values)
            return sorted(guids, key=self._positions[collection].__getitem__)

    def max_key(self, collection: str, index: str) -> int | None:
        """The greatest int key of ``index`` (e.g. the highest customer number), or None: O(log N) amortised."""
        with self._lock:
            return self._indexes[collection][index].max_int()

    def put(self, collection: str, document: Document) -> Document:
        """Insert or replace by ``document["guid"]``; a replaced document keeps its place in the order."""
        guid = document["guid"]
        stored = copy.deepcopy(document)
        with self._lock:
            self._keep(collection, guid, stored)
            if self._db is not None:
                self._db.execute(self._upsert, (collection, guid, dumps(stored).decode("utf-8")))
                if self._batch_depth == 0:
                    self._db.commit()
        return copy.deepcopy(stored)

    def adopt(self, collection: str, document: Document) -> Document:
        """``put`` without the copies, for seeding: the store keeps ``document`` itself, so the caller must
        never change it (or anything in it) afterwards. Returns it."""
        with self._lock:
            self._keep(collection, document["guid"], document)
            if self._db is not None:
                self._db.execute(self._upsert, (collection, document["guid"], dumps(document).decode("utf-8")))
                if self._batch_depth == 0:
                    self._db.commit()
        return document

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

    def _keep(self, collection: str, guid: str, stored: Document) -> None:
        """Store ``stored`` (already a private copy) and bring the indexes up to date."""
        documents = self._data[collection]
        previous = documents.get(guid)
        if previous is None:
            positions = self._positions[collection]
            positions[guid] = len(positions)
        for index in self._indexes[collection].values():
            index.update(guid, previous, stored)
        documents[guid] = stored
        self._version += 1

    def _load(self) -> None:
        assert self._db is not None
        rows = self._db.execute(self._select)
        for collection, guid, body in rows:
            if collection in self._data:
                self._keep(collection, guid, loads(body))
