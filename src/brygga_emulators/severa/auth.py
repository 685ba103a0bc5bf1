"""Client-credentials tokens as Severa issues them, with expiry by the emulator's clock.

An access token dies after 3600 s, or earlier when a test calls ``faults.expire_tokens()`` (every token
issued in an older ``token_generation`` is refused). Refresh tokens are single use: a refresh rotates
them, so a client that stores the old one after refreshing is caught.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from brygga_emulators.faults import Faults

from .problems import ApiProblem
from .store import SeveraStore
from .wire import Clock, format_datetime

__all__ = ["ACCESS_TOKEN_SECONDS", "DEFAULT_SCOPE", "REFRESH_TOKEN_SECONDS", "TokenIssuer"]

ACCESS_TOKEN_SECONDS = 3600
REFRESH_TOKEN_SECONDS = 30 * 24 * 3600
DEFAULT_SCOPE = " ".join(
    f"{area}:{access}"
    for area in ("customers", "projects", "invoices", "fees", "settings")
    for access in ("read", "write")
)


@dataclass(frozen=True)
class _Grant:
    client_id: str
    scope: str
    expires_at: datetime
    generation: int = 0


class TokenIssuer:
    def __init__(self, store: SeveraStore, faults: Faults, clock: Clock) -> None:
        self._store = store
        self._faults = faults
        self._clock = clock
        self._lock = threading.Lock()
        self._access: dict[str, _Grant] = {}
        self._refresh: dict[str, _Grant] = {}

    def login(self, client_id: str, client_secret: str, scope: str | None) -> dict[str, Any]:
        """``POST /v1/token``: check the credentials and issue a token pair."""
        if not self._credentials_ok(client_id, client_secret):
            raise ApiProblem.authentication_required("Invalid client credentials.")
        return self._issue(client_id, scope or DEFAULT_SCOPE)

    def refresh(self, refresh_token: str) -> dict[str, Any]:
        """``POST /v1/refreshtoken``: trade a refresh token (used up here) for a new pair."""
        with self._lock:
            grant = self._refresh.pop(refresh_token, None)
        if grant is None or grant.expires_at <= self._clock():
            raise ApiProblem.authentication_required("Refresh token is invalid or expired.")
        return self._issue(grant.client_id, grant.scope)

    def authenticate(self, authorization: str | None, client_id_header: str | None) -> str:
        """Return the caller's client id, or raise 401 AuthenticationRequired."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise ApiProblem.authentication_required("Bearer token is missing.", "Authorization")
        with self._lock:
            grant = self._access.get(token.strip())
        if grant is None or grant.generation < self._faults.token_generation:
            raise ApiProblem.authentication_required("Access token is invalid.", "Authorization")
        if grant.expires_at <= self._clock():
            raise ApiProblem.authentication_required("Access token has expired.", "Authorization")
        if client_id_header != grant.client_id:
            raise ApiProblem.authentication_required(
                "Client_Id header is missing or does not match the token.", "Client_Id"
            )
        return grant.client_id

    def _credentials_ok(self, client_id: str, client_secret: str) -> bool:
        clients = self._store.api_clients
        if clients is None:
            return True
        expected = clients.get(client_id)
        # Bytes: compare_digest refuses str with non-ASCII characters (a TypeError, not a "no").
        return expected is not None and hmac.compare_digest(expected.encode(), client_secret.encode())

    def _issue(self, client_id: str, scope: str) -> dict[str, Any]:
        now = self._clock()
        access_token = secrets.token_urlsafe(32)
        refresh_token = secrets.token_urlsafe(32)
        access = _Grant(client_id, scope, now + timedelta(seconds=ACCESS_TOKEN_SECONDS), self._faults.token_generation)
        refresh = _Grant(client_id, scope, now + timedelta(seconds=REFRESH_TOKEN_SECONDS))
        with self._lock:
            self._access[access_token] = access
            self._refresh[refresh_token] = refresh
        return {
            "access_token": access_token,
            "access_token_type": "Bearer",
            "access_token_expires_in": ACCESS_TOKEN_SECONDS,
            "access_token_expires_utc": format_datetime(access.expires_at),
            "refresh_token": refresh_token,
            "refresh_token_expires_in": REFRESH_TOKEN_SECONDS,
            "refresh_token_expires_utc": format_datetime(refresh.expires_at),
            "scope": scope,
        }
