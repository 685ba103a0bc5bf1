"""OAuth2 for eEkonomi: connecting a company, and the bearer auth every API call goes through.

:class:`EEkonomiAuth` refreshes the access token before it expires (within 60 s) and once more
when the API answers 401 anyway. Refreshes are serialised per connection, in this process and, through the
token store's refresh lock, across processes (``brygga.tokens``, ``brygga.store.token_lock``), because eEk
may rotate the refresh token: two parallel refreshes with the same refresh token would kill the connection.
The new tokens are saved (committed) before the new access token is used, so a crash cannot lose them.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from dataclasses import replace
from datetime import datetime
from typing import NoReturn
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
from brygga.http.backoff import backoff_seconds
from brygga.http.transport import address_error, network_error
from brygga.tokens import OAuthTokens, TokenStore

__all__ = [
    "BROWSER_TIMEOUT_SECONDS",
    "DEFAULT_SCOPES",
    "EEKONOMI_SERVICE_ACR",
    "PROBE_TIMEOUT_SECONDS",
    "RECONNECT_MESSAGE",
    "REFRESH_MARGIN_SECONDS",
    "EEkonomiAuth",
    "EEkonomiOAuthConfig",
    "LoginRequired",
    "authorize_url",
    "connect_unattended",
    "connect_with_browser",
    "exchange_code",
    "refresh_tokens",
]

REFRESH_MARGIN_SECONDS = 60.0
BROWSER_TIMEOUT_SECONDS = 300.0
# Tokens read from the store are reused this long before the store is read again: reading (and decrypting) them
# for every call was 5 % of a transfer's CPU. A refresh elsewhere is still seen: by a 401, which re-reads the store,
# or within these seconds, and the old access token stays valid until it expires anyway.
TOKEN_REREAD_SECONDS = 5.0
PROBE_TIMEOUT_SECONDS = 10.0  # the first request to --auth-url: a wrong address is said in seconds
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
        self._cached: tuple[OAuthTokens, float] | None = None

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
        tokens = await self._refresh_unless_replaced(tokens.access_token, rejected=True)
        request.headers["Authorization"] = f"Bearer {tokens.access_token}"
        yield request

    async def _current_tokens(self) -> OAuthTokens:
        cached = self._cached
        if cached is not None and time.monotonic() - cached[1] < TOKEN_REREAD_SECONDS:
            tokens = cached[0]
        else:
            tokens = self._load()
        if not tokens.expires_within(REFRESH_MARGIN_SECONDS, self._clock()):
            return tokens
        return await self._refresh_unless_replaced(tokens.access_token, rejected=False)

    def _replaced(self, tokens: OAuthTokens, seen_access_token: str, *, rejected: bool) -> bool:
        """Another request (here or in another process) refreshed since this one saw ``seen_access_token``."""
        if tokens.access_token != seen_access_token:
            return True
        return not rejected and not tokens.expires_within(REFRESH_MARGIN_SECONDS, self._clock())

    async def _refresh_unless_replaced(self, seen_access_token: str, *, rejected: bool) -> OAuthTokens:
        """Refresh once for every request that saw ``seen_access_token`` expiring (or ``rejected`` with a 401).

        In this process the requests queue on ``_lock``; across processes on the store's refresh lock, under
        which the tokens are read again: a process that waited there finds the new tokens and uses them.
        """
        async with self._lock:
            tokens = self._load()
            if self._replaced(tokens, seen_access_token, rejected=rejected):
                return tokens
            async with self._store.refreshing() as locked:
                tokens = await locked.load() or _raise(self._reconnect_error())
                if self._replaced(tokens, seen_access_token, rejected=rejected):
                    return tokens
                try:
                    fresh = await self._refresh(tokens)
                except AuthError as exc:
                    if exc.error_code != "invalid_grant":
                        raise
                    refused = exc
                else:
                    await locked.save(fresh)  # committed before anyone uses the new access token
                    self.refreshes += 1
                    self._cached = (fresh, time.monotonic())
                    return fresh
            return self._after_refused_grant(tokens, refused)

    def _after_refused_grant(self, used: OAuthTokens, refused: AuthError) -> OAuthTokens:
        """The refresh token was spent already: by whom? A process that refreshed without the lock (an older
        brygga, a reconnect) has stored new tokens by now; read the store once more before giving up."""
        current = self._store.load()
        if current is not None and current.refresh_token and current.refresh_token != used.refresh_token:
            return current
        raise refused

    async def _refresh(self, tokens: OAuthTokens) -> OAuthTokens:
        if not tokens.refresh_token:
            raise self._reconnect_error()
        fresh = await refresh_tokens(
            self._config, tokens.refresh_token, transport=self._token_transport, clock=self._clock
        )
        if fresh.refresh_token is None:
            # Non-rotating clients may omit it; the old one stays valid then.
            fresh = replace(fresh, refresh_token=tokens.refresh_token)
        return fresh

    def _load(self) -> OAuthTokens:
        tokens = self._store.load()
        if tokens is None:
            self._cached = None
            raise self._reconnect_error()
        self._cached = (tokens, time.monotonic())
        return tokens

    @staticmethod
    def _reconnect_error() -> AuthError:
        return AuthError(RECONNECT_MESSAGE, system="eekonomi", method="POST", path="/connect/token")


def _raise(error: Exception) -> NoReturn:
    raise error


def _code_from_redirect(response: httpx.Response, redirect_uri: str, state: str) -> str | None:
    location = response.headers.get("Location", "")
    if not response.is_redirect or not location.startswith(redirect_uri):
        return None
    query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
    if query.get("state") != state:
        return None
    return query.get("code")


class LoginRequired(ConfigError):
    """The identity server wants a person to log in: the one answer that sends ``brygga connect`` to the browser."""


# Answers of the authorize endpoint that mean "a person has to log in", as opposed to a wrong address or client.
_LOGIN_ERRORS = frozenset(
    {"login_required", "interaction_required", "consent_required", "account_selection_required", "access_denied"}
)


def _login_required() -> LoginRequired:
    return LoginRequired(
        "Visma eEkonomi kräver att du loggar in i webbläsaren för att ansluta.",
        hint=_BROWSER_HINT,
        message_en="Visma eEkonomi wants you to log in in the browser to connect.",
        hint_en="Connect in the browser instead: brygga connect eekonomi",
    )


def _not_a_login(auth_url: str, status: int) -> ConfigError:
    """The address answered, but not as an identity server: a wrong --auth-url (or client) is said at once."""
    if status == 400:
        return ConfigError(
            f"Visma eEkonomis inloggning på {auth_url} nekade anslutningen (HTTP 400).",
            hint="Kontrollera --client-id och att redirect URI:n är registrerad hos Visma för klienten.",
            message_en=f"Visma eEkonomi's login at {auth_url} refused the connection (HTTP 400).",
            hint_en="Check --client-id and that the redirect URI is registered with Visma for the client.",
        )
    return ConfigError(
        f"{auth_url} svarar inte som Visma eEkonomis inloggning (HTTP {status}).",
        hint="Kontrollera --auth-url, t.ex. https://identity.vismaonline.com.",
        message_en=f"{auth_url} does not answer as Visma eEkonomi's login (HTTP {status}).",
        hint_en="Check --auth-url, e.g. https://identity.vismaonline.com.",
    )


async def connect_unattended(
    config: EEkonomiOAuthConfig,
    redirect_uri: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    timeout: float = PROBE_TIMEOUT_SECONDS,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> OAuthTokens:
    """Connect without a browser, where the identity server approves at once (the emulator does).

    This one request is also the check of ``--auth-url``: an address that cannot be reached or that answers
    like no identity server fails here in seconds (:class:`ConfigError`). Only a login page, a redirect
    elsewhere or a "login needed" answer raises :class:`LoginRequired`, the caller's cue to use the browser.
    """
    state = secrets.token_urlsafe(24)
    url = authorize_url(config, redirect_uri, state)
    async with httpx.AsyncClient(transport=transport, follow_redirects=False, timeout=timeout) as client:
        try:
            response = await _get_retrying_5xx(client, url, sleep)
        except httpx.InvalidURL as exc:
            raise address_error("eekonomi", config.auth_url) from exc
        except httpx.TransportError as exc:
            error = network_error("eekonomi", httpx.Request("GET", config.auth_url), exc)
            raise ConfigError(
                error.message, hint=error.hint, message_en=error.message_en, hint_en=error.hint_en
            ) from exc
    if response.status_code >= 400:
        raise _not_a_login(config.auth_url, response.status_code)
    location = response.headers.get("Location", "")
    if response.is_redirect and location.startswith(redirect_uri):
        query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
        if "error" in query and query["error"] not in _LOGIN_ERRORS:
            raise ConfigError(
                f"Visma eEkonomi godkände inte anslutningen ({query['error']}).",
                hint="Kontrollera klient-id, klienthemlighet och behörigheter hos Visma.",
                message_en=f"Visma eEkonomi did not approve the connection ({query['error']}).",
                hint_en="Check the client id, the client secret and the scopes with Visma.",
            )
    code = _code_from_redirect(response, redirect_uri, state)
    if code is None:
        raise _login_required()
    return await exchange_code(config, code, redirect_uri, transport=transport)


_TRANSIENT = frozenset({502, 503, 504})
_PROBE_ATTEMPTS = 3


async def _get_retrying_5xx(
    client: httpx.AsyncClient, url: str, sleep: Callable[[float], Awaitable[None]]
) -> httpx.Response:
    """A GET, tried again after a passing 502/503/504 like every GET brygga sends (0.5 s, then 1 s); a refused
    connection or a wrong address is not passing and is said at once by the caller."""
    response = await client.get(url)
    for attempt in range(1, _PROBE_ATTEMPTS):
        if response.status_code not in _TRANSIENT:
            break
        await sleep(backoff_seconds(attempt))
        response = await client.get(url)
    return response


async def _listen(port: int, state: str) -> CallbackListener:
    listener = CallbackListener(port, expected_state=state)
    try:
        await listener.start()
    except OSError as exc:
        raise ConfigError(
            f"Port {port} på den här datorn är upptagen, så inloggningens svar kan inte tas emot där.",
            hint=f"Välj en annan port med --port (och registrera http://localhost:PORT/callback hos Visma), "
            f"eller avsluta programmet som använder port {port}.",
            message_en=f"Port {port} on this computer is busy, so the login's answer cannot be received there.",
            hint_en=f"Choose another port with --port (and register http://localhost:PORT/callback with Visma), "
            f"or stop the program that uses port {port}.",
        ) from exc
    return listener


async def connect_with_browser(
    config: EEkonomiOAuthConfig,
    *,
    port: int,
    open_browser: Callable[[str], object],
    transport: httpx.AsyncBaseTransport | None = None,
    timeout: float = BROWSER_TIMEOUT_SECONDS,
    announce: Callable[[str, int], None] | None = None,
) -> OAuthTokens:
    """Open the login page in the user's browser and catch the redirect on ``localhost:port``.

    ``announce(url, port)`` runs first, once the port is open: the CLI prints the URL there, so that a login
    over SSH (no browser on this machine) can be opened elsewhere. ``open_browser`` runs in a worker thread:
    ``webbrowser.open`` may block, and a test's fake browser makes real HTTP calls to the listener that this
    event loop must keep serving.
    """
    redirect_uri = f"http://localhost:{port}/callback"
    state = secrets.token_urlsafe(24)
    listener = await _listen(port, state)
    url = authorize_url(config, redirect_uri, state)
    try:
        if announce is not None:
            announce(url, port)
        await asyncio.to_thread(open_browser, url)
        query = await listener.wait(timeout)
    except TimeoutError as exc:
        raise ConfigError(
            "Ingen inloggning mot Visma eEkonomi inom 5 minuter.",
            hint="Försök igen: brygga connect eekonomi",
            message_en="No login to Visma eEkonomi within 5 minutes.",
            hint_en="Try again: brygga connect eekonomi",
        ) from exc
    finally:
        await listener.close()
    return await exchange_code(config, _checked_code(query, state), redirect_uri, transport=transport)


def _checked_code(query: dict[str, str], state: str) -> str:
    if query.get("state") != state:
        raise ConfigError(
            "Svaret från Visma eEkonomis inloggning hörde inte till denna anslutning.",
            message_en="The answer from Visma eEkonomi's login did not belong to this connection.",
        )
    if "error" in query or not query.get("code"):
        reason = query.get("error", "ingen kod")
        raise ConfigError(
            f"Visma eEkonomi godkände inte anslutningen ({reason}).",
            hint="Försök igen: brygga connect eekonomi",
            message_en=f"Visma eEkonomi did not approve the connection ({query.get('error', 'no code')}).",
            hint_en="Try again: brygga connect eekonomi",
        )
    return query["code"]
