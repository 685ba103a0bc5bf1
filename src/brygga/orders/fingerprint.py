"""The content hash that decides whether a re-sent order is "the same order" (OrderStore.receive).

It hashes what the order means, not how it was written: defaults filled in (a missing currency is SEK),
``12.50`` equal to ``"12.5"``, key order irrelevant. Any change a user could see on the invoice changes it.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

import simplejson

from brygga.orders.models import Order

__all__ = ["content_hash"]


def content_hash(order: Order) -> str:
    """SHA-256 (hex) of the order's canonical JSON."""
    canonical = simplejson.dumps(
        _canonical(order.model_dump(mode="python")), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _canonical(value: object) -> object:
    if isinstance(value, Decimal):
        # normalize() drops trailing zeros (12.50 -> 12.5); zero has signed forms (-0, 0E+2) that all mean 0.
        return "0" if value.is_zero() else str(value.normalize())
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value
