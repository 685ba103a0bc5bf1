"""eEkonomi's calls a minute hold per company whichever worker calls (issue 14, "rate limits across workers").

Two clients of one company, each with its own store engine and its own in-memory limiter and blocks (as two
worker processes), run one after the other against the emulator with a limit of 5 calls a minute per endpoint.
The first gets the 429 and stops right there (its run ends, or its process dies, while it waits); the second must
not call that endpoint before the block the first one recorded in the store is over. One fake clock drives the
emulator's one-minute window, both clients' waits and their wall clock, so the minute passes without waiting it.
Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from brygga.config import Settings
from brygga.eekonomi import EEkonomiAuth, EEkonomiClient, EEkonomiOAuthConfig, connect_unattended
from brygga.errors import RateLimitedError
from brygga.store import Store, open_store
from brygga.store.rate_blocks import RateBlockStore
from brygga.transfer.options import TransferOptions
from brygga_emulators.eekonomi import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, build_emulator
from brygga_emulators.faults import FaultConfig

pytestmark = pytest.mark.both_databases

BASE = "http://eek.test"
LIMIT = 5


class Stopped(Exception):
    """The first worker's run ends while it waits out the 429 (the lease handed over, or the process died)."""


@dataclass
class FakeTime:
    start: datetime = field(default_factory=lambda: datetime.now(UTC))
    elapsed: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.elapsed)

    def seconds(self) -> float:
        return self.elapsed

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.elapsed += max(seconds, 0.0)

    async def stop_on_long_waits(self, seconds: float) -> None:
        if seconds > 5:
            raise Stopped
        await self.sleep(seconds)


@dataclass
class Answer:
    at: float
    worker: str
    path: str
    status: int


class Recording(httpx.AsyncBaseTransport):
    """The emulator over ASGI, every answer noted with the fake time and the worker that called."""

    def __init__(self, inner: httpx.AsyncBaseTransport, time: FakeTime, answers: list[Answer], worker: str) -> None:
        self._inner, self._time, self._answers, self._worker = inner, time, answers, worker

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        self._answers.append(Answer(self._time.seconds(), self._worker, request.url.path, response.status_code))
        return response


@dataclass
class World:
    settings: Settings
    time: FakeTime
    asgi: httpx.ASGITransport
    config: EEkonomiOAuthConfig
    answers: list[Answer] = field(default_factory=list)
    stores: list[Store] = field(default_factory=list)

    def worker(self, name: str, *, shared_blocks: bool = True, stop_on_429: bool = False) -> EEkonomiClient:
        store = open_store(self.settings)  # an engine of its own, as another process has
        self.stores.append(store)
        blocks = RateBlockStore(store.db, store.tenant, "eekonomi", clock=self.time.now) if shared_blocks else None
        transport = Recording(self.asgi, self.time, self.answers, name)
        auth = EEkonomiAuth(self.config, store.connections.token_store("eekonomi"), token_transport=self.asgi)
        return EEkonomiClient(
            BASE + "/v2",
            auth,
            transport=transport,
            requests_per_minute=6000,  # the emulator's limit binds, not the client's
            sleep=self.time.stop_on_long_waits if stop_on_429 else self.time.sleep,
            rate_blocks=blocks,
            clock=self.time.now,
        )


@pytest.fixture
async def world(database_settings: Settings) -> AsyncIterator[World]:
    time = FakeTime()
    emulator = build_emulator("demo", config=FaultConfig(rate_limit_per_minute=LIMIT), rate_clock=time.seconds)
    asgi = httpx.ASGITransport(app=emulator.app)
    config = EEkonomiOAuthConfig(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, auth_url=BASE)
    store = open_store(database_settings)
    store.connections.save(
        "eekonomi", api_url=BASE + "/v2", auth_url=BASE, client_id=DEMO_CLIENT_ID, client_secret=DEMO_CLIENT_SECRET
    )
    tokens = await connect_unattended(config, "http://localhost:8765/callback", transport=asgi)
    store.connections.token_store("eekonomi").save(tokens)
    built = World(database_settings, time, asgi, config, stores=[store])
    yield built
    for opened in built.stores:
        opened.db.dispose()


async def first_worker_hits_the_limit(world: World) -> Answer:
    first = world.worker("first", stop_on_429=True)
    with pytest.raises(Stopped):
        for _ in range(LIMIT + 1):
            await first.company_settings.get()
    await first.aclose()
    refused = [answer for answer in world.answers if answer.status == 429]
    assert len(refused) == 1 and refused[0].worker == "first"
    return refused[0]


async def test_a_429_one_worker_got_holds_the_next_worker_back_until_the_block_is_over(world: World) -> None:
    refused = await first_worker_hits_the_limit(world)
    blocked_until = world.stores[0].connections.rate_blocks("eekonomi").load()["/companysettings"]
    block_seconds = (blocked_until - world.time.start).total_seconds() - refused.at
    assert 55 <= block_seconds <= 62  # "Try again in 60 seconds", plus up to a second of jitter

    second = world.worker("second")
    for _ in range(3):
        await second.company_settings.get()
    await second.aclose()

    later = [answer for answer in world.answers if answer.worker == "second"]
    assert [answer.status for answer in later] == [200, 200, 200]  # no second 429
    assert all(answer.at >= refused.at + block_seconds for answer in later)  # no call during the recorded block
    assert world.time.sleeps and world.time.sleeps[0] == pytest.approx(block_seconds, abs=0.01)


async def test_without_the_shared_record_the_next_worker_would_call_into_the_block(world: World) -> None:
    """The case the record exists for: a worker with a fresh limiter and no record calls at once and is refused."""
    refused = await first_worker_hits_the_limit(world)
    second = world.worker("second", shared_blocks=False, stop_on_429=True)
    with pytest.raises((Stopped, RateLimitedError)):
        await second.company_settings.get()
    await second.aclose()
    assert [(a.worker, a.status) for a in world.answers if a.at >= refused.at][-1] == ("second", 429)


def test_the_block_record_keeps_the_later_block_drops_those_over_and_is_no_setting(database_settings: Settings) -> None:
    store = open_store(database_settings)
    try:
        time = FakeTime()
        record = RateBlockStore(store.db, store.tenant, "eekonomi", clock=time.now)
        record.block("/customers", time.now() + timedelta(seconds=30))
        record.block("/customers", time.now() + timedelta(seconds=10))  # an earlier end does not shorten it
        record.block("/articles", time.now() + timedelta(seconds=5))
        time.elapsed = 20
        assert record.load() == {"/customers": time.start + timedelta(seconds=30)}  # /articles is over
        assert TransferOptions.check(store.settings.all()) == []  # a reserved key, not an unknown setting
    finally:
        store.db.dispose()
