"""How long to wait before sending a request again.

Jitter is one small function on purpose: tests pass ``no_jitter`` to pin every wait, and
production spreads parallel workers so they do not all come back in the same instant.
"""

from __future__ import annotations

import random

__all__ = ["MAX_BACKOFF_SECONDS", "backoff_seconds", "default_jitter", "no_jitter"]

MAX_BACKOFF_SECONDS = 30.0
_FIRST_BACKOFF_SECONDS = 0.5
_MAX_JITTER_SECONDS = 1.0


def default_jitter(base: float) -> float:
    """Extra seconds on top of a wait of ``base``: up to a quarter of it, never more than one second."""
    return random.uniform(0.0, min(_MAX_JITTER_SECONDS, base / 4))


def no_jitter(base: float) -> float:
    """Jitter for tests: every wait is exactly its base."""
    return 0.0


def backoff_seconds(attempt: int) -> float:
    """Exponential base wait after failed attempt number ``attempt`` (1-based): 0.5, 1, 2, 4 … capped."""
    return min(MAX_BACKOFF_SECONDS, _FIRST_BACKOFF_SECONDS * 2.0 ** (attempt - 1))
