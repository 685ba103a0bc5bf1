"""Rule X4 on the pages: is the connected eEkonomi company still the one brygga's links belong to?

Asking costs one API call, so the answer is kept a minute and forgotten when a connection changes. A check
that cannot reach eEkonomi shows nothing: the next transfer stops with the reason anyway.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool

from brygga.company_guard import company_change_error, identity_of, linked_company
from brygga.config import Settings
from brygga.connections import eekonomi_client
from brygga.errors import BryggaError, ConfigError
from brygga.store import Store

__all__ = ["CompanyWatch"]

CACHE_SECONDS = 60.0


class CompanyWatch:
    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic) -> None:
        self._settings = settings
        self._clock = clock
        self._cached: tuple[float, ConfigError | None] | None = None

    def forget(self) -> None:
        self._cached = None

    async def warning(self, store: Store) -> ConfigError | None:
        """The X4 stop the next transfer would raise, or ``None``."""
        now = self._clock()
        if self._cached is not None and now - self._cached[0] < CACHE_SECONDS:
            return self._cached[1]
        warning = await self._check(store)
        self._cached = (now, warning)
        return warning

    async def _check(self, store: Store) -> ConfigError | None:
        linked = await run_in_threadpool(linked_company, store)
        connection = await run_in_threadpool(store.connections.get, "eekonomi")
        if linked is None or connection is None:
            return None
        try:
            async with eekonomi_client(store, self._settings) as client:
                company = await client.company_settings.get()
        except BryggaError:
            return None
        return company_change_error(linked, identity_of(company))
