"""Both emulators on loopback sockets, a fresh store, both connections made: the world a scenario runs in.

Every request brygga sends goes through a recording transport, so the contract plugin checks it and the
emulator's answer against the official specs when the session ends.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from cryptography.fernet import Fernet

from brygga.config import Settings
from brygga.connections import connect_eekonomi, connect_severa
from brygga.session import TransferSession, write_calls
from brygga.store import Store, open_store
from brygga.transfer.report import RunReport
from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as severa_emulator
from brygga_emulators.faults import FaultConfig
from brygga_emulators.server import EmulatorServer

Wrap = Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport]


class KeepOpen(httpx.AsyncBaseTransport):
    """Shares one transport between several clients; closing a client must not close it for the others."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        return None


class Hook(httpx.AsyncBaseTransport):
    """Calls ``before(request_number, request)`` before passing each request on (fault timing in tests)."""

    def __init__(self, inner: httpx.AsyncBaseTransport, before: Callable[[int, httpx.Request], None]) -> None:
        self.inner = inner
        self.before = before
        self.count = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.count += 1
        self.before(self.count, request)
        return await self.inner.handle_async_request(request)


@dataclass
class World:
    settings: Settings
    store: Store
    eek: Any  # brygga_emulators.eekonomi.Emulator
    pm: Any  # brygga_emulators.severa.Emulator
    eek_url: str
    pm_url: str
    wrap: Wrap
    sleeps: list[float] = field(default_factory=list)
    last_write_calls: int = 0

    def transport(self, hook: Callable[[int, httpx.Request], None] | None = None) -> httpx.AsyncBaseTransport:
        inner: httpx.AsyncBaseTransport = self.wrap(httpx.AsyncHTTPTransport())
        if hook is not None:
            inner = Hook(inner, hook)
        return KeepOpen(inner)

    async def fake_sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        await asyncio.sleep(0)

    def session(self, hook: Callable[[int, httpx.Request], None] | None = None) -> TransferSession:
        return TransferSession(self.store, self.settings, transport=self.transport(hook), sleep=self.fake_sleep)

    async def run(
        self, *categories: str, dry_run: bool = False, hook: Callable[[int, httpx.Request], None] | None = None
    ) -> RunReport:
        session = self.session(hook)
        try:
            report = await session.run(list(categories or ("customers",)), dry_run=dry_run)
            self.last_write_calls = write_calls(session.calls())
            return report
        finally:
            await session.aclose()

    async def with_session(self, action: Callable[[TransferSession], Awaitable[Any]]) -> Any:
        session = self.session()
        try:
            return await action(session)
        finally:
            await session.aclose()

    def set(self, key: str, value: str) -> None:
        self.store.settings.set_many({key: value})


def eek_customers(world: World) -> list[dict[str, Any]]:
    return [dict(doc) for doc in world.eek.store.customers.all()]


def pm_customers(world: World) -> list[dict[str, Any]]:
    return [dict(doc) for doc in world.pm.store.all("customers")]


async def build_world(
    tmp: Path,
    wrap: Wrap,
    register: Callable[[str, str], None],
    *,
    eek_data: str = "demo",
    pm_data: str = "demo",
    settings: Settings | None = None,
) -> tuple[World, list[EmulatorServer]]:
    """``settings`` names the store (tests/postgres/plugin.py: SQLite or PostgreSQL); default an SQLite file in
    ``tmp``."""
    eek = eek_emulator.build_emulator(eek_data, config=FaultConfig(rate_limit_per_minute=600))
    pm = severa_emulator.build_emulator(pm_data)
    servers = [EmulatorServer(eek.app), EmulatorServer(pm.app)]
    eek_url, pm_url = (server.start() for server in servers)
    register(eek_url, "eekonomi")
    register(pm_url, "severa")
    if settings is None:
        settings = Settings(data_dir=tmp, db=str(tmp / "brygga.sqlite3"), secret_key=Fernet.generate_key().decode())
    store = open_store(settings)
    world = World(settings, store, eek, pm, eek_url, pm_url, wrap)
    await connect_eekonomi(
        store,
        settings,
        api_url=f"{eek_url}/v2",
        auth_url=eek_url,
        client_id=eek_emulator.DEMO_CLIENT_ID,
        client_secret=eek_emulator.DEMO_CLIENT_SECRET,
        transport=world.transport(),
    )
    await connect_severa(
        store,
        api_url=pm_url,
        client_id=severa_emulator.DEMO_CLIENT_ID,
        client_secret=severa_emulator.DEMO_CLIENT_SECRET,
        transport=world.transport(),
    )
    return world, servers


@asynccontextmanager
async def served_world(
    tmp: Path, wrap: Wrap, register: Callable[[str, str], None], settings: Settings
) -> AsyncIterator[World]:
    """``build_world`` on ``settings`` for the length of the block; then the store closed and the emulators stopped."""
    built, servers = await build_world(tmp, wrap, register, settings=settings)
    try:
        yield built
    finally:
        built.store.db.dispose()
        for server in servers:
            server.stop()
