"""A dataclass as plain dicts and lists, for fingerprints: what ``dataclasses.asdict`` gives, without its copies.

``asdict`` deep-copies every leaf value, and a customer's fingerprint is computed for every object of a run: it was
4 % of a transfer's CPU. Fingerprints only serialise the result, so the leaves (str, Decimal, date, enum) are taken
as they are; tuples become lists, which ``json.dumps`` writes the same way. The JSON, and so every stored
fingerprint, is unchanged (tests/domain/test_plain.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass
from typing import Any

__all__ = ["cached_fingerprint", "memo", "plain", "remember_fingerprint"]

_MEMO = "_brygga_fingerprint"


def memo(obj: object, compute: Callable[[], str]) -> str:
    """``compute()`` once per (frozen, never changed) object: a run asks a customer's fingerprint several times
    (planning, the intent, the link). Kept in the instance's ``__dict__``, outside the dataclass fields, so it
    is neither compared, shown nor fingerprinted."""
    cached = obj.__dict__.get(_MEMO)
    if cached is None:
        cached = compute()
        object.__setattr__(obj, _MEMO, cached)
    return str(cached)


def cached_fingerprint(obj: object) -> str | None:
    """The fingerprint :func:`memo` kept for ``obj``, or None when none was computed yet."""
    cached = getattr(obj, "__dict__", {}).get(_MEMO)
    return None if cached is None else str(cached)


def remember_fingerprint(obj: object, fingerprint: str) -> None:
    """Give a rebuilt object (brygga.domain.packed) the fingerprint its original had computed."""
    object.__setattr__(obj, _MEMO, fingerprint)


def plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    return value
