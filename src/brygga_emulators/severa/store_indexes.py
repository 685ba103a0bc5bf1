"""The look-ups the Severa store keeps indexed, so a request against 100,000 objects costs what its answer does.

Each index maps a key computed from a stored document to the GUIDs of the documents with that key; the store
keeps it current on every ``put``. The key functions never raise: a document without the property has the
key ``None``. Keys are what the routes compare: customer numbers as stored, names lower-cased (the
``customerNames`` filter ignores case), catalog codes stripped and lower-cased (the uniqueness rule).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeGuard

__all__ = ["INDEXES", "KeyFunction", "KeyIndex", "catalog_code_key", "lowered_name"]

KeyFunction = Callable[[dict[str, Any]], Hashable]


def _guid_of(name: str) -> KeyFunction:
    def key(document: dict[str, Any]) -> Hashable:
        reference = document.get(name)
        guid = reference.get("guid") if isinstance(reference, dict) else None
        return guid if isinstance(guid, str) else None

    return key


def _plain(name: str) -> KeyFunction:
    def key(document: dict[str, Any]) -> Hashable:
        value = document.get(name)
        return value if isinstance(value, Hashable) else None

    return key


def lowered_name(document: dict[str, Any]) -> Hashable:
    return str(document.get("name", "")).lower()


def catalog_code_key(document: dict[str, Any]) -> Hashable:
    """What ``ensure_unique_code`` compares: the code stripped and lower-cased ("" when there is none)."""
    return str(document.get("code") or "").strip().lower()


class KeyIndex:
    """key -> GUIDs (each key's GUIDs in the order they got it) for one key function over one collection."""

    def __init__(self, key_of: KeyFunction) -> None:
        self.key_of = key_of
        self._buckets: dict[Hashable, dict[str, None]] = {}
        self._heap: list[int] | None = None  # negated int keys, for max_int; built on first use

    def update(self, guid: str, previous: dict[str, Any] | None, stored: dict[str, Any]) -> None:
        key = self.key_of(stored)
        if previous is not None:
            old = self.key_of(previous)
            if old == key:
                return
            bucket = self._buckets.get(old)
            if bucket is not None:
                bucket.pop(guid, None)
                if not bucket:
                    del self._buckets[old]
        self._buckets.setdefault(key, {})[guid] = None
        if self._heap is not None and _is_int(key):
            heapq.heappush(self._heap, -key)

    def guids(self, keys: Iterable[Hashable]) -> set[str]:
        return {guid for key in keys for guid in self._buckets.get(key, ())}

    def max_int(self) -> int | None:
        """The greatest int key any document holds: O(log N) amortised (a heap whose keys no document holds
        any more are dropped when they reach the top)."""
        if self._heap is None:
            self._heap = [-key for key in self._buckets if _is_int(key)]
            heapq.heapify(self._heap)
        while self._heap and -self._heap[0] not in self._buckets:
            heapq.heappop(self._heap)
        return -self._heap[0] if self._heap else None


def _is_int(key: Hashable) -> TypeGuard[int]:
    return isinstance(key, int) and not isinstance(key, bool)


INDEXES: dict[str, dict[str, KeyFunction]] = {
    "customers": {"number": _plain("number"), "name": lowered_name},
    "addresses": {"customer": _guid_of("customer")},
    "contacts": {"customer": _guid_of("customer"), "address": _plain("addressGuid")},
    "communications": {"contact": _guid_of("contact")},
    "products": {"code": _plain("code"), "unique_code": catalog_code_key},
    "worktypes": {"unique_code": catalog_code_key},
    "projects": {"number": _plain("number")},
    "invoices": {"number": _plain("number")},
    "projectfees": {"project": _guid_of("project")},
}
