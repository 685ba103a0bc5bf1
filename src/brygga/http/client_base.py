"""What both API clients share around their :class:`ApiTransport`: call counters and closing."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime
from types import TracebackType
from typing import ClassVar, Self

import httpx

from brygga.http.blocks import RateBlocks, utc_now
from brygga.http.transport import ApiTransport, ErrorMapper

__all__ = ["ApiClient"]


class ApiClient:
    """Base of ``EEkonomiClient`` and ``SeveraClient``: one transport, its counters, async context use.

    A subclass names its system, error map and default rate, and registers its services in ``_add_services``.
    """

    SYSTEM: ClassVar[str]
    DEFAULT_REQUESTS_PER_MINUTE: ClassVar[float]

    def __init__(
        self,
        base_url: str,
        auth: httpx.Auth,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        requests_per_minute: float | None = None,
        timeout: float = 30.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rate_blocks: RateBlocks | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        """``rate_blocks``: where 429 waits are shared with the company's other processes (``brygga.http.blocks``);
        ``clock`` the wall clock those waits are measured by."""
        self._api = ApiTransport(
            system=self.SYSTEM,
            base_url=base_url,
            error_mapper=self._error_mapper(),
            auth=auth,
            transport=transport,
            requests_per_minute=requests_per_minute or self.DEFAULT_REQUESTS_PER_MINUTE,
            timeout=timeout,
            sleep=sleep,
            rate_blocks=rate_blocks,
            clock=clock,
        )
        self._add_services()

    def _error_mapper(self) -> ErrorMapper:
        raise NotImplementedError

    def _add_services(self) -> None:
        raise NotImplementedError

    @property
    def api_calls(self) -> int:
        """HTTP requests sent to the API, retries included (token calls are not counted)."""
        return self._api.api_calls

    @property
    def calls_by_endpoint(self) -> Counter[str]:
        """Requests sent per ``"METHOD /template"``."""
        return self._api.calls_by_endpoint

    async def aclose(self) -> None:
        await self._api.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.aclose()
