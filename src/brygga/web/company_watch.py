"""Rule X4 on the pages: is the connected eEkonomi company still the one brygga's links belong to?

Asking costs one API call, so the answer is kept a minute per company and forgotten when a connection changes. A
check that cannot reach eEkonomi shows nothing: the next transfer stops with the reason anyway. Another brygga
company linked to the same eEkonomi company is said too (rule X4 across companies).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool

from brygga.company_guard import company_change_error, company_taken_error, identity_of, linked_company
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
        self._cached: dict[str, tuple[float, ConfigError | None]] = {}

    def forget(self, company: str | None = None) -> None:
        """Forget ``company``'s answer (all when ``None``): its connection changed."""
        if company is None:
            self._cached.clear()
        else:
            self._cached.pop(company, None)

    async def warning(self, store: Store) -> ConfigError | None:
        """The X4 stop the next transfer would raise, or ``None``."""
        now = self._clock()
        cached = self._cached.get(store.tenant)
        if cached is not None and now - cached[0] < CACHE_SECONDS:
            return cached[1]
        warning = await self._check(store)
        self._cached[store.tenant] = (now, warning)
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
        current = identity_of(company)
        return company_change_error(linked, current) or await run_in_threadpool(company_taken_error, store, current)
