"""The chaos benchmark's world: both emulators (demo data) on loopback in this process, a tap in front of each that
sees every request arrive, and a brygga store in a temporary directory that ``python -m brygga`` subprocesses share.

The emulators live in the benchmark's own threads, so they outlive every brygga process that is killed. The tap
records what the servers saw (writes, token answers, every PM invoice status a PATCH left behind) and kills the
brygga process at armed moments: when a request arrives, after a write was applied but before its answer left, or
just after the answer left.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

from brygga.config import Settings
from brygga.connections import connect_eekonomi, connect_severa
from brygga.demo import DEMO_ORDERS
from brygga.orders.commands import orders_import_command
from brygga.store import open_store
from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as severa_emulator
from brygga_emulators.faults import ASGIApp, FaultConfig, Message, Receive, Scope, Send
from brygga_emulators.server import EmulatorServer

__all__ = ["DEMO_SETTINGS", "KillPoint", "KillSwitch", "Tap", "World", "open_world"]

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# The demo company's choices, as brygga demo makes them (rules S3, S4, S5).
DEMO_SETTINGS = {"project_cost_center": "Projekt", "default_article_number": "DIV", "supplier_costs": "billable"}
_PM_INVOICE = re.compile(r"^/v1/invoices/([0-9a-fA-F-]{36})$")


class _QuietDisconnects(logging.Filter):
    """A killed brygga process leaves requests whose body never came: the servers log those, and they are expected."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return type(exc).__name__ != "ClientDisconnect"


for _name in ("uvicorn.error", "brygga_emulators.eekonomi.app"):
    logging.getLogger(_name).addFilter(_QuietDisconnects())


@dataclass(frozen=True)
class KillPoint:
    """Kill the brygga process at the ``nth`` request to ``system`` matching ``method`` and ``prefix``.

    ``mode``: ``arrived`` (as the request arrives, before the server applies it), ``applied`` (the server applied
    it, the answer never leaves) or ``answered`` (``delay`` seconds after the answer left)."""

    phase: str
    system: str
    method: str
    prefix: str
    nth: int = 1
    mode: str = "applied"
    delay: float = 0.0

    def matches(self, system: str, method: str, path: str) -> bool:
        wanted = method in WRITES if self.method == "WRITE" else method == self.method
        return system == self.system and wanted and path.startswith(self.prefix)


@dataclass
class KillSwitch:
    """Shared by both taps: the brygga process to kill, what is armed, and what the servers saw."""

    pid: int | None = None
    points: list[KillPoint] = field(default_factory=list)
    at_request: dict[int, Callable[[], None]] = field(default_factory=dict)  # nth request of a run -> action
    requests: int = 0
    writes: Counter[str] = field(default_factory=Counter)  # this run's write arrivals per system
    token_denied: int = 0  # eEkonomi's 400 answers to token calls: brygga's refresh token was already spent
    killed: str | None = None  # the phase of the kill, once made
    first_request: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def arm(self, pid: int, points: list[KillPoint], at_request: dict[int, Callable[[], None]]) -> None:
        with self._lock:
            self.pid, self.points, self.at_request = pid, list(points), dict(at_request)
            self.requests, self.killed = 0, None
            self.writes = Counter()
            self.first_request.clear()

    def disarm(self) -> None:
        with self._lock:
            self.pid, self.points, self.at_request = None, [], {}

    def arrived(self, system: str, method: str, path: str) -> KillPoint | None:
        """Count one arrival; run what is due at it; return the kill point it reaches, if any."""
        action = None
        with self._lock:
            if self.pid is None:
                return None
            self.requests += 1
            self.first_request.set()
            if method in WRITES:
                self.writes[system] += 1
            action = self.at_request.pop(self.requests, None)
            reached = None
            for index, point in enumerate(self.points):
                if point.matches(system, method, path):
                    if point.nth <= 1:
                        reached = point
                        del self.points[index]
                    else:
                        self.points[index] = KillPoint(**{**point.__dict__, "nth": point.nth - 1})
                    break
        if action is not None:
            action()
        return reached

    def kill(self, phase: str) -> bool:
        """SIGKILL the armed process once; False when it had already gone or was already killed."""
        with self._lock:
            pid, self.pid = self.pid, None
            if pid is None:
                return False
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                return False
            self.killed = phase
            return True


