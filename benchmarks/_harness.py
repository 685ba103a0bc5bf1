"""The benchmark bench: both emulators on loopback ports, a throwaway store, both connections made, and a
measured transfer run whose cost is read from both ends (brygga's own call counters and what the servers saw).

Nothing here asserts: the figures are printed by the benchmark scripts and judged by a person.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from cryptography.fernet import Fernet

from brygga.config import Settings
from brygga.connections import connect_eekonomi, connect_severa
from brygga.session import WRITE_METHODS, TransferSession
from brygga.store import Store, open_store
from brygga.transfer.outcome import Outcome
from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as severa_emulator
from brygga_emulators.faults import ASGIApp, FaultConfig, Faults, Message, Receive, Scope, Send
from brygga_emulators.server import EmulatorServer

__all__ = ["SYSTEMS", "Bench", "BenchConfig", "RunFigures", "SetupFigures", "open_bench"]

SYSTEMS = ("eekonomi", "severa")
# The emulators' request counters key token calls like any other request; these are the identity routes.
TOKEN_ENDPOINTS = frozenset({"POST /connect/token", "POST /v1/token", "POST /v1/refreshtoken"})
# The setup session's client limit: high enough never to wait, so the untimed setup takes what the CPU needs.
UNLIMITED_PER_MINUTE = 1_000_000.0


class StatusCounter:
    """ASGI middleware counting answers by status, so 429s and errors show up in the figures."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.statuses: Counter[int] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def counting(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.statuses[int(message["status"])] += 1
            await send(message)

        await self.app(scope, receive, counting)


@dataclass(frozen=True)
class BenchConfig:
    pm_bulk: int  # N of the Severa data set ``bulk:N``: N customers, N products, N//2 projects
    latency_ms: int = 0
    eek_rate_limit: int | None = 600  # the real API's documented 600/min per endpoint; None: unlimited
    concurrency: int = 8
    category: str = "customers"  # the one transfer category each measured run runs
    store_settings: tuple[tuple[str, str], ...] = ()  # brygga settings made before the first run
    # Categories transferred untimed before the measured runs (the invoices need customers, articles, projects).
    setup_categories: tuple[str, ...] = ()

    @property
    def customers(self) -> int:
        """The customer benchmark's N: ``bulk:N`` holds exactly that many PM customers."""
        return self.pm_bulk


@dataclass(frozen=True)
class SystemFigures:
    """One system's share of one run, as brygga counted it (client) and as the emulator saw it (server)."""

    client_calls: Mapping[str, int]
    server_requests: Mapping[str, int]
    statuses: Mapping[int, int]

    @property
    def api_calls(self) -> int:
        return sum(self.client_calls.values())

    @property
    def write_calls(self) -> int:
        return sum(n for key, n in self.client_calls.items() if key.split(" ", 1)[0] in WRITE_METHODS)

    @property
    def token_calls(self) -> int:
        return sum(n for key, n in self.server_requests.items() if key in TOKEN_ENDPOINTS)

    @property
    def rate_limited(self) -> int:
        return self.statuses.get(429, 0)


@dataclass(frozen=True)
class RunFigures:
    succeeded: int
    failed: int
    skipped: int
    wall_seconds: Decimal
    systems: Mapping[str, SystemFigures]
    first_errors: list[str] = field(default_factory=list)

    @property
    def api_calls(self) -> int:
        return sum(s.api_calls for s in self.systems.values())

    @property
    def write_calls(self) -> int:
        return sum(s.write_calls for s in self.systems.values())

    @property
    def token_calls(self) -> int:
        return sum(s.token_calls for s in self.systems.values())


def _delta(after: Mapping[str, int], before: Mapping[str, int]) -> dict[str, int]:
    return {key: n - before.get(key, 0) for key, n in after.items() if n != before.get(key, 0)}


def _status_delta(after: Counter[int], before: Counter[int]) -> dict[int, int]:
    return {status: n - before.get(status, 0) for status, n in after.items() if n != before.get(status, 0)}


@dataclass
class _Side:
    """One running emulator as the bench sees it: its request counter and its status counter."""

    faults: Faults
    statuses: StatusCounter

    def snapshot(self) -> tuple[Counter[str], Counter[int]]:
        return Counter(self.faults.requests), Counter(self.statuses.statuses)


@dataclass(frozen=True)
class SetupFigures:
    """The untimed setup run before the measured ones: what each of its categories did, so a setup that left
    objects out (and so makes the measured run smaller or fail) shows up next to the figures."""

    outcomes: Mapping[str, tuple[int, int, int]]  # category: (succeeded, failed, skipped)
    wall_seconds: Decimal
    first_errors: list[str]


