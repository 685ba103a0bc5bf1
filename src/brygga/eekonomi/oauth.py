"""Visma Online identity server: the authorize URL and the token endpoint (code and refresh grants).

Only the authorization-code flow exists for eEkonomi (eaccounting-api.md §3): the client
authenticates to ``/connect/token`` with HTTP Basic and a form-encoded body; an access token lives
60 minutes and refresh tokens may rotate, so every token answer is kept whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from brygga.errors import AuthError, ServerError
from brygga.http.transport import address_error, network_error
from brygga.tokens import OAuthTokens

__all__ = [
    "DEFAULT_SCOPES",
    "EEKONOMI_SERVICE_ACR",
    "RECONNECT_MESSAGE",
    "EEkonomiOAuthConfig",
    "authorize_url",
    "exchange_code",
    "refresh_tokens",
    "utc_now",
]

DEFAULT_SCOPES = ("ea:api", "offline_access", "ea:sales", "ea:purchase", "ea:accounting")
# Limits the company picker to companies that have eAccounting (Visma's documented acr value).
EEKONOMI_SERVICE_ACR = "service:44643EB1-3F76-4C1C-A672-402AE8085934"
RECONNECT_MESSAGE = "Anslutningen till Visma eEkonomi har upphört. Anslut igen med: brygga connect eekonomi"

_TOKEN_PATH = "/connect/token"  # noqa: S105 - a URL path, not a secret
_SYSTEM = "eekonomi"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class EEkonomiOAuthConfig:
    client_id: str
    client_secret: str = field(repr=False)
    auth_url: str = "https://identity.vismaonline.com"
    scopes: tuple[str, ...] = DEFAULT_SCOPES

    @property
    def token_url(self) -> str:
        return self.auth_url.rstrip("/") + _TOKEN_PATH


def authorize_url(config: EEkonomiOAuthConfig, redirect_uri: str, state: str) -> str:
    """The URL the user opens to pick a company and approve brygga."""
    query = urlencode(
        {
            "client_id": config.client_id,
            "redirect_uri": redirect_uri,
            "scope": " ".join(config.scopes),
            "state": state,
            "response_type": "code",
            "prompt": "select_account",
            "acr_values": EEKONOMI_SERVICE_ACR,
        },
        quote_via=quote,
    )
    return f"{config.auth_url.rstrip('/')}/connect/authorize?{query}"


def _tokens_from(payload: Any, now: datetime) -> OAuthTokens:
    if not isinstance(payload, dict) or not payload.get("access_token"):
        raise ValueError("token answer without access_token")
    expires_in = payload.get("expires_in")
    expires_at = now + timedelta(seconds=float(expires_in)) if expires_in is not None else None
    return OAuthTokens(
        access_token=str(payload["access_token"]),
        refresh_token=payload.get("refresh_token"),
        expires_at=expires_at,
    )


def _token_error(response: httpx.Response) -> Exception:
    # The identity server's {"error": "invalid_grant"} is safe to show; the request's form is not.
    try:
        reason = str(json.loads(response.content).get("error", ""))
    except (ValueError, AttributeError):
        reason = ""
    context: dict[str, Any] = {"system": _SYSTEM, "method": "POST", "path": _TOKEN_PATH}
    if response.status_code >= 500:
        return ServerError(f"Visma Online identity server failed (HTTP {response.status_code})", **context)
    detail = f" ({reason})" if reason else ""
    return AuthError(f"{RECONNECT_MESSAGE}{detail}", status=response.status_code, error_code=reason, **context)


async def _post_token(
    config: EEkonomiOAuthConfig,
    form: dict[str, str],
    transport: httpx.AsyncBaseTransport | None,
    clock: Callable[[], datetime],
) -> OAuthTokens:
    auth = httpx.BasicAuth(config.client_id, config.client_secret)
    async with httpx.AsyncClient(transport=transport, timeout=30.0) as client:
        try:
            response = await client.post(config.token_url, data=form, auth=auth)
        except httpx.InvalidURL as exc:
            raise address_error(_SYSTEM, config.auth_url) from exc
        except httpx.TransportError as exc:
            raise network_error(_SYSTEM, httpx.Request("POST", config.token_url), exc) from exc
    if not response.is_success:
        raise _token_error(response)
    try:
        return _tokens_from(json.loads(response.content), clock())
    except ValueError as exc:
        raise AuthError(RECONNECT_MESSAGE, system=_SYSTEM, method="POST", path=_TOKEN_PATH) from exc


async def exchange_code(
    config: EEkonomiOAuthConfig,
    code: str,
    redirect_uri: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> OAuthTokens:
    """Trade a one-time authorization code (valid 5 minutes) for tokens."""
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    return await _post_token(config, form, transport, clock)


async def refresh_tokens(
    config: EEkonomiOAuthConfig,
    refresh_token: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> OAuthTokens:
    """New tokens for a refresh token; the old refresh token may be dead afterwards (rotation)."""
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    return await _post_token(config, form, transport, clock)
