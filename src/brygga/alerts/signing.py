"""Webhook signatures: ``X-Brygga-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`` with the
recipient's key, and ``X-Brygga-Timestamp: <unix seconds>``. A receiver recomputes the HMAC over the raw body it got
and compares in constant time (README, "Larm"); ``verify`` is that check, for tests and receivers written in Python.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

__all__ = ["SIGNATURE_HEADER", "TIMESTAMP_HEADER", "new_key", "sign", "verify"]

SIGNATURE_HEADER = "X-Brygga-Signature"
TIMESTAMP_HEADER = "X-Brygga-Timestamp"


def new_key() -> str:
    return secrets.token_urlsafe(32)


def sign(key: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(key.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(key: str, timestamp: str, body: bytes, signature: str, *, now: int, tolerance: int = 300) -> bool:
    """The signature is ours for this body and timestamp, and the timestamp is within ``tolerance`` seconds of
    ``now`` (an old request replayed is refused)."""
    if not timestamp.isdigit() or abs(now - int(timestamp)) > tolerance:
        return False
    return hmac.compare_digest(sign(key, int(timestamp), body), signature)
