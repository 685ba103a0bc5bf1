"""API keys of the order intake (``X-API-Key``): shown once when created, kept only as a SHA-256.

A key is ``brygga_<id>_<secret>.<company>``: the id is a public label to find the stored hash (and to revoke one
key of several), the secret 32 random bytes, and the company the brygga company the key belongs to and alone can
deliver to (``company_of_key``; the hash covers it, so it cannot be changed). Keys made before companies had no
``.<company>``; they are looked for in each company. Such a key cannot be guessed, so a fast hash is enough;
a slow password hash would only slow down every order request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select

from brygga.store import Store
from brygga.store.tables import ApiKeyRow

__all__ = ["ApiKeyInfo", "company_of_key", "create_api_key", "list_api_keys", "revoke_api_key", "verify"]

PREFIX = "brygga"


def create_api_key(store: Store) -> str:
    """A new random key for ``store``'s company; only its hash is stored, so this is the one time it is seen."""
    key_id = secrets.token_hex(4)
    key = f"{PREFIX}_{key_id}_{secrets.token_urlsafe(32)}.{store.tenant}"
    with store.db.transaction() as session:
        session.add(ApiKeyRow(tenant_id=store.tenant, key_id=key_id, key_hash=_hash(key), created_at=datetime.now(UTC)))
    return key


@dataclass(frozen=True)
class ApiKeyInfo:
    """What may be shown of a key: its public id and when it was made, never the key itself."""

    key_id: str
    created_at: datetime


def list_api_keys(store: Store) -> list[ApiKeyInfo]:
    with store.db.read() as session:
        rows = session.scalars(
            select(ApiKeyRow).where(ApiKeyRow.tenant_id == store.tenant).order_by(ApiKeyRow.created_at)
        )
        return [ApiKeyInfo(row.key_id, row.created_at) for row in rows]


def revoke_api_key(store: Store, key_id: str) -> bool:
    """Delete one key (the order system using it is refused from now on); ``False`` when there was none."""
    with store.db.transaction() as session:
        result = session.execute(
            delete(ApiKeyRow).where(ApiKeyRow.tenant_id == store.tenant, ApiKeyRow.key_id == key_id)
        )
        return bool(getattr(result, "rowcount", 0))


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


def company_of_key(stores: Callable[[str], Store], companies: Collection[str], key: str | None) -> str | None:
    """The company ``key`` belongs to (``stores(company)`` opens one's store), or ``None`` for no valid key."""
    if not key:
        return None
    named = key.partition(".")[2]
    candidates = [named] if named else list(companies)
    for company in candidates:
        if company in companies and verify(stores(company), key):
            return company
    return None


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
