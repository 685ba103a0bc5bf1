"""Client-credentials tokens as Severa issues them, with expiry by the emulator's clock.

An access token dies after 3600 s, or earlier when a test calls ``faults.expire_tokens()`` (every token
issued in an older ``token_generation`` is refused). Refresh tokens are single use: a refresh rotates
them, so a client that stores the old one after refreshing is caught.

One issuer serves all organisations of an emulator: the client credentials name the organisation (see
``organisations``), and every token, refreshed ones too, remembers it.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from brygga_emulators.faults import Faults

from .organisations import organisation_of_client
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
    organisation: int = 1


class TokenIssuer:
    def __init__(self, organisations: Sequence[SeveraStore], faults: Faults, clock: Clock) -> None:
        self._organisations = list(organisations)
        self._faults = faults
        self._clock = clock
        self._lock = threading.Lock()
        self._access: dict[str, _Grant] = {}
        self._refresh: dict[str, _Grant] = {}

    def login(self, client_id: str, client_secret: str, scope: str | None) -> dict[str, Any]:
        """``POST /v1/token``: check the credentials and issue a token pair."""
        organisation = self._organisation_of(client_id, client_secret)
        if organisation is None:
            raise ApiProblem.authentication_required("Invalid client credentials.")
        return self._issue(client_id, scope or DEFAULT_SCOPE, organisation)

    def refresh(self, refresh_token: str) -> dict[str, Any]:
        """``POST /v1/refreshtoken``: trade a refresh token (used up here) for a new pair."""
        with self._lock:
            grant = self._refresh.pop(refresh_token, None)
        if grant is None or grant.expires_at <= self._clock():
            raise ApiProblem.authentication_required("Refresh token is invalid or expired.")
        return self._issue(grant.client_id, grant.scope, grant.organisation)

    def organisation_of(self, authorization: str | None) -> int | None:
        """The organisation a bearer token was issued for, valid or not (None when never issued)."""
        scheme, _, token = (authorization or "").partition(" ")
        with self._lock:
            grant = self._access.get(token.strip()) if scheme.lower() == "bearer" else None
        return grant.organisation if grant is not None else None

    def authenticate(self, authorization: str | None, client_id_header: str | None, organisation: int = 1) -> str:
        """Return the caller's client id, or raise 401 AuthenticationRequired. ``organisation`` is the one
        whose app serves the request: the dispatcher chose it by this token, so a mismatch is refused."""
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
        if grant.organisation != organisation:
            raise ApiProblem.authentication_required("Access token is invalid.", "Authorization")
        return grant.client_id

    def _organisation_of(self, client_id: str, client_secret: str) -> int | None:
        """The organisation (1-based) these credentials log in to, or None when they are wrong. An
        organisation without registered clients (the "empty" data set) accepts any; a derivable demo
        client id then picks its organisation, and any other id gets organisation 1."""
        for number, store in enumerate(self._organisations, start=1):
            clients = store.api_clients
            if clients is None:
                derived = organisation_of_client(client_id)
                return derived if derived is not None and derived <= len(self._organisations) else 1
            expected = clients.get(client_id)
            # Bytes: compare_digest refuses str with non-ASCII characters (a TypeError, not a "no").
            if expected is not None:
                return number if hmac.compare_digest(expected.encode(), client_secret.encode()) else None
        return None

    def _issue(self, client_id: str, scope: str, organisation: int) -> dict[str, Any]:
        now = self._clock()
        access_token = secrets.token_urlsafe(32)
        refresh_token = secrets.token_urlsafe(32)
        expires = now + timedelta(seconds=ACCESS_TOKEN_SECONDS)
        access = _Grant(client_id, scope, expires, self._faults.token_generation, organisation)
        refresh = _Grant(client_id, scope, now + timedelta(seconds=REFRESH_TOKEN_SECONDS), 0, organisation)
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
