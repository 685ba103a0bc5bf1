"""Slows down password guessing: after a few wrong passwords from one address, logins from it wait a while.

Argon2 already makes each guess cost; this caps how many guesses an address gets at all. The counts live in
memory: a restart forgets them, which costs an attacker a restart of someone else's server.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

__all__ = ["LoginThrottle"]


class LoginThrottle:
    def __init__(
        self,
        max_failures: int = 5,
        window_seconds: float = 900.0,
        lockout_seconds: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max = max_failures
        self._window = window_seconds
        self._lockout = lockout_seconds
        self._clock = clock
        self._failures: dict[str, list[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait_minutes(self, address: str) -> int:
        """Whole minutes (at least 1) this address must wait before trying again; 0 when it may try now."""
        with self._lock:
            remaining = self._locked_until.get(address, 0.0) - self._clock()
        return max(1, math.ceil(remaining / 60)) if remaining > 0 else 0

    def failed(self, address: str) -> None:
        now = self._clock()
        with self._lock:
            recent = [t for t in self._failures.get(address, []) if now - t < self._window] + [now]
            if len(recent) >= self._max:
                self._locked_until[address] = now + self._lockout
                recent = []
            self._failures[address] = recent

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._failures.pop(address, None)
            self._locked_until.pop(address, None)
