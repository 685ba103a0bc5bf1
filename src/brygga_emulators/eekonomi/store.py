"""EekStore: one emulated company's data, in memory and optionally written through to SQLite.

Each collection is an ordered map of id -> JSON document (creation order is the API's default list
order). With a database file every write is committed before the call returns, so "apply, then drop
the response" really leaves the object behind, and a restarted emulator finds customers, OAuth codes
and tokens again. One lock guards everything: the emulator is small and correctness beats speed.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from .field_index import FieldIndex
from .jsonio import dumps, loads

__all__ = ["Collection", "Document", "EekStore", "company_table"]

Document = dict[str, Any]
T = TypeVar("T")
_MEMOS_KEPT = 32

_SCHEMA = """
CREATE TABLE IF NOT EXISTS {table} (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (collection, id)
)
"""


class _SqliteMirror:
    """Write-through copy of every collection: one row per document, JSON in ``body``.

    Company 1 keeps the table ``document`` (so older database files open as they are); company ``n`` of the
    same file has ``document_<n>``. The companies of one file share its connection and a lock.
    """

    def __init__(self, conn: sqlite3.Connection, table: str, lock: threading.Lock, owner: bool) -> None:
        self._conn = conn
        self._lock = lock
        self._owner = owner
        # The table name comes from company_table(int), never from request text.
        self._select = f"SELECT collection, id, seq, body FROM {table} ORDER BY seq"  # noqa: S608
        self._upsert = (
            f"INSERT INTO {table} (collection, id, seq, body) VALUES (?, ?, ?, ?) "  # noqa: S608
            "ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body"
        )
        self._delete = f"DELETE FROM {table} WHERE collection = ? AND id = ?"  # noqa: S608
        with self._lock:
            self._conn.execute(_SCHEMA.format(table=table))

    @classmethod
    def open(cls, path: str) -> _SqliteMirror:
        # The lock serialises access, so sharing the connection across threads is safe.
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        return cls(conn, "document", threading.Lock(), owner=True)

    def sibling(self, company: int) -> _SqliteMirror:
        return _SqliteMirror(self._conn, company_table(company), self._lock, owner=False)

    def company_numbers(self) -> list[int]:
        """The companies this file holds data for (1 always)."""
        with self._lock:
            rows = self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'document_%'")
            found = [int(name[len("document_") :]) for (name,) in rows if name[len("document_") :].isdigit()]
        return sorted({1, *found})

    def load(self) -> Iterator[tuple[str, str, int, Document]]:
        with self._lock:
            rows = self._conn.execute(self._select).fetchall()
        for collection, doc_id, seq, body in rows:
            yield collection, doc_id, seq, loads(body)

    def upsert(self, collection: str, doc_id: str, seq: int, doc: Document) -> None:
        with self._lock:
            self._conn.execute(self._upsert, (collection, doc_id, seq, dumps(doc)))

    def delete(self, collection: str, doc_id: str) -> None:
        with self._lock:
            self._conn.execute(self._delete, (collection, doc_id))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One commit for many writes (seeding a company), instead of one per write."""
        with self._lock:
            self._conn.execute("BEGIN")
        try:
            yield
        except BaseException:
            with self._lock:
                self._conn.execute("ROLLBACK")
            raise
        with self._lock:
            self._conn.execute("COMMIT")

    def close(self) -> None:
        if self._owner:
            with self._lock:
                self._conn.close()


def company_table(company: int) -> str:
    """The table of company ``company`` (an int, so the name is never built from request text)."""
    return "document" if company == 1 else f"document_{int(company)}"


