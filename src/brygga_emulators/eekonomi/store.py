"""EekStore: the emulated company's data, in memory and optionally written through to SQLite.

Each collection is an ordered map of id -> JSON document (creation order is the API's default list
order). With a database file every write is committed before the call returns, so "apply, then drop
the response" really leaves the object behind, and a restarted emulator finds customers, OAuth codes
and tokens again. One lock guards everything: the emulator is small and correctness beats speed.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from .jsonio import dumps, loads

__all__ = ["Collection", "Document", "EekStore"]

Document = dict[str, Any]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS document (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (collection, id)
)
"""


class _SqliteMirror:
    """Write-through copy of every collection: one row per document, JSON in ``body``."""

    def __init__(self, path: str) -> None:
        # The lock in EekStore serialises access, so sharing the connection across threads is safe.
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(_SCHEMA)

    def load(self) -> Iterator[tuple[str, str, int, Document]]:
        rows = self._conn.execute("SELECT collection, id, seq, body FROM document ORDER BY seq")
        for collection, doc_id, seq, body in rows:
            yield collection, doc_id, seq, loads(body)

    def upsert(self, collection: str, doc_id: str, seq: int, doc: Document) -> None:
        self._conn.execute(
            "INSERT INTO document (collection, id, seq, body) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body",
            (collection, doc_id, seq, dumps(doc)),
        )

    def delete(self, collection: str, doc_id: str) -> None:
        self._conn.execute("DELETE FROM document WHERE collection = ? AND id = ?", (collection, doc_id))

    def close(self) -> None:
        self._conn.close()


class Collection:
    """One resource's documents in creation order. Callers get copies, never the stored dicts."""

    def __init__(self, store: EekStore, name: str) -> None:
        self._store = store
        self.name = name
        self._docs: dict[str, Document] = {}
        self._seqs: dict[str, int] = {}

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

    def put(self, doc_id: str, doc: Document) -> None:
        """Insert or replace; a replaced document keeps its place in the order."""
        with self._store.lock:
            seq = self._seqs.get(doc_id)
            if seq is None:
                seq = self._store.next_seq()
                self._seqs[doc_id] = seq
            self._docs[doc_id] = _copy(doc)
            self._store.mirror_upsert(self.name, doc_id, seq, doc)

    def delete(self, doc_id: str) -> bool:
        with self._store.lock:
            if self._docs.pop(doc_id, None) is None:
                return False
            self._seqs.pop(doc_id, None)
            self._store.mirror_delete(self.name, doc_id)
            return True

    def restore(self, doc_id: str, seq: int, doc: Document) -> None:
        self._docs[doc_id] = doc
        self._seqs[doc_id] = seq


class EekStore:
    """All collections of one emulated company. ``db`` is a SQLite file path or None (memory only)."""

    def __init__(self, db: str | None = None) -> None:
        self.lock = threading.RLock()
        self._collections: dict[str, Collection] = {}
        self._seq = 0
        self._mirror = _SqliteMirror(db) if db else None
        if self._mirror is not None:
            for name, doc_id, seq, doc in self._mirror.load():
                self.collection(name).restore(doc_id, seq, doc)
                self._seq = max(self._seq, seq)

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
