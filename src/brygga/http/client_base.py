"""What both API clients share around their :class:`ApiTransport`: call counters and closing."""

from __future__ import annotations

from collections import Counter
from types import TracebackType
from typing import Self

from brygga.http.transport import ApiTransport

__all__ = ["ApiClient"]


class ApiClient:
    """Base of ``EEkonomiClient`` and ``SeveraClient``: one transport, its counters, async context use."""

    def __init__(self, transport: ApiTransport) -> None:
        self._api = transport

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
