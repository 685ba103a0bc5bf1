"""Severa authentication: client-credentials tokens, refresh, and the ``Client_Id`` header.

Every secured Severa call needs two headers: ``Authorization: Bearer <access token>`` and
``Client_Id: <client id>`` (the spec's ``ClientIdAuth`` and ``OAuth2`` sit in one security
requirement, so both are required). Tokens come from ``POST /v1/token`` with the client id, secret
and scopes, and are renewed with ``POST /v1/refreshtoken`` whose body is the refresh token as a
bare JSON string.

:class:`SeveraAuth` renews a token that expires within a minute before sending, and once more when
Severa answers 401. Renewals are serialised by one lock, so ten requests that find the token stale
at once cause one token call, and a new token is saved to the store before any request uses it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, Callable, Generator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from brygga.errors import AuthError, RateLimitedError, ServerError
from brygga.http import address_error, jsonio, network_error, request_path
from brygga.severa.errors import SYSTEM, map_error
from brygga.tokens import OAuthTokens, TokenStore

__all__ = [
    "AUTH_REFUSED_MESSAGE",
    "CLIENT_ID_HEADER",
    "DEFAULT_SCOPE",
    "REFRESH_MARGIN_SECONDS",
    "TOKEN_REREAD_SECONDS",
    "Clock",
    "SeveraAuth",
    "SeveraCredentials",
    "fetch_token",
    "utc_now",
]

DEFAULT_SCOPE = (
    "customers:read customers:write settings:read settings:write projects:read "
    "invoices:read invoices:write fees:read fees:write organization:read"
)
CLIENT_ID_HEADER = "Client_Id"
REFRESH_MARGIN_SECONDS = 60.0
# Tokens read from the store are reused this long before it is read again: reading and decrypting them for every
# call was a tenth of an invoice transfer's CPU (two PM calls per invoice). A renewal elsewhere is still seen: by a
# 401, which reads the store again, or within these seconds; the old access token stays valid until it expires.
TOKEN_REREAD_SECONDS = 5.0
AUTH_REFUSED_MESSAGE = "Visma PM nekade inloggningen. Kontrollera klient-id och klienthemlighet: brygga connect severa"
# Routes, not secrets.
_TOKEN_PATH = "/v1/token"  # noqa: S105
_REFRESH_PATH = "/v1/refreshtoken"
_TOKEN_TIMEOUT_SECONDS = 30.0

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SeveraCredentials:
    """API client credentials created under Settings → Integrations → REST API in Severa."""

    client_id: str
    client_secret: str = field(repr=False)
    scope: str = DEFAULT_SCOPE


async def fetch_token(
    credentials: SeveraCredentials,
    base_url: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Clock = utc_now,
) -> OAuthTokens:
    """Get a client-credentials token; the CLI calls this to check credentials when connecting.

    Raises :class:`AuthError` (with the Swedish fix hint as message) when Severa refuses them.
    """
    return await _TokenEndpoint(credentials, base_url, transport, clock).client_credentials()


class SeveraAuth(httpx.Auth):
    """httpx auth for Severa: Bearer token plus ``Client_Id`` on every request."""

    requires_request_body = True  # the body is sent again after a 401

    def __init__(
        self,
        credentials: SeveraCredentials,
        token_store: TokenStore,
        base_url: str,
        *,
        token_transport: httpx.AsyncBaseTransport | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self._client_id = credentials.client_id
        self._store = token_store
        self._clock = clock
        self._endpoint = _TokenEndpoint(credentials, base_url, token_transport, clock)
        self._lock = asyncio.Lock()
        self._cached: tuple[OAuthTokens, float] | None = None  # tokens read, and when (time.monotonic)

    def __repr__(self) -> str:
        return f"SeveraAuth(client_id={self._client_id!r})"

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("SeveraAuth works with httpx.AsyncClient only")

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        tokens = await self._usable_tokens()
        self._authorize(request, tokens)
        response = yield request
        if response.status_code != 401:
            return
        # Severa may revoke a token before its expiry; renew once and resend. A second 401 is
        # returned as is and becomes an AuthError in the error map.
        tokens = await self._renew_rejected(tokens)
        self._authorize(request, tokens)
        yield request

    def _authorize(self, request: httpx.Request, tokens: OAuthTokens) -> None:
        request.headers["Authorization"] = f"Bearer {tokens.access_token}"
        request.headers[CLIENT_ID_HEADER] = self._client_id

    def _is_fresh(self, tokens: OAuthTokens | None) -> bool:
        return tokens is not None and not tokens.expires_within(REFRESH_MARGIN_SECONDS, now=self._clock())

    def _load(self) -> OAuthTokens | None:
        tokens = self._store.load()
        self._cached = (tokens, time.monotonic()) if tokens is not None else None
        return tokens

    async def _usable_tokens(self) -> OAuthTokens:
        cached = self._cached
        if cached is not None and time.monotonic() - cached[1] < TOKEN_REREAD_SECONDS:
            tokens: OAuthTokens | None = cached[0]
        else:
            tokens = self._load()
        if tokens is not None and self._is_fresh(tokens):
            return tokens
        async with self._lock:
            tokens = self._load()  # another request may have renewed while we waited
            if tokens is not None and self._is_fresh(tokens):
                return tokens
            return await self._renew(tokens)

    async def _renew_rejected(self, rejected: OAuthTokens) -> OAuthTokens:
        async with self._lock:
            current = self._load()
            if current is not None and current.access_token != rejected.access_token:
                return current  # renewed by another request since this one was sent
            return await self._renew(current)

    async def _renew(self, old: OAuthTokens | None) -> OAuthTokens:
        """Refresh when there is a refresh token, else (or when refused) log in again; then save."""
        new: OAuthTokens | None = None
        if old is not None and old.refresh_token:
            new = await self._endpoint.refresh(old.refresh_token)
            if new is not None and new.refresh_token is None:
                new = replace(new, refresh_token=old.refresh_token)
        if new is None:
            new = await self._endpoint.client_credentials()
        self._store.save(new)  # before use: a token that only lived in memory is lost on a crash
        self._cached = (new, time.monotonic())
        return new


class _TokenEndpoint:
    """The two token routes; their calls bypass the rate-limited API transport."""

    def __init__(
        self,
        credentials: SeveraCredentials,
        base_url: str,
        transport: httpx.AsyncBaseTransport | None,
        clock: Clock,
    ) -> None:
        self._credentials = credentials
        self._base_url = base_url.rstrip("/")
        self._transport = None if transport is None else _KeepOpen(transport)
        self._clock = clock

    async def client_credentials(self) -> OAuthTokens:
        body = {
            "client_id": self._credentials.client_id,
            "client_secret": self._credentials.client_secret,
            "scope": self._credentials.scope,
        }
        response = await self._post(_TOKEN_PATH, body)
        if not response.is_success:
            raise self._refused(response)
        return self._parse(response)

    async def refresh(self, refresh_token: str) -> OAuthTokens | None:
        """New tokens, or None when Severa refuses the refresh token (expired or revoked)."""
        response = await self._post(_REFRESH_PATH, refresh_token)
        if not response.is_success:
            self._refused(response)  # raises for 429 and 5xx: those are not a refusal
            return None
        return self._parse(response)

    async def _post(self, path: str, body: Any) -> httpx.Response:
        headers = {
            CLIENT_ID_HEADER: self._credentials.client_id,
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
        }
        async with httpx.AsyncClient(transport=self._transport, timeout=_TOKEN_TIMEOUT_SECONDS) as client:
            try:
                request = client.build_request(
                    "POST", self._base_url + path, content=jsonio.dumps(body), headers=headers
                )
            except httpx.InvalidURL as exc:
                raise address_error(SYSTEM, self._base_url) from exc
            try:
                return await client.send(request)
            except httpx.TransportError as exc:
                raise network_error(SYSTEM, request, exc, address=self._base_url + path) from exc

    def _refused(self, response: httpx.Response) -> AuthError:
        """The AuthError for a refused token call; re-raises 429 and 5xx as they are."""
        error = map_error(response.request, response)
        if isinstance(error, RateLimitedError | ServerError):
            raise error
        # Severa's own detail text is left out: only the fix matters, and it never shows the body.
        return AuthError(
            AUTH_REFUSED_MESSAGE,
            system=SYSTEM,
            method="POST",
            path=error.path,
            status=error.status,
            error_code=error.error_code,
        )

    def _parse(self, response: httpx.Response) -> OAuthTokens:
        body = jsonio.loads(response.content) if response.content.strip() else None
        if not isinstance(body, dict) or not _non_empty_text(body.get("access_token")):
            raise ServerError(
                "Visma PM svarade utan access_token",
                system=SYSTEM,
                method="POST",
                path=request_path(response.request),
                status=response.status_code,
            )
        refresh_token = body.get("refresh_token")
        return OAuthTokens(
            access_token=body["access_token"],
            refresh_token=refresh_token if _non_empty_text(refresh_token) else None,
            expires_at=self._expires_at(body),
        )

    def _expires_at(self, body: dict[str, Any]) -> datetime | None:
        seconds = body.get("access_token_expires_in")
        if isinstance(seconds, int | float) and not isinstance(seconds, bool):
            return self._clock() + timedelta(seconds=float(seconds))
        stamp = body.get("access_token_expires_utc")
        if isinstance(stamp, str):
            try:
                moment = datetime.fromisoformat(stamp)
            except ValueError:
                return None
            return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
        return None


def _non_empty_text(value: object) -> bool:
    return isinstance(value, str) and bool(value)


class _KeepOpen(httpx.AsyncBaseTransport):
    """Lends an injected transport to a short-lived client without letting the client close it."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        return None