class Bench:
    def __init__(
        self,
        session: TransferSession,
        sides: Mapping[str, _Side],
        category: str = "customers",
        setup: SetupFigures | None = None,
    ) -> None:
        self.session = session
        self.sides = sides
        self.category = category
        self.setup = setup
        # Made while connecting, before any run: the runs themselves reuse the stored tokens.
        self.setup_token_calls = {
            name: sum(n for key, n in side.faults.requests.items() if key in TOKEN_ENDPOINTS)
            for name, side in sides.items()
        }

    @property
    def concurrency(self) -> int:
        return self.session.settings.concurrency

    @property
    def eek_requests_per_minute(self) -> float:
        return self.session.settings.eek_requests_per_minute

    def _client_calls(self) -> dict[str, Counter[str]]:
        return {"eekonomi": self.session.eek.calls_by_endpoint, "severa": self.session.pm.calls_by_endpoint}

    async def measure(self) -> RunFigures:
        """One transfer of the bench's category; every count is the difference across this run only."""
        clients_before = self._client_calls()
        servers_before = {name: side.snapshot() for name, side in self.sides.items()}
        started = time.perf_counter()
        report = await self.session.run([self.category])
        wall = Decimal(str(round(time.perf_counter() - started, 3)))
        clients_after = self._client_calls()
        systems = {}
        for name, side in self.sides.items():
            requests_after, statuses_after = side.snapshot()
            requests_before, statuses_before = servers_before[name]
            systems[name] = SystemFigures(
                _delta(clients_after[name], clients_before[name]),
                _delta(requests_after, requests_before),
                _status_delta(statuses_after, statuses_before),
            )
        category = report.categories[self.category]
        return RunFigures(
            category.count(Outcome.SUCCEEDED),
            category.count(Outcome.FAILED),
            category.count(Outcome.SKIPPED),
            wall,
            systems,
            [f"{o.key}: {o.message}" for o in category.failed[:3]],
        )


def _settings(root: Path, concurrency: int) -> Settings:
    return Settings(
        data_dir=root,
        db=str(root / "bench.sqlite3"),
        secret_key=Fernet.generate_key().decode(),
        concurrency=concurrency,
    )


@asynccontextmanager
async def open_bench(config: BenchConfig) -> AsyncIterator[Bench]:
    """PM holds ``bulk:N`` (customers, products, projects), eEkonomi is an empty company with its reference data;
    both connected to a fresh store that holds the config's settings."""
    latency = config.latency_ms
    eek = eek_emulator.build_emulator(
        "empty", config=FaultConfig(latency_ms=latency, rate_limit_per_minute=config.eek_rate_limit)
    )
    pm = severa_emulator.build_emulator(f"bulk:{config.pm_bulk}", config=FaultConfig(latency_ms=latency))
    eek_counter, pm_counter = StatusCounter(eek.app), StatusCounter(pm.app)
    sides = {"eekonomi": _Side(eek.faults, eek_counter), "severa": _Side(pm.faults, pm_counter)}
    try:
        with (
            tempfile.TemporaryDirectory(prefix="brygga-bench-") as tmp,
            EmulatorServer(eek_counter) as eek_server,
            EmulatorServer(pm_counter) as pm_server,
        ):
            settings = _settings(Path(tmp), config.concurrency)
            store = open_store(settings)
            try:
                await _connect(store, settings, eek_server.base_url, pm_server.base_url)
                if config.store_settings:
                    store.settings.set_many(dict(config.store_settings))
                setup = None
                if config.setup_categories:
                    setup = await _run_setup(store, settings, config.setup_categories, [eek.faults, pm.faults])
                session = TransferSession(store, settings)
                try:
                    yield Bench(session, sides, config.category, setup)
                finally:
                    await session.aclose()
            finally:
                store.db.dispose()  # before the temporary directory goes
    finally:
        eek.close()  # only once its server has stopped


async def _connect(store: Store, settings: Settings, eek_url: str, pm_url: str) -> None:
    await connect_eekonomi(
        store,
        settings,
        api_url=f"{eek_url}/v2",
        auth_url=eek_url,
        client_id=eek_emulator.DEMO_CLIENT_ID,
        client_secret=eek_emulator.DEMO_CLIENT_SECRET,
    )
    await connect_severa(
        store,
        api_url=pm_url,
        client_id=severa_emulator.DEMO_CLIENT_ID,
        client_secret=severa_emulator.DEMO_CLIENT_SECRET,
    )


async def _run_setup(
    store: Store, settings: Settings, categories: Sequence[str], faults: Sequence[Faults]
) -> SetupFigures:
    """Transfers ``categories`` with no latency and no rate limit on either side, in a session of its own.

    Setup is not measured, and at the real limits 2000 customers, 2000 articles and 1000 projects take over nine
    minutes before every measured run. The measured session starts afterwards with fresh clients (fresh limiters);
    the eEkonomi emulator's sliding window saw none of the setup's requests, since it counts only while limited.
    """
    saved = [replace(fault.config) for fault in faults]
    for fault in faults:
        fault.config.latency_ms = 0
        fault.config.rate_limit_per_minute = None
    unlimited = settings.model_copy(
        update={"eek_requests_per_minute": UNLIMITED_PER_MINUTE, "severa_requests_per_minute": UNLIMITED_PER_MINUTE}
    )
    session = TransferSession(store, unlimited)
    started = time.perf_counter()
    try:
        report = await session.run(list(categories))
    finally:
        await session.aclose()
        for fault, config in zip(faults, saved, strict=True):
            fault.config.latency_ms = config.latency_ms
            fault.config.rate_limit_per_minute = config.rate_limit_per_minute
    wall = Decimal(str(round(time.perf_counter() - started, 3)))
    outcomes = {
        name: (c.count(Outcome.SUCCEEDED), c.count(Outcome.FAILED), c.count(Outcome.SKIPPED))
        for name, c in report.categories.items()
    }
    errors = [f"{o.category} {o.key}: {o.message}" for c in report.categories.values() for o in c.failed[:3]]
    return SetupFigures(outcomes, wall, errors)