class Tap:
    """ASGI middleware in front of one emulator (outside its fault middleware): sees every request as it arrives."""

    def __init__(self, app: ASGIApp, system: str, switch: KillSwitch, on_patch: Callable[[str], None]) -> None:
        self.app = app
        self.system = system
        self.switch = switch
        self.on_patch = on_patch  # PM: called with the invoice GUID after each PATCH /v1/invoices/{guid}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = str(scope["method"]).upper(), str(scope["path"])
        point = self.switch.arrived(self.system, method, path)
        if point is not None and point.mode == "arrived":
            self.switch.kill(point.phase)

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                if path == "/connect/token" and int(message["status"]) == 400:
                    self.switch.token_denied += 1
                if point is not None and point.mode == "applied":
                    self.switch.kill(point.phase)  # applied and committed; the answer never reaches brygga
            with contextlib.suppress(Exception):  # the client may be gone (killed): the server carries on
                await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            invoice = _PM_INVOICE.match(path) if method == "PATCH" else None
            if invoice is not None:
                self.on_patch(invoice.group(1))
        if point is not None and point.mode == "answered":
            await asyncio.sleep(point.delay)
            self.switch.kill(point.phase)


@dataclass
class World:
    """One pair of emulators and the store brygga processes share; ``env`` runs ``python -m brygga`` on it."""

    root: Path
    settings: Settings
    eek: Any  # brygga_emulators.eekonomi.Emulator
    pm: Any  # brygga_emulators.severa.Emulator
    eek_url: str
    pm_url: str
    switch: KillSwitch
    status_history: dict[str, list[str]] = field(default_factory=dict)  # PM invoice GUID -> statuses after PATCHes

    @property
    def db_file(self) -> Path:
        return Path(str(self.settings.db))

    def env(self) -> dict[str, str]:
        key = self.settings.secret_key.get_secret_value() if self.settings.secret_key else ""
        return {
            **os.environ,
            "BRYGGA_DB": str(self.settings.db),
            "BRYGGA_DATA_DIR": str(self.root),
            "BRYGGA_SECRET_KEY": key,
            "BRYGGA_LANG": "en",
        }

    def set_faults(self, config: FaultConfig) -> None:
        for emulator in (self.eek, self.pm):
            emulator.faults.config.latency_ms = config.latency_ms
            emulator.faults.config.fail_rate = config.fail_rate
            emulator.faults.config.drop_rate = config.drop_rate

    def reconnect_eekonomi(self) -> None:
        """What a person does when brygga says the eEkonomi connection has ended: connect again, in a calm moment
        (the injected faults are a test of brygga, not of the person's login), then the faults as they were."""
        current = self.eek.faults.config
        kept = FaultConfig(latency_ms=current.latency_ms, fail_rate=current.fail_rate, drop_rate=current.drop_rate)
        self.set_faults(FaultConfig())
        try:
            asyncio.run(_connect(self, eekonomi=True, severa=False))
        finally:
            self.set_faults(kept)


async def _connect(world: World, *, eekonomi: bool, severa: bool) -> None:
    store = open_store(world.settings)
    try:
        if eekonomi:
            await connect_eekonomi(
                store,
                world.settings,
                api_url=f"{world.eek_url}/v2",
                auth_url=world.eek_url,
                client_id=eek_emulator.DEMO_CLIENT_ID,
                client_secret=eek_emulator.DEMO_CLIENT_SECRET,
            )
        if severa:
            await connect_severa(
                store,
                api_url=world.pm_url,
                client_id=severa_emulator.DEMO_CLIENT_ID,
                client_secret=severa_emulator.DEMO_CLIENT_SECRET,
            )
            store.settings.set_many(DEMO_SETTINGS)
            orders_import_command(store, DEMO_ORDERS)  # the order system's file of the day: orders are included
    finally:
        store.db.dispose()


@contextmanager
def open_world(root: Path, seed: int) -> Iterator[World]:
    """Fresh demo emulators (eEkonomi at its 600/min limit), both connected, the demo settings and order file."""
    import random

    root.mkdir(parents=True, exist_ok=True)
    eek = eek_emulator.build_emulator("demo", config=FaultConfig(rate_limit_per_minute=600))
    pm = severa_emulator.build_emulator("demo")
    eek.faults.rng, pm.faults.rng = random.Random(seed), random.Random(seed + 1)
    switch = KillSwitch()
    history: dict[str, list[str]] = {}

    def record_status(guid: str) -> None:
        doc = pm.store.get("invoices", guid)
        if doc is not None:
            history.setdefault(guid, []).append(str((doc.get("status") or {}).get("guid")))

    servers = [
        EmulatorServer(Tap(eek.app, "eekonomi", switch, lambda guid: None)),
        EmulatorServer(Tap(pm.app, "severa", switch, record_status)),
    ]
    eek_url, pm_url = (server.start() for server in servers)
    try:
        settings = Settings(data_dir=root, db=str(root / "brygga.sqlite3"), secret_key=Fernet.generate_key().decode())
        world = World(root, settings, eek, pm, eek_url, pm_url, switch, history)
        asyncio.run(_connect(world, eekonomi=True, severa=True))
        yield world
    finally:
        switch.disarm()
        for server in servers:
            server.stop()
        eek.close()
