"""A 429's wait shared with the company's other processes (brygga.http.blocks) through the transport."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from brygga.errors import RateLimitedError
from brygga.http import ApiTransport, no_jitter

from .fakes import RecordingSleep, ScriptedApi, simple_mapper

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
OK = httpx.Response(200, json={"ok": True})


class SharedBlocks:
    """The store's record of blocks, in memory, counting how often it is read and written."""

    def __init__(self, **blocks: float) -> None:
        self.blocks = {f"/{name}": NOW + timedelta(seconds=seconds) for name, seconds in blocks.items()}
        self.loads = 0
        self.writes: list[tuple[str, datetime]] = []

    def load(self) -> dict[str, datetime]:
        self.loads += 1
        return dict(self.blocks)

    def block(self, template: str, until: datetime) -> dict[str, datetime]:
        self.writes.append((template, until))
        self.blocks[template] = max(until, self.blocks.get(template, until))
        return dict(self.blocks)


def transport(api: ScriptedApi, sleep: RecordingSleep, shared: SharedBlocks, **options: int) -> ApiTransport:
    return ApiTransport(
        system="test",
        base_url="https://api.example.test/v2",
        error_mapper=simple_mapper,
        transport=api.transport(),
        requests_per_minute=6000.0,
        sleep=sleep,
        jitter=no_jitter,
        rate_blocks=shared,
        clock=lambda: NOW,
        **options,
    )


async def test_blocks_are_read_once_per_client_not_per_call() -> None:
    shared = SharedBlocks()
    api_transport = transport(ScriptedApi(OK), RecordingSleep(), shared)
    for _ in range(5):
        await api_transport.request("GET", "/customers")
    await api_transport.request("GET", "/articles")
    assert shared.loads == 1
    await api_transport.aclose()


async def test_a_block_another_process_recorded_is_waited_out_before_calling_that_endpoint() -> None:
    shared = SharedBlocks(customers=42)
    api, sleep = ScriptedApi(OK), RecordingSleep()
    api_transport = transport(api, sleep, shared)
    await api_transport.request("GET", "/articles")  # another endpoint: its own budget, no wait
    assert sleep.waits == []
    await api_transport.request("GET", "/customers")
    assert sleep.waits == [42.0]
    assert len(api.requests) == 2
    await api_transport.aclose()


async def test_a_block_over_or_absurdly_long_does_not_stop_the_company() -> None:
    shared = SharedBlocks(customers=-5, articles=3600)
    sleep = RecordingSleep()
    api_transport = transport(ScriptedApi(OK), sleep, shared)
    await api_transport.request("GET", "/customers")
    await api_transport.request("GET", "/articles")
    assert sleep.waits == [120.0]  # MAX_BLOCK_SECONDS: eEkonomi's window is one minute
    await api_transport.aclose()


async def test_a_429_is_recorded_for_the_next_process_even_when_this_one_gives_up() -> None:
    shared = SharedBlocks()
    api = ScriptedApi(httpx.Response(429, headers={"Retry-After": "7"}))
    api_transport = transport(api, RecordingSleep(), shared, max_rate_limit_waits=0)
    try:
        await api_transport.request("GET", "/customers")
    except RateLimitedError:
        pass
    else:
        raise AssertionError("the 429 should have been raised")
    assert shared.writes == [("/customers", NOW + timedelta(seconds=7))]
    assert shared.loads == 1
    await api_transport.aclose()


async def test_a_request_after_a_429_waits_for_the_block_without_calling_into_it() -> None:
    shared = SharedBlocks()
    api, sleep = ScriptedApi(httpx.Response(429, headers={"Retry-After": "7"}), OK), RecordingSleep()
    api_transport = transport(api, sleep, shared)
    await api_transport.request("GET", "/customers")  # 429, waits 7 s, sent again: 200
    assert sleep.waits == [7.0]  # the block it waited out itself is not waited for twice
    await api_transport.request("GET", "/customers")  # the clock stands still: the block still holds
    assert sleep.waits == [7.0, 7.0]
    assert len(api.requests) == 3
    await api_transport.aclose()


async def test_a_later_block_from_another_process_lengthens_the_wait_after_a_429() -> None:
    shared = SharedBlocks()
    api, sleep = ScriptedApi(OK), RecordingSleep()
    api_transport = transport(api, sleep, shared)
    await api_transport.request("GET", "/articles")  # the record is read here: nothing blocked
    shared.blocks["/customers"] = NOW + timedelta(seconds=30)  # then another process records a longer block
    api.script = [httpx.Response(429, headers={"Retry-After": "7"}), OK]
    api.requests.clear()
    await api_transport.request("GET", "/customers")
    assert sleep.waits == [30.0]
    assert shared.loads == 1
    await api_transport.aclose()
