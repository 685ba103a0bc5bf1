"""A 429's "not before this moment", kept for every process that calls the same endpoint of the same company.

eEkonomi counts 600 calls a minute per client and endpoint whichever process makes them. A run of a company holds
the company's lease, so only one process calls for it at a time; but a run that ends (or is taken over) right
after a 429 would leave the next process, with a fresh limiter, to call straight into the same block and get a
second 429. So a 429 is written down as "this endpoint is blocked until T" in the store (:class:`RateBlocks`,
``brygga.store.rate_blocks``), and every transport reads the company's blocks once, before its first call, and
waits out a block on an endpoint before calling it. Reading once per client (one client per run) and again with
each 429 keeps it off the hot path: no database read per call.

The hand-over burst needs nothing: see :data:`BURST_ARGUMENT`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

__all__ = ["BURST_ARGUMENT", "MAX_BLOCK_SECONDS", "RateBlockBook", "RateBlocks", "utc_now"]

MAX_BLOCK_SECONDS = 120.0
"""A stored block never holds a call back longer than this (eEkonomi's window is one minute): a wrong clock or a
damaged record must not stop a company's transfers."""

BURST_ARGUMENT = """
Why the hand-over between processes needs no shared limiter (figures for the default 540 calls a minute, 90 % of
eEkonomi's 600): the limiter is a bucket of about one second of calls, 9, refilled at 9 a second. A process sends at
most 9 + 9·t calls to one endpoint in any t seconds; in one sliding minute that is 549. Runs of a company never
overlap (the lease), so when a run hands over to a process with a full bucket, the minute holds at most 549 + 9 =
558 calls, and k hand-overs within one minute at most 540 + 9·(k + 1): over 600 only from k = 6, six runs of one
company starting within one minute that each call the same endpoint flat out. Schedules run a company every few
minutes at the most, each hand-over also costs the time to take the lease and start (no calls then), and if it
happened anyway eEkonomi's 429 is waited out here and written down for the next process.
"""


def utc_now() -> datetime:
    return datetime.now(UTC)


class RateBlocks(Protocol):
    """The company's blocked endpoints as the store keeps them (template -> until, in UTC)."""

    def load(self) -> dict[str, datetime]: ...

    def block(self, template: str, until: datetime) -> dict[str, datetime]:
        """Record that ``template`` is blocked until ``until``; returns every block now recorded."""
        ...


class RateBlockBook:
    """One transport's view of the blocks: read from ``shared`` before the first call, written on each 429."""

    def __init__(
        self,
        shared: RateBlocks | None,
        *,
        clock: Callable[[], datetime] = utc_now,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._shared = shared
        self._clock = clock
        self._sleep = sleep
        self._until: dict[str, datetime] = {}
        self._loaded = shared is None
        self._loading: asyncio.Lock | None = None

    async def wait(self, template: str, waited_until: datetime | None = None) -> None:
        """Wait until ``template`` is no longer blocked; a block this caller already slept out (``waited_until``
        and earlier) is not waited for twice."""
        await self._load_once()
        until = self._until.get(template)
        if until is None or (waited_until is not None and until <= waited_until):
            return
        seconds = min((until - self._clock()).total_seconds(), MAX_BLOCK_SECONDS)
        if seconds > 0:
            await self._sleep(seconds)

    async def record(self, template: str, seconds: float) -> tuple[datetime, float]:
        """A 429 asked for ``seconds``: block ``template`` that long here and in the store. Returns the end of the
        block and how long to sleep: ``seconds``, or longer when a later block of the endpoint was known."""
        now = self._clock()
        self._merge({template: now + timedelta(seconds=seconds)})
        if self._shared is not None:
            self._merge(await asyncio.to_thread(self._shared.block, template, self._until[template]))
        until = self._until[template]
        return until, max(seconds, min((until - now).total_seconds(), MAX_BLOCK_SECONDS))

    def blocked_until(self, template: str) -> datetime | None:
        return self._until.get(template)

    async def _load_once(self) -> None:
        if self._loaded or self._shared is None:
            return
        if self._loading is None:
            self._loading = asyncio.Lock()
        async with self._loading:
            if not self._loaded:
                self._merge(await asyncio.to_thread(self._shared.load))
                self._loaded = True

    def _merge(self, blocks: dict[str, datetime]) -> None:
        for template, until in blocks.items():
            known = self._until.get(template)
            if known is None or until > known:
                self._until[template] = until
