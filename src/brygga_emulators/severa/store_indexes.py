"""The look-ups the Severa store keeps indexed, so a request against 100,000 objects costs what its answer does.

Each index maps a key computed from a stored document to the GUIDs of the documents with that key; the store
keeps it current on every ``put``. The key functions never raise: a document without the property has the
key ``None``. Keys are what the routes compare: customer numbers as stored, names lower-cased (the
``customerNames`` filter ignores case), catalog codes stripped and lower-cased (the uniqueness rule).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["INDEXES", "KeyFunction", "catalog_code_key", "lowered_name"]

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
