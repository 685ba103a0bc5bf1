"""OAuth token values and the storage port both API clients persist them through.

The store implements :class:`TokenStore` with encryption at rest; tests use
:class:`MemoryTokenStore`. A client must call ``save`` with a new refresh token *before* it uses
the new access token: eEkonomi rotates refresh tokens, and a lost one means reconnecting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

__all__ = ["MemoryTokenStore", "OAuthTokens", "TokenStore"]


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


class TokenStore(Protocol):
    def load(self) -> OAuthTokens | None: ...

    def save(self, tokens: OAuthTokens) -> None: ...


class MemoryTokenStore:
    """Keeps tokens in memory; for tests and short-lived demo runs."""

    def __init__(self, tokens: OAuthTokens | None = None) -> None:
        self._tokens = tokens
        self.saves = 0

    def load(self) -> OAuthTokens | None:
        return self._tokens

    def save(self, tokens: OAuthTokens) -> None:
        self._tokens = tokens
        self.saves += 1
