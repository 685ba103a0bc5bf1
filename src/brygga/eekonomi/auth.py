"""OAuth2 for eEkonomi: connecting a company, and the bearer auth every API call goes through.

:class:`EEkonomiAuth` refreshes the access token before it expires (within 60 s) and once more
when the API answers 401 anyway. Refreshes are serialised per connection, because eEk may rotate
the refresh token: two parallel refreshes with the same refresh token would kill the connection.
The new tokens are saved before the new access token is used, so a crash cannot lose them.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncGenerator, Callable, Generator
from dataclasses import replace
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import httpx

from brygga.eekonomi.callback import CallbackListener
from brygga.eekonomi.oauth import (
    DEFAULT_SCOPES,
    EEKONOMI_SERVICE_ACR,
    RECONNECT_MESSAGE,
    EEkonomiOAuthConfig,
    authorize_url,
    exchange_code,
    refresh_tokens,
    utc_now,
)
from brygga.errors import AuthError, ConfigError
from brygga.tokens import OAuthTokens, TokenStore

__all__ = [
    "BROWSER_TIMEOUT_SECONDS",
    "DEFAULT_SCOPES",
    "EEKONOMI_SERVICE_ACR",
    "RECONNECT_MESSAGE",
    "REFRESH_MARGIN_SECONDS",
    "EEkonomiAuth",
    "EEkonomiOAuthConfig",
    "authorize_url",
    "connect_unattended",
    "connect_with_browser",
    "exchange_code",
    "refresh_tokens",
]

REFRESH_MARGIN_SECONDS = 60.0
BROWSER_TIMEOUT_SECONDS = 300.0
_BROWSER_HINT = "Anslut i webbläsaren i stället: brygga connect eekonomi"


class EEkonomiAuth(httpx.Auth):
    """Bearer auth for one eEkonomi connection, backed by a :class:`TokenStore`."""

    def __init__(
        self,
        config: EEkonomiOAuthConfig,
        token_store: TokenStore,
        *,
        token_transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._config = config
        self._store = token_store
        self._token_transport = token_transport
        self._clock = clock
        self._lock = asyncio.Lock()
        self.refreshes = 0

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("EEkonomiAuth refreshes tokens asynchronously; use an httpx.AsyncClient")
        yield request  # pragma: no cover - makes this a generator, as httpx expects

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        tokens = await self._current_tokens()
        request.headers["Authorization"] = f"Bearer {tokens.access_token}"
        response = yield request
        if response.status_code != 401:
            return
        # The token was revoked or expired early: refresh once and resend; a second 401 stands.
        tokens = await self._refresh_unless_replaced(tokens.access_token)
        request.headers["Authorization"] = f"Bearer {tokens.access_token}"
        yield request

    async def _current_tokens(self) -> OAuthTokens:
        tokens = self._load()
        if not tokens.expires_within(REFRESH_MARGIN_SECONDS, self._clock()):
            return tokens
        async with self._lock:
            # Another request may have refreshed while this one waited for the lock.
            tokens = self._load()
            if tokens.expires_within(REFRESH_MARGIN_SECONDS, self._clock()):
                tokens = await self._refresh(tokens)
            return tokens

    async def _refresh_unless_replaced(self, rejected_access_token: str) -> OAuthTokens:
        async with self._lock:
            tokens = self._load()
            if tokens.access_token != rejected_access_token:
                return tokens
            return await self._refresh(tokens)

    async def _refresh(self, tokens: OAuthTokens) -> OAuthTokens:
        if not tokens.refresh_token:
            raise self._reconnect_error()
        fresh = await refresh_tokens(
            self._config, tokens.refresh_token, transport=self._token_transport, clock=self._clock
        )
        if fresh.refresh_token is None:
            # Non-rotating clients may omit it; the old one stays valid then.
            fresh = replace(fresh, refresh_token=tokens.refresh_token)
        self._store.save(fresh)
        self.refreshes += 1
        return fresh

    def _load(self) -> OAuthTokens:
        tokens = self._store.load()
        if tokens is None:
            raise self._reconnect_error()
        return tokens

    @staticmethod
    def _reconnect_error() -> AuthError:
        return AuthError(RECONNECT_MESSAGE, system="eekonomi", method="POST", path="/connect/token")


def _code_from_redirect(response: httpx.Response, redirect_uri: str, state: str) -> str | None:
    location = response.headers.get("Location", "")
    if not response.is_redirect or not location.startswith(redirect_uri):
        return None
    query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
    if query.get("state") != state:
        return None
    return query.get("code")


async def connect_unattended(
    config: EEkonomiOAuthConfig,
    redirect_uri: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> OAuthTokens:
    """Connect without a browser, where the identity server approves at once (the emulator does).

    Visma's real server always wants a login page, so there this raises ConfigError with the hint
    to use the browser flow.
    """
    state = secrets.token_urlsafe(24)
    url = authorize_url(config, redirect_uri, state)
    async with httpx.AsyncClient(transport=transport, follow_redirects=False, timeout=30.0) as client:
        try:
            response = await client.get(url)
        except httpx.TransportError as exc:
            raise ConfigError(
                f"Kunde inte nå Visma eEkonomis inloggning ({config.auth_url}).", hint=_BROWSER_HINT
            ) from exc
    code = _code_from_redirect(response, redirect_uri, state)
    if code is None:
        raise ConfigError("Visma eEkonomi kräver att du loggar in i webbläsaren för att ansluta.", hint=_BROWSER_HINT)
    return await exchange_code(config, code, redirect_uri, transport=transport)


async def connect_with_browser(
    config: EEkonomiOAuthConfig,
    *,
    port: int,
    open_browser: Callable[[str], object],
    transport: httpx.AsyncBaseTransport | None = None,
    timeout: float = BROWSER_TIMEOUT_SECONDS,
) -> OAuthTokens:
    """Open the login page in the user's browser and catch the redirect on ``localhost:port``.

    ``open_browser`` runs in a worker thread: ``webbrowser.open`` may block, and a test's fake
    browser makes real HTTP calls to the listener that this event loop must keep serving.
    """
    redirect_uri = f"http://localhost:{port}/callback"
    state = secrets.token_urlsafe(24)
    listener = CallbackListener(port, expected_state=state)
    await listener.start()
    try:
        await asyncio.to_thread(open_browser, authorize_url(config, redirect_uri, state))
        query = await listener.wait(timeout)
    except TimeoutError as exc:
        raise ConfigError(
            "Ingen inloggning mot Visma eEkonomi inom 5 minuter.", hint="Försök igen: brygga connect eekonomi"
        ) from exc
    finally:
        await listener.close()
    return await exchange_code(config, _checked_code(query, state), redirect_uri, transport=transport)


def _checked_code(query: dict[str, str], state: str) -> str:
    if query.get("state") != state:
        raise ConfigError("Svaret från Visma eEkonomis inloggning hörde inte till denna anslutning.")
    if "error" in query or not query.get("code"):
        reason = query.get("error", "ingen kod")
        raise ConfigError(f"Visma eEkonomi godkände inte anslutningen ({reason}).", hint=_BROWSER_HINT)
    return query["code"]
