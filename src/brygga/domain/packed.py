"""Canonical objects packed into bytes while a large run holds them (issue 16, goal 2).

A first run plans the whole register before it writes, and a canonical customer as Python objects (three
dataclass instances, a dozen strings) takes about 1.2 KB; packed it takes about 0.2 KB. Plans and planning views
keep the bytes and unpack one object when it is looked at, so a run's memory grows by the packed size per object.

The format is ``marshal`` of a tree of tuples, private to one process (never stored, never sent): a dataclass is
``(code, *field values)`` with a code >= 0 from :data:`PACKABLE`; a Decimal, an enum member and a plain tuple have
negative tags. A fingerprint already computed travels with the object, so it is not computed again.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator, KeysView, MutableMapping
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar, cast

from brygga.domain.article import Article, ArticleKind
from brygga.domain.customer import Address, Contact, Customer
from brygga.domain.invoice import Invoice, InvoiceRow, SupplierCost
from brygga.domain.plain import cached_fingerprint, remember_fingerprint
from brygga.domain.project import Project

__all__ = ["PACKABLE", "PackedMap", "pack", "unpack"]

T = TypeVar("T")

PACKABLE: tuple[type, ...] = (Customer, Address, Contact, Article, Project, Invoice, InvoiceRow, SupplierCost)
ENUMS: tuple[type[Enum], ...] = (ArticleKind,)
_CODES = {cls: code for code, cls in enumerate(PACKABLE)}
_FIELDS = {cls: tuple(f.name for f in fields(cls)) for cls in PACKABLE}
_ENUM_CODES = {cls: code for code, cls in enumerate(ENUMS)}
_DECIMAL, _ENUM, _TUPLE, _DATE = -1, -2, -3, -4
_SCALARS = (str, int, bool, float, type(None))


def pack(obj: object) -> bytes:
    """``obj`` (a canonical object) as bytes; its fingerprint goes along when it was computed already."""
    return marshal.dumps((cached_fingerprint(obj), _encode(obj)))


def unpack(blob: bytes, kind: type[T]) -> T:
    """The object :func:`pack` made, equal to the original; ``kind`` is what the caller expects back."""
    fingerprint, tree = marshal.loads(blob)  # noqa: S302 (only bytes this process packed)
    obj = _decode(tree)
    if not isinstance(obj, kind):
        raise TypeError(f"packed {type(obj).__name__}, expected {kind.__name__}")
    if fingerprint is not None:
        remember_fingerprint(obj, fingerprint)
    return obj


def _encode(value: object) -> Any:
    kind = type(value)
    if kind in _SCALARS:
        return value
    code = _CODES.get(kind)
    if code is not None:
        # Most fields are scalars: tested inline, a call saved per field (this runs for every object planned).
        values = (getattr(value, name) for name in _FIELDS[kind])
        return (code, *(v if type(v) in _SCALARS else _encode(v) for v in values))
    if kind is Decimal:
        return (_DECIMAL, str(value))
    if isinstance(value, Enum) and type(value) in _ENUM_CODES:
        return (_ENUM, _ENUM_CODES[type(value)], value.value)
    if kind is tuple:
        return (_TUPLE, *(_encode(item) for item in cast(tuple[object, ...], value)))
    if kind is date:
        return (_DATE, cast(date, value).toordinal())
    what = kind.__name__ if not is_dataclass(value) else f"dataclass {kind.__name__}"
    raise TypeError(f"cannot pack a {what}: add it to brygga.domain.packed")


def _decode(tree: Any) -> Any:
    if type(tree) is not tuple:
        return tree
    tag = tree[0]
    if tag >= 0:
        return PACKABLE[tag](*[_decode(item) if type(item) is tuple else item for item in tree[1:]])
    if tag == _DECIMAL:
        return Decimal(tree[1])
    if tag == _ENUM:
        return ENUMS[tree[1]](tree[2])
    if tag == _DATE:
        return date.fromordinal(tree[1])
    return tuple(_decode(item) for item in tree[1:])


class PackedMap(MutableMapping[str, T], Generic[T]):
    """id -> object, each object kept packed and unpacked when looked up: a planning view of a whole register.

    Keys and membership never unpack; ``items()`` and ``values()`` unpack one object at a time."""

    def __init__(self, kind: type[T]) -> None:
        self.kind = kind
        self._blobs: dict[str, bytes] = {}

    def __getitem__(self, key: str) -> T:
        return unpack(self._blobs[key], self.kind)

    def __setitem__(self, key: str, value: T) -> None:
        self._blobs[key] = pack(value)

    def __delitem__(self, key: str) -> None:
        del self._blobs[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)

    def __contains__(self, key: object) -> bool:
        return key in self._blobs

    def blob(self, key: str) -> bytes:
        """The bytes kept for ``key``, for a holder that keeps them as they are (a packed plan)."""
        return self._blobs[key]

    def share(self, key: str, other: PackedMap[T]) -> None:
        """Keep for ``key`` the very bytes ``other`` keeps for it: one copy for two maps of the same objects."""
        if other.kind is not self.kind:
            raise TypeError(f"packed {other.kind.__name__}, expected {self.kind.__name__}")
        self._blobs[key] = other._blobs[key]

    def keys(self) -> KeysView[str]:
        return self._blobs.keys()
