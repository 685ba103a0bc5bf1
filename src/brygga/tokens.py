"""OAuth token values and the storage port both API clients persist them through.

The store implements :class:`TokenStore` with encryption at rest; tests use
:class:`MemoryTokenStore`. A client must call ``save`` with a new refresh token *before* it uses
the new access token: eEkonomi rotates refresh tokens, and a lost one means reconnecting.

``refreshing()`` is the connection's refresh lock. eEkonomi spends a refresh token on its first use, so two
refreshes of one connection with the same refresh token (two worker processes, or the web app and a worker)
leave one of them with a dead token. A client therefore refreshes only inside ``refreshing()``: it reloads the
tokens there (another holder may have refreshed meanwhile), refreshes only when they are still the ones it saw,
and saves the new ones through the lock before it leaves it. The store's lock reaches as far as the store is
shared: a row lock on PostgreSQL, a file lock beside an SQLite file, the process for memory.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

__all__ = ["LockedTokens", "MemoryTokenStore", "OAuthTokens", "TokenStore"]


@dataclass(frozen=True)
class OAuthTokens:
    access_token: str = field(repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    expires_at: datetime | None = None

    def expires_within(self, seconds: float, now: datetime | None = None) -> bool:
        """True when the access token is gone or expires in less than ``seconds``."""
        if self.expires_at is None:
            return False
        current = now or datetime.now(UTC)
        return self.expires_at - current < timedelta(seconds=seconds)


class LockedTokens(Protocol):
    """One connection's tokens while this holder has its refresh lock: reads see what others committed,
    ``save`` is durable (committed) when it returns."""

    async def load(self) -> OAuthTokens | None: ...

    async def save(self, tokens: OAuthTokens) -> None: ...


class TokenStore(Protocol):
    def load(self) -> OAuthTokens | None: ...

    def save(self, tokens: OAuthTokens) -> None: ...

    def refreshing(self) -> AbstractAsyncContextManager[LockedTokens]:
        """The connection's refresh lock, held until the block ends (see the module's text)."""
        ...


class MemoryTokenStore:
    """Keeps tokens in memory; for tests and short-lived demo runs. Its refresh lock is this process's."""

    def __init__(self, tokens: OAuthTokens | None = None) -> None:
        self._tokens = tokens
        self._lock: asyncio.Lock | None = None
        self.saves = 0

    def load(self) -> OAuthTokens | None:
        return self._tokens

    def save(self, tokens: OAuthTokens) -> None:
        self._tokens = tokens
        self.saves += 1

    @asynccontextmanager
    async def refreshing(self) -> AsyncIterator[LockedTokens]:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            yield _MemoryLocked(self)


class _MemoryLocked:
    def __init__(self, store: MemoryTokenStore) -> None:
        self._store = store

    async def load(self) -> OAuthTokens | None:
        return self._store.load()

    async def save(self, tokens: OAuthTokens) -> None:
        self._store.save(tokens)
