"""Fault injection shared by both emulators: latency, 5xx, 429 bursts, "apply then drop", token expiry.

Two kinds of control:
- rates from the command line (``--latency-ms``, ``--fail-rate``, ``--rate-limit``), and
- one-shot triggers that tests and the demo arm from Python (``drop_next``, ``stall_next``, ``fail_next``,
  ``rate_limit_next``, ``expire_tokens``), so a scenario can say exactly which write is lost.

"Drop" means the emulator applies the write and then breaks the connection after the status line:
the client sees a transport error and cannot know whether the write happened, which is the case
brygga's write protocol exists for. See :class:`DropResponseMiddleware`.
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["DropResponseMiddleware", "DroppedResponse", "FaultConfig", "Faults", "RateWindow"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass
class FaultConfig:
    latency_ms: int = 0
    fail_rate: float = 0.0
    drop_rate: float = 0.0
    rate_limit_per_minute: int | None = None
    send_retry_after_header: bool = False


@dataclass
class _Trigger:
    method: str
    path_prefix: str
    remaining: int
    status: int = 503

    def matches(self, method: str, path: str) -> bool:
        return self.remaining > 0 and method.upper() == self.method.upper() and path.startswith(self.path_prefix)


class RateWindow:
    """Sliding one-minute window per endpoint template, as eEkonomi counts its 600/min."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}

    def admit(self, key: str, limit: int) -> float | None:
        """Record a hit; return None when allowed, else the seconds until a slot frees up."""
        now = self._clock()
        hits = self._hits.setdefault(key, deque())
        while hits and now - hits[0] >= 60.0:
            hits.popleft()
        if len(hits) >= limit:
            return max(0.0, 60.0 - (now - hits[0]))
        hits.append(now)
        return None


@dataclass
class Faults:
    """Mutable fault state of one emulator instance; thread-safe for tests driving a server thread."""

    config: FaultConfig = field(default_factory=FaultConfig)
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    clock: Callable[[], float] = time.monotonic
    requests: Counter[str] = field(default_factory=Counter)
    token_generation: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._drops: list[_Trigger] = []
        self._fails: list[_Trigger] = []
        self._forced_429 = 0
        self._stalls: list[_Trigger] = []
        self.stall_seconds = 30.0
        self.stalled = threading.Event()
        self._window = RateWindow(self.clock)

    # one-shot triggers -------------------------------------------------------------------------
    def drop_next(self, method: str, path_prefix: str, count: int = 1) -> None:
        """Apply the next ``count`` matching writes, then break the connection instead of answering."""
        with self._lock:
            self._drops.append(_Trigger(method, path_prefix, count))

    def stall_next(self, method: str, path_prefix: str, seconds: float = 30.0) -> None:
        """Apply the next matching write, set ``stalled``, then hold the answer back for ``seconds``: the window
        in which a test kills the client process between the write and its commit."""
        with self._lock:
            self.stall_seconds = seconds
            self.stalled.clear()
            self._stalls.append(_Trigger(method, path_prefix, 1))

    def should_stall(self, method: str, path: str) -> bool:
        with self._lock:
            for trigger in self._stalls:
                if trigger.matches(method, path):
                    trigger.remaining -= 1
                    return True
        return False

    def fail_next(self, method: str, path_prefix: str, count: int = 1, status: int = 503) -> None:
        """Answer the next ``count`` matching requests with ``status`` without applying them."""
        with self._lock:
            self._fails.append(_Trigger(method, path_prefix, count, status))

    def rate_limit_next(self, count: int) -> None:
        """Answer the next ``count`` requests (any path) with 429."""
        with self._lock:
            self._forced_429 += count

    def expire_tokens(self) -> None:
        """Invalidate every access token issued so far (refresh tokens stay valid)."""
        with self._lock:
            self.token_generation += 1

    # decisions the apps ask for ------------------------------------------------------------------
    def record(self, method: str, template: str) -> None:
        with self._lock:
            self.requests[f"{method.upper()} {template}"] += 1

    def rate_limited(self, template: str) -> float | None:
        """Seconds to wait when this request is over the limit (or forced to 429), else None."""
        with self._lock:
            if self._forced_429 > 0:
                self._forced_429 -= 1
                return 1.0
            limit = self.config.rate_limit_per_minute
            if not limit:
                return None
            return self._window.admit(template, limit)

    def failure_status(self, method: str, path: str) -> int | None:
        with self._lock:
            for trigger in self._fails:
                if trigger.matches(method, path):
                    trigger.remaining -= 1
                    return trigger.status
            if self.config.fail_rate and self.rng.random() < self.config.fail_rate:
                return 503
        return None

    def should_drop(self, method: str, path: str) -> bool:
        if method.upper() not in WRITE_METHODS:
            return False
        with self._lock:
            for trigger in self._drops:
                if trigger.matches(method, path):
                    trigger.remaining -= 1
                    return True
            return bool(self.config.drop_rate) and self.rng.random() < self.config.drop_rate

    async def delay(self) -> None:
        if self.config.latency_ms > 0:
            await asyncio.sleep(self.config.latency_ms / 1000.0)


class DroppedResponse(Exception):
    """Raised after a write was applied to make the server close the connection mid-response."""


class _QuietDrops(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, DroppedResponse)


logging.getLogger("uvicorn.error").addFilter(_QuietDrops())


class DropResponseMiddleware:
    """Pure ASGI middleware: when ``faults.should_drop`` says so, the inner app runs (the write is
    applied and committed), its answer is swallowed, a status line promising a body is sent, and the
    connection is closed. Over a real socket the client gets a protocol/read error, never the body."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.faults.should_stall(scope["method"], scope["path"]):
            await self._stall(scope, receive, send)
            return
        if scope["type"] != "http" or not self.faults.should_drop(scope["method"], scope["path"]):
            await self.app(scope, receive, send)
            return

        async def swallow(message: Message) -> None:
            return None

        await self.app(scope, receive, swallow)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")],
            }
        )
        raise DroppedResponse(scope["path"])

    async def _stall(self, scope: Scope, receive: Receive, send: Send) -> None:
        held: list[Message] = []

        async def hold(message: Message) -> None:
            held.append(message)

        await self.app(scope, receive, hold)
        self.faults.stalled.set()
        await asyncio.sleep(self.faults.stall_seconds)
        for message in held:
            await send(message)
