"""Seeding 100,000 objects allocates millions of dicts; Python's cyclic garbage collector would walk the growing
heap again and again while they are made (about a fifth of the seeding time), and never find garbage in them."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block (reference counting still frees what is dropped)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
