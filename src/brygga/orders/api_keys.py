"""API keys of the order intake (``X-API-Key``): shown once when created, kept only as a SHA-256.

A key is ``brygga_<id>_<secret>``: the id is a public label to find the stored hash (and, later, to revoke
one key of several), the secret 32 random bytes. Such a key cannot be guessed, so a fast hash is enough;
a slow password hash would only slow down every order request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime

from brygga.store import Store
from brygga.store.tables import ApiKeyRow

__all__ = ["create_api_key", "verify"]

PREFIX = "brygga"


def create_api_key(store: Store) -> str:
    """A new random key for ``store``'s company; only its hash is stored, so this is the one time it is seen."""
    key_id = secrets.token_hex(4)
    key = f"{PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
    with store.db.transaction() as session:
        session.add(ApiKeyRow(tenant_id=store.tenant, key_id=key_id, key_hash=_hash(key), created_at=datetime.now(UTC)))
    return key


def verify(store: Store, key: str | None) -> bool:
    """Whether ``key`` is one of the company's keys; the hashes are compared in constant time."""
    if not key:
        return False
    prefix, _, rest = key.partition("_")
    key_id = rest.partition("_")[0]
    with store.db.read() as session:
        row = session.get(ApiKeyRow, (store.tenant, key_id)) if prefix == PREFIX and key_id else None
        stored = row.key_hash if row is not None else _hash("")
    # Compared even for an unknown id, so a wrong key takes as long to refuse whatever part of it was wrong.
    return hmac.compare_digest(stored, _hash(key)) and row is not None


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
