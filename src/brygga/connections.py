"""Building API clients from the store's connections, and making those connections (``brygga connect``)."""

from __future__ import annotations

import asyncio
import webbrowser
from collections.abc import Awaitable, Callable

import httpx

from brygga.config import Settings
from brygga.eekonomi import EEkonomiAuth, EEkonomiClient, EEkonomiOAuthConfig, connect_unattended, connect_with_browser
from brygga.errors import ConfigError
from brygga.severa.auth import SeveraAuth, SeveraCredentials, fetch_token
from brygga.severa.client import SeveraClient
from brygga.store import Store

Sleep = Callable[[float], Awaitable[None]]

__all__ = ["connect_eekonomi", "connect_severa", "eekonomi_client", "severa_client"]

EEK_API = "https://eaccountingapi.vismaonline.com/v2"
EEK_AUTH = "https://identity.vismaonline.com"
SEVERA_API = "https://api.severa.visma.com/rest-api"


def eekonomi_client(
    store: Store, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None, sleep: Sleep = asyncio.sleep
) -> EEkonomiClient:
    info = store.connections.get("eekonomi")
    if info is None or info.client_secret is None:
        raise ConfigError(
            "Visma eEkonomi är inte ansluten.",
            hint="Anslut med: brygga connect eekonomi --api-url URL --auth-url URL",
        )
    config = EEkonomiOAuthConfig(info.client_id, info.client_secret, info.auth_url or EEK_AUTH)
    auth = EEkonomiAuth(config, store.connections.token_store("eekonomi"), token_transport=transport)
    return EEkonomiClient(
        info.api_url,
        auth,
        transport=transport,
        requests_per_minute=settings.eek_requests_per_minute,
        timeout=settings.http_timeout,
        sleep=sleep,
    )


def severa_client(
    store: Store, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None, sleep: Sleep = asyncio.sleep
) -> SeveraClient:
    info = store.connections.get("severa")
    if info is None or info.client_secret is None:
        raise ConfigError(
            "Visma PM är inte ansluten.",
            hint="Anslut med: brygga connect severa --api-url URL --client-id ID --client-secret HEMLIGHET",
        )
    credentials = SeveraCredentials(info.client_id, info.client_secret)
    auth = SeveraAuth(credentials, store.connections.token_store("severa"), info.api_url, token_transport=transport)
    return SeveraClient(
        info.api_url,
        auth,
        transport=transport,
        requests_per_minute=settings.severa_requests_per_minute,
        timeout=settings.http_timeout,
        sleep=sleep,
    )


async def connect_eekonomi(
    store: Store,
    settings: Settings,
    *,
    api_url: str,
    auth_url: str,
    client_id: str,
    client_secret: str,
    port: int = 8765,
    transport: httpx.AsyncBaseTransport | None = None,
) -> str:
    """Authorize (unattended where the server allows it, else in the browser), store the tokens encrypted,
    and return the connected company's name (rule X4 remembers which company it was)."""
    config = EEkonomiOAuthConfig(client_id, client_secret, auth_url)
    try:
        tokens = await connect_unattended(config, f"http://localhost:{port}/callback", transport=transport)
    except ConfigError:
        tokens = await connect_with_browser(config, port=port, open_browser=webbrowser.open, transport=transport)
    store.connections.save(
        "eekonomi",
        api_url=api_url.rstrip("/"),
        auth_url=auth_url.rstrip("/"),
        client_id=client_id,
        client_secret=client_secret,
    )
    store.connections.token_store("eekonomi").save(tokens)
    async with eekonomi_client(store, settings, transport=transport) as client:
        company = await client.company_settings.get()
    company_id = company.company_identifier or company.corporate_identity_number
    store.connections.set_company("eekonomi", company.name, company_id)
    return f"{company.name} ({company.corporate_identity_number or '-'})"


async def connect_severa(
    store: Store,
    *,
    api_url: str,
    client_id: str,
    client_secret: str,
    transport: httpx.AsyncBaseTransport | None = None,
) -> None:
    """Check the client credentials with a token call, then store them and the token encrypted."""
    tokens = await fetch_token(SeveraCredentials(client_id, client_secret), api_url.rstrip("/"), transport=transport)
    store.connections.save(
        "severa", api_url=api_url.rstrip("/"), auth_url=None, client_id=client_id, client_secret=client_secret
    )
    store.connections.token_store("severa").save(tokens)
