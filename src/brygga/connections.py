"""Building API clients from the store's connections, and making those connections (``brygga connect``)."""

from __future__ import annotations

import asyncio
import ipaddress
import webbrowser
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from brygga.company_guard import (
    CompanyIdentity,
    company_change_error,
    company_taken_error,
    identity_of,
    linked_company,
    remember_company,
)
from brygga.config import Settings
from brygga.eekonomi import EEkonomiAuth, EEkonomiClient, EEkonomiOAuthConfig, connect_unattended, connect_with_browser
from brygga.eekonomi.auth import LoginRequired
from brygga.errors import ConfigError
from brygga.severa.auth import SeveraAuth, SeveraCredentials, fetch_token
from brygga.severa.client import SeveraClient
from brygga.store import Store
from brygga.tokens import OAuthTokens

Sleep = Callable[[float], Awaitable[None]]

__all__ = [
    "ConnectedCompany",
    "connect_eekonomi",
    "connect_severa",
    "eekonomi_client",
    "is_loopback",
    "loopback_demo_client",
    "save_eekonomi_connection",
    "severa_client",
]

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
            message_en="Visma eEkonomi is not connected.",
            hint_en="Connect with: brygga connect eekonomi --api-url URL --auth-url URL",
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
        rate_blocks=store.connections.rate_blocks("eekonomi"),  # a 429 holds for every process of the company
    )


def severa_client(
    store: Store, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None, sleep: Sleep = asyncio.sleep
) -> SeveraClient:
    info = store.connections.get("severa")
    if info is None or info.client_secret is None:
        raise ConfigError(
            "Visma PM är inte ansluten.",
            hint="Anslut med: brygga connect severa --api-url URL --client-id ID --client-secret HEMLIGHET",
            message_en="Visma PM is not connected.",
            hint_en="Connect with: brygga connect severa --api-url URL --client-id ID --client-secret SECRET",
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


@dataclass(frozen=True)
class ConnectedCompany:
    """The company an eEkonomi connection reached; ``linked`` is set when brygga's links belong to another (X4)."""

    current: CompanyIdentity | None
    name: str
    linked: CompanyIdentity | None = None

    def describe(self) -> str:
        return self.current.describe() if self.current else self.name

    @property
    def changed(self) -> bool:
        return self.linked is not None


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
    announce: Callable[[str, int], None] | None = None,
    open_browser: Callable[[str], object] = webbrowser.open,
) -> str:
    """Authorize (unattended where the server allows it, else in the browser), store the tokens encrypted,
    and describe the connected company; a company other than the linked one is refused at once (rule X4).

    The first request to ``auth_url`` decides: unreachable or not an identity server fails at once; only a
    "login needed" answer opens the browser, after ``announce(url, port)`` has told the user where to log in.
    """
    config = EEkonomiOAuthConfig(client_id, client_secret, auth_url)
    try:
        tokens = await connect_unattended(config, f"http://localhost:{port}/callback", transport=transport)
    except LoginRequired:
        tokens = await connect_with_browser(
            config, port=port, open_browser=open_browser, transport=transport, announce=announce
        )
    connected = await save_eekonomi_connection(
        store, settings, api_url=api_url, config=config, tokens=tokens, transport=transport
    )
    change = company_change_error(connected.linked, connected.current)
    if change is not None:
        raise change
    return connected.describe()


async def save_eekonomi_connection(
    store: Store,
    settings: Settings,
    *,
    api_url: str,
    config: EEkonomiOAuthConfig,
    tokens: OAuthTokens,
    transport: httpx.AsyncBaseTransport | None = None,
) -> ConnectedCompany:
    """Store the connection and its tokens (encrypted), read which company they reach and remember it.

    The connection is kept even when the company is not the linked one: the page and every run then say so
    (X4), and connecting again with the right company mends it.
    """
    store.connections.save(
        "eekonomi",
        api_url=api_url.rstrip("/"),
        auth_url=config.auth_url.rstrip("/"),
        client_id=config.client_id,
        client_secret=config.client_secret,
    )
    store.connections.token_store("eekonomi").save(tokens)
    async with eekonomi_client(store, settings, transport=transport) as client:
        company = await client.company_settings.get()
    current = identity_of(company)
    taken = company_taken_error(store, current)
    if taken is not None:  # X4 across companies: the connection is not kept
        store.connections.delete("eekonomi")
        raise taken
    store.connections.set_company(
        "eekonomi", company.name, current.company_id if current else None, company.corporate_identity_number
    )
    linked = linked_company(store)
    if current is not None and (linked is None or linked.company_id == current.company_id):
        remember_company(store, current)
        linked = None
    return ConnectedCompany(current, company.name or "", linked if current is not None else None)


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address: this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def loopback_demo_client(auth_url: str) -> tuple[str, str] | None:
    """The eEkonomi emulator's public demo client, when the identity server is on this machine (an emulator);
    ``None`` for anything else, where the client registered with Visma is needed."""
    if not is_loopback(urlsplit(auth_url).hostname or ""):
        return None
    from brygga_emulators.eekonomi import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

    return DEMO_CLIENT_ID, DEMO_CLIENT_SECRET


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
