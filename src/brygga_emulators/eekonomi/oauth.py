"""OAuth2 authorization-code flow as Visma's IdentityServer runs it: clients, codes and tokens.

* Codes are one-time and live 5 minutes; access tokens live 60 minutes by the injected clock.
* Refresh tokens ROTATE: each is spent by its first use, and a reused one is ``invalid_grant``
  (the historical eEk behaviour the client must survive, see eaccounting-api.md §3).
* ``Faults.expire_tokens()`` invalidates every access token issued before it: each token remembers
  the fault generation it was born in.
* Every grant belongs to one company (``Company``, its number as text): the code gets it from the picker or
  the ``company`` parameter, the tokens from the code, a rotated refresh token from the one it replaces.
  Records from before there were several companies have none and belong to company 1.
Everything lives in company 1's EekStore, so a restarted emulator with the same database still knows them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from brygga_emulators.faults import Faults

from .clock import Clock, format_utc, parse_utc
from .store import EekStore

__all__ = [
    "ACCESS_TOKEN_SECONDS",
    "DEFAULT_SCOPE",
    "DEMO_CLIENT_ID",
    "DEMO_CLIENT_SECRET",
    "FIRST_COMPANY",
    "AccessGrant",
    "OAuthError",
    "TokenIssuer",
    "is_loopback_uri",
]

DEMO_CLIENT_ID = "brygga-demo"
DEMO_CLIENT_SECRET = "brygga-demo-secret"  # noqa: S105 - a published demo credential, not a secret
DEFAULT_SCOPE = "ea:api offline_access ea:sales ea:purchase ea:accounting"
ACCESS_TOKEN_SECONDS = 3600
CODE_SECONDS = 300
_OPEN_CLIENTS_KEY = "emulator"
FIRST_COMPANY = "1"


class OAuthError(Exception):
    """An RFC 6749 error answer: ``error`` is the code (``invalid_grant``…), ``status`` the HTTP status."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


@dataclass(frozen=True)
class AccessGrant:
    """What a valid bearer token allows: who asked, with which scopes, in which company."""

    client_id: str
    scopes: frozenset[str]
    company: str = FIRST_COMPANY


def is_loopback_uri(uri: str) -> bool:
    parts = urlsplit(uri)
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")


class TokenIssuer:
    def __init__(self, store: EekStore, faults: Faults, clock: Clock) -> None:
        self._store = store
        self._faults = faults
        self._clock = clock

    # clients -------------------------------------------------------------------------------------
    def knows_client(self, client_id: str) -> bool:
        return self._store.oauth_clients.get(client_id) is not None or self._open_clients()

    def authenticate_client(self, client_id: str | None, secret: str | None) -> str:
        """Return the client id, or raise ``invalid_client``. In open mode (data "empty"/"bulk")
        unregistered clients are let in with any secret; registered ones always need theirs."""
        if not client_id:
            raise OAuthError("invalid_client", "Client authentication is missing.")
        client = self._store.oauth_clients.get(client_id)
        if client is None and self._open_clients():
            return client_id
        if client is None or not secrets.compare_digest(str(client["Secret"]).encode(), (secret or "").encode()):
            raise OAuthError("invalid_client", "Unknown client or wrong client secret.")
        return client_id

    def _open_clients(self) -> bool:
        settings = self._store.settings.get(_OPEN_CLIENTS_KEY) or {}
        return bool(settings.get("AcceptAnyClient"))

    # authorization codes -------------------------------------------------------------------------
    def issue_code(self, client_id: str, redirect_uri: str, scope: str, company: str = FIRST_COMPANY) -> str:
        code = secrets.token_urlsafe(32)
        expires = self._clock() + timedelta(seconds=CODE_SECONDS)
        self._store.oauth_codes.put(
            code,
            {
                "ClientId": client_id,
                "RedirectUri": redirect_uri,
                "Scope": scope,
                "ExpiresUtc": format_utc(expires),
                "Company": company,
            },
        )
        return code

    def redeem_code(self, client_id: str, code: str | None, redirect_uri: str | None) -> dict[str, Any]:
        with self._store.atomic():
            record = self._store.oauth_codes.get(code or "")
            if record is None or record["ClientId"] != client_id:
                raise OAuthError("invalid_grant", "The authorization code is unknown or already used.")
            self._store.oauth_codes.delete(code or "")  # one-time, even when the rest fails
        if parse_utc(record["ExpiresUtc"]) <= self._clock():
            raise OAuthError("invalid_grant", "The authorization code has expired.")
        if redirect_uri != record["RedirectUri"]:
            raise OAuthError("invalid_grant", "redirect_uri does not match the authorization request.")
        return self._issue_tokens(client_id, str(record["Scope"]), _company(record))

    # refresh tokens ------------------------------------------------------------------------------
    def redeem_refresh_token(self, client_id: str, token: str | None) -> dict[str, Any]:
        with self._store.atomic():
            record = self._store.refresh_tokens.get(token or "")
            if record is None or record["ClientId"] != client_id:
                raise OAuthError("invalid_grant", "The refresh token is unknown, revoked or already used.")
            self._store.refresh_tokens.delete(token or "")
        return self._issue_tokens(client_id, str(record["Scope"]), _company(record))

    def revoke(self, client_id: str, token: str) -> None:
        for collection in (self._store.refresh_tokens, self._store.access_tokens):
            record = collection.get(token)
            if record is not None and record["ClientId"] == client_id:
                collection.delete(token)

    # access tokens -------------------------------------------------------------------------------
    def verify_access_token(self, token: str) -> AccessGrant | None:
        record = self._store.access_tokens.get(token)
        if record is None:
            return None
        if parse_utc(record["ExpiresUtc"]) <= self._clock():
            return None
        # ">=" and not "==": after a restart Faults counts from 0 again, and tokens persisted by the
        # previous run must stay valid until a new expire_tokens() call.
        if int(record["Generation"]) < self._faults.token_generation:
            return None
        return AccessGrant(str(record["ClientId"]), frozenset(str(record["Scope"]).split()), _company(record))

    def company_of(self, token: str) -> str | None:
        """The company an access token was issued for, valid or not (None when it was never issued)."""
        record = self._store.access_tokens.get(token)
        return _company(record) if record is not None else None

    def _issue_tokens(self, client_id: str, scope: str, company: str) -> dict[str, Any]:
        access = secrets.token_urlsafe(48)
        expires = self._clock() + timedelta(seconds=ACCESS_TOKEN_SECONDS)
        self._store.access_tokens.put(
            access,
            {
                "ClientId": client_id,
                "Scope": scope,
                "ExpiresUtc": format_utc(expires),
                "Generation": self._faults.token_generation,
                "Company": company,
            },
        )
        answer: dict[str, Any] = {
            "access_token": access,
            "expires_in": ACCESS_TOKEN_SECONDS,
            "token_type": "bearer",
            "scope": scope,
        }
        # IdentityServer only hands out refresh tokens to clients that asked for offline access.
        if "offline_access" in scope.split():
            refresh = secrets.token_urlsafe(48)
            self._store.refresh_tokens.put(refresh, {"ClientId": client_id, "Scope": scope, "Company": company})
            answer["refresh_token"] = refresh
        return answer


def _company(record: dict[str, Any]) -> str:
    return str(record.get("Company") or FIRST_COMPANY)