class Collection:
    """One resource's documents in creation order. Callers get copies, never the stored dicts (``all``,
    ``find`` and ``memo`` hand out the stored documents read only).

    For 100,000 documents: ``find`` answers "which documents have this value in this field" from an index
    built on first use and kept current by ``put`` and ``delete``, and ``memo`` keeps a computed selection
    until the next write (``version`` counts the writes)."""

    def __init__(self, store: EekStore, name: str) -> None:
        self._store = store
        self.name = name
        self._docs: dict[str, Document] = {}
        self._seqs: dict[str, int] = {}
        self._indexes: dict[str, FieldIndex] = {}
        self._memos: dict[Hashable, tuple[int, Any]] = {}
        self.version = 0

    def get(self, doc_id: str) -> Document | None:
        with self._store.lock:
            doc = self._docs.get(doc_id)
            return _copy(doc) if doc is not None else None

    def all(self) -> list[Mapping[str, Any]]:
        """The stored documents themselves, without copying (lists of thousands stay cheap).

        Safe to share because a stored document is never changed in place: ``put`` stores a fresh
        copy. Read them only; the Mapping type keeps mypy watching for writes.
        """
        with self._store.lock:
            return list(self._docs.values())

    def __len__(self) -> int:
        with self._store.lock:
            return len(self._docs)

    def find(self, field: str, value: Hashable) -> list[Mapping[str, Any]]:
        """The stored documents whose ``field`` equals ``value`` (Python ``==``), in creation order."""
        return self.find_any([(field, value)])

    def find_any(self, terms: Iterable[tuple[str, Hashable]]) -> list[Mapping[str, Any]]:
        """The stored documents matching any of the (field, value) ``terms``, each once, in creation order."""
        with self._store.lock:
            ids = {doc_id for field, value in terms for doc_id in self._index(field).ids(value)}
            return [self._docs[doc_id] for doc_id in sorted(ids, key=self._seqs.__getitem__)]

    def holds_only_text(self, field: str) -> bool:
        """True when every document's ``field`` is a string or null (or absent)."""
        with self._store.lock:
            return self._index(field).only_text

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, kept until the next write to this collection. What it returns is shared: read only."""
        with self._store.lock:
            found = self._memos.get(key)
            if found is not None and found[0] == self.version:
                result: T = found[1]
                return result
            result = compute()
            if len(self._memos) >= _MEMOS_KEPT:
                del self._memos[next(iter(self._memos))]
            self._memos[key] = (self.version, result)
            return result

    def _index(self, field: str) -> FieldIndex:
        index = self._indexes.get(field)
        if index is None:
            index = self._indexes[field] = FieldIndex(field)
            for doc_id, doc in self._docs.items():
                index.add(doc_id, doc)
        return index

    def _stored(self, doc_id: str, doc: Document) -> None:
        previous = self._docs.get(doc_id)
        for index in self._indexes.values():
            if previous is not None:
                index.remove(doc_id, previous)
            index.add(doc_id, doc)
        self._docs[doc_id] = doc
        self.version += 1

    def put(self, doc_id: str, doc: Document) -> None:
        """Insert or replace; a replaced document keeps its place in the order."""
        with self._store.lock:
            seq = self._seqs.get(doc_id)
            if seq is None:
                seq = self._store.next_seq()
                self._seqs[doc_id] = seq
            self._stored(doc_id, _copy(doc))
            self._store.mirror_upsert(self.name, doc_id, seq, doc)

    def adopt(self, doc_id: str, doc: Document) -> None:
        """``put`` without the copy, for seeding: the store keeps ``doc`` itself (objects inside it may be shared
        with other stored documents, which are never changed in place either), so the caller must not change it."""
        with self._store.lock:
            seq = self._seqs.get(doc_id)
            if seq is None:
                seq = self._seqs[doc_id] = self._store.next_seq()
            self._stored(doc_id, doc)
            self._store.mirror_upsert(self.name, doc_id, seq, doc)

    def delete(self, doc_id: str) -> bool:
        with self._store.lock:
            previous = self._docs.pop(doc_id, None)
            if previous is None:
                return False
            for index in self._indexes.values():
                index.remove(doc_id, previous)
            self.version += 1
            self._seqs.pop(doc_id, None)
            self._store.mirror_delete(self.name, doc_id)
            return True

    def restore(self, doc_id: str, seq: int, doc: Document) -> None:
        self._stored(doc_id, doc)
        self._seqs[doc_id] = seq


class EekStore:
    """All collections of one emulated company. ``db`` is a SQLite file path or None (memory only);
    ``sibling(n)`` gives company ``n``'s store in the same file (or in memory)."""

    def __init__(self, db: str | None = None, *, mirror: _SqliteMirror | None = None) -> None:
        self.lock = threading.RLock()
        self._collections: dict[str, Collection] = {}
        self._seq = 0
        self._mirror = _SqliteMirror.open(db) if db else mirror
        if self._mirror is not None:
            for name, doc_id, seq, doc in self._mirror.load():
                self.collection(name).restore(doc_id, seq, doc)
                self._seq = max(self._seq, seq)

    def sibling(self, company: int) -> EekStore:
        """Company ``company``'s store beside this one (company 1's): same database file, its own table."""
        return EekStore(mirror=self._mirror.sibling(company) if self._mirror is not None else None)

    def stored_companies(self) -> list[int]:
        """The company numbers the database file already holds ([1] for a memory-only store)."""
        return self._mirror.company_numbers() if self._mirror is not None else [1]

    def collection(self, name: str) -> Collection:
        with self.lock:
            found = self._collections.get(name)
            if found is None:
                found = self._collections[name] = Collection(self, name)
            return found

    def is_blank(self) -> bool:
        """True when nothing was ever stored: a fresh database or a memory-only store."""
        with self.lock:
            return all(len(collection) == 0 for collection in self._collections.values())

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Write a whole seeding to the database file in one transaction (no effect in memory)."""
        with self.lock:
            if self._mirror is None:
                yield
            else:
                with self._mirror.transaction():
                    yield

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Hold the lock across a read-check-write sequence (e.g. unique CustomerNumber)."""
        with self.lock:
            yield

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def mirror_upsert(self, collection: str, doc_id: str, seq: int, doc: Document) -> None:
        if self._mirror is not None:
            self._mirror.upsert(collection, doc_id, seq, doc)

    def mirror_delete(self, collection: str, doc_id: str) -> None:
        if self._mirror is not None:
            self._mirror.delete(collection, doc_id)

    def close(self) -> None:
        if self._mirror is not None:
            self._mirror.close()

    # The resources, named once so routes and demo data agree on the spelling.
    @property
    def customers(self) -> Collection:
        return self.collection("customers")

    @property
    def terms_of_payment(self) -> Collection:
        return self.collection("termsofpayments")

    @property
    def currencies(self) -> Collection:
        return self.collection("currencies")

    @property
    def countries(self) -> Collection:
        return self.collection("countries")

    @property
    def articles(self) -> Collection:
        return self.collection("articles")

    @property
    def article_codings(self) -> Collection:
        return self.collection("articleaccountcodings")

    @property
    def units(self) -> Collection:
        return self.collection("units")

    @property
    def vat_codes(self) -> Collection:
        return self.collection("vatcodes")

    @property
    def cost_centers(self) -> Collection:
        """Stored without ``Items``: the items live in ``cost_center_items`` and are joined on read."""
        return self.collection("costcenters")

    @property
    def cost_center_items(self) -> Collection:
        return self.collection("costcenteritems")

    @property
    def customer_invoice_drafts(self) -> Collection:
        return self.collection("customerinvoicedrafts")

    @property
    def customer_invoices(self) -> Collection:
        return self.collection("customerinvoices")

    @property
    def bank_accounts(self) -> Collection:
        return self.collection("bankaccounts")

    @property
    def suppliers(self) -> Collection:
        """Stored without ``UnpaidInvoicesAmount`` and ``LastInvoiceDate``: joined from supplier invoices on read."""
        return self.collection("suppliers")

    @property
    def supplier_invoices(self) -> Collection:
        return self.collection("supplierinvoices")

    @property
    def settings(self) -> Collection:
        """Singletons: ``company`` (CompanySettingsApi), ``emulator`` (how this instance runs) and
        ``numbering`` (counters the API does not show, see ``numbering``)."""
        return self.collection("settings")

    @property
    def oauth_clients(self) -> Collection:
        return self.collection("oauth_clients")

    @property
    def oauth_codes(self) -> Collection:
        return self.collection("oauth_codes")

    @property
    def access_tokens(self) -> Collection:
        return self.collection("access_tokens")

    @property
    def refresh_tokens(self) -> Collection:
        return self.collection("refresh_tokens")


def _copy(doc: Document) -> Document:
    # Documents are JSON trees; a JSON round trip is the simplest faithful deep copy.
    copied: Document = loads(dumps(doc))
    return copied
