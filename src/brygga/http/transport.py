"""The one HTTP pipeline both API clients send through: rate limit, send, map errors, retry.

Policy (see ARCHITECTURE.md, "Rate limits and retries" and "The write protocol"):

* every request first waits on an ``aiolimiter.AsyncLimiter`` of its endpoint template, because
  eEkonomi counts its 600/min per endpoint;
* a 429 means the request was not processed, so it is sent again for any method after the
  wait the API asked for, up to ``max_rate_limit_waits`` times; the wait is also written down for the
  company (``rate_blocks``, see ``brygga.http.blocks``), so that no request of this transport nor of
  the next process to call for the company goes to that endpoint before it is over;
* a 5xx or a transport failure is retried with exponential backoff only for methods that are
  safe to repeat (GET, PUT, DELETE, PATCH, HEAD);
* a POST is never resent: without idempotency keys a second POST could create a duplicate, so
  the error is raised with ``outcome_unknown=True`` and the caller's write protocol reconciles;
* other 4xx answers are never retried here.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

import httpx
from aiolimiter import AsyncLimiter
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from brygga.errors import ApiError, ConfigError, RateLimitedError, ServerError, TransportError
from brygga.http import jsonio
from brygga.http.backoff import backoff_seconds, default_jitter
from brygga.http.blocks import RateBlockBook, RateBlocks, utc_now
from brygga.http.network import invalid_address, unreachable
from brygga.http.paths import render_path
from brygga.metrics import current_book

__all__ = ["RETRY_SAFE_METHODS", "ApiTransport", "ErrorMapper", "address_error", "network_error", "request_path"]

ErrorMapper = Callable[[httpx.Request, httpx.Response], ApiError]
"""Turns a non-2xx response into the ApiError subclass the engine acts on."""

RETRY_SAFE_METHODS = frozenset({"GET", "PUT", "DELETE", "PATCH", "HEAD"})

_TEMPLATE_EXTENSION = "brygga.template"
_DEFAULT_HEADERS = {"Accept": "application/json"}

QueryParams = Mapping[str, Any] | Sequence[tuple[str, Any]]


def request_path(request: httpx.Request) -> str:
    """The concrete path of a request without its query string, as errors report it."""
    return request.url.path


def _query_items(params: QueryParams | None) -> list[tuple[str, str]]:
    """Flatten query parameters to strings; ``None`` values are left out, bools are ``true``/``false``."""
    if params is None:
        return []
    pairs = list(params.items()) if isinstance(params, Mapping) else list(params)
    items: list[tuple[str, str]] = []
    for name, value in pairs:
        if value is None:
            continue
        items.append((name, str(value).lower() if isinstance(value, bool) else str(value)))
    return items


def _is_retriable(exc: BaseException) -> bool:
    return isinstance(exc, ServerError | TransportError)


class ApiTransport:
    """Rate-limited, retrying HTTP access to one API for one connection."""

    def __init__(
        self,
        *,
        system: str,
        base_url: str,
        error_mapper: ErrorMapper,
        auth: httpx.Auth | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        requests_per_minute: float = 540.0,
        timeout: float = 30.0,
        max_attempts: int = 5,
        max_rate_limit_waits: int = 20,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        headers: Mapping[str, str] | None = None,
        jitter: Callable[[float], float] = default_jitter,
        rate_blocks: RateBlocks | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._system = system
        self._error_mapper = error_mapper
        self._requests_per_minute = requests_per_minute
        self._max_attempts = max_attempts
        self._max_rate_limit_waits = max_rate_limit_waits
        self._sleep = sleep
        self._jitter = jitter
        self._limiters: dict[str, AsyncLimiter] = {}
        self._blocks = RateBlockBook(rate_blocks, clock=clock, sleep=sleep)
        self._calls: Counter[str] = Counter()
        try:
            self._client = httpx.AsyncClient(
                base_url=base_url,
                auth=auth,
                transport=transport,
                timeout=httpx.Timeout(timeout),
                headers={**_DEFAULT_HEADERS, **(headers or {})},
                event_hooks={"request": [self._count_request], "response": [self._observe_response]},
            )
        except httpx.InvalidURL as exc:
            raise address_error(system, base_url) from exc

    @property
    def api_calls(self) -> int:
        """HTTP requests actually sent, retries and auth-flow resends included."""
        return sum(self._calls.values())

    @property
    def calls_by_endpoint(self) -> Counter[str]:
        """Requests sent per ``"METHOD /template"``."""
        return Counter(self._calls)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def request(
        self,
        method: str,
        template: str,
        *,
        path_params: Mapping[str, str] | None = None,
        params: QueryParams | None = None,
        json: Any = None,
    ) -> httpx.Response:
        """Send until a 2xx arrives or the policy gives up; returns the 2xx response or raises ApiError."""
        method = method.upper()
        path = render_path(template, path_params)
        body = None if json is None else jsonio.dumps(json)
        rate_limit_waits = 0
        waited: datetime | None = None
        while True:
            try:
                return await self._send_with_retries(method, template, path, _query_items(params), body, waited)
            except RateLimitedError as exc:
                waited, pause = await self._blocks.record(template, exc.retry_after + self._jitter(exc.retry_after))
                if rate_limit_waits >= self._max_rate_limit_waits:
                    raise
                rate_limit_waits += 1
                await self._sleep(pause)

    async def request_json(
        self,
        method: str,
        template: str,
        *,
        path_params: Mapping[str, str] | None = None,
        params: QueryParams | None = None,
        json: Any = None,
    ) -> Any:
        """Like :meth:`request`, returning the parsed body (``None`` when the body is empty)."""
        response = await self.request(method, template, path_params=path_params, params=params, json=json)
        if not response.content.strip():
            return None
        return jsonio.loads(response.content)

    async def _send_with_retries(
        self,
        method: str,
        template: str,
        path: str,
        query: list[tuple[str, str]],
        body: bytes | None,
        waited: datetime | None,
    ) -> httpx.Response:
        if method not in RETRY_SAFE_METHODS:
            # A write is sent once, never retried blindly: no retry policy to build for it (one per call was
            # measurable in a transfer's CPU).
            return await self._send_once(method, template, path, query, body, waited)
        retrying = AsyncRetrying(
            sleep=self._sleep,
            stop=stop_after_attempt(self._max_attempts),
            wait=self._backoff_wait,
            retry=retry_if_exception(_is_retriable),
            reraise=True,
        )
        return await retrying(self._send_once, method, template, path, query, body, waited)

    def _backoff_wait(self, retry_state: RetryCallState) -> float:
        base = backoff_seconds(retry_state.attempt_number)
        return base + self._jitter(base)

    async def _send_once(
        self,
        method: str,
        template: str,
        path: str,
        query: list[tuple[str, str]],
        body: bytes | None,
        waited: datetime | None,
    ) -> httpx.Response:
        await self._blocks.wait(template, waited)  # a 429 this process or another one got for the company
        await self._limiter_for(template).acquire()
        headers = {"Content-Type": "application/json; charset=utf-8"} if body is not None else None
        request = self._client.build_request(
            method,
            path,
            params=tuple(query),
            content=body,
            headers=headers,
            extensions={_TEMPLATE_EXTENSION: template},
        )
        try:
            response = await self._client.send(request)
        except httpx.TransportError as exc:
            current_book().api_response(self._system, _endpoint(request), None)
            raise self._transport_error(request, exc) from exc
        if response.is_success:
            return response
        error = self._error_mapper(response.request, response)
        if isinstance(error, ServerError) and method not in RETRY_SAFE_METHODS:
            # The server may have committed the write before failing; only a lookup can tell.
            error.outcome_unknown = True
        raise error

    def _transport_error(self, request: httpx.Request, exc: httpx.TransportError) -> TransportError:
        # No response at all: a write that is not safe to repeat may or may not have been applied.
        return network_error(self._system, request, exc, outcome_unknown=request.method not in RETRY_SAFE_METHODS)

    def _limiter_for(self, template: str) -> AsyncLimiter:
        limiter = self._limiters.get(template)
        if limiter is None:
            limiter = _steady_limiter(self._requests_per_minute)
            self._limiters[template] = limiter
        return limiter

    async def _observe_response(self, response: httpx.Response) -> None:
        current_book().api_response(self._system, _endpoint(response.request), response.status_code)

    async def _count_request(self, request: httpx.Request) -> None:
        template = request.extensions.get(_TEMPLATE_EXTENSION, request_path(request))
        self._calls[f"{request.method} {template}"] += 1


def _endpoint(request: httpx.Request) -> str:
    """``"METHOD /template"`` for the metrics; a request sent without a template (an auth flow's own) is
    ``"METHOD other"``, never its concrete path, which may hold ids."""
    template = request.extensions.get(_TEMPLATE_EXTENSION)
    return f"{request.method} {template if isinstance(template, str) else 'other'}"


def network_error(
    system: str,
    request: httpx.Request,
    exc: httpx.TransportError,
    *,
    outcome_unknown: bool = False,
    address: str | None = None,
) -> TransportError:
    """A TransportError that names the system and the address in the user's words, never httpx's class name.

    ``address`` is the address as the user typed it, where httpx's parsed URL would read differently (no scheme).
    """
    text = unreachable(system, address or request.url, exc)
    return TransportError(
        text.message,
        system=system,
        method=request.method,
        path=request_path(request),
        outcome_unknown=outcome_unknown,
        message_en=text.message_en,
        hint=text.hint,
        hint_en=text.hint_en,
    )


def address_error(system: str, url: str) -> ConfigError:
    """An address that is not a URL at all: a setting to correct, not a network failure."""
    text = invalid_address(system, url)
    return ConfigError(text.message, hint=text.hint, message_en=text.message_en, hint_en=text.hint_en)


def _steady_limiter(requests_per_minute: float) -> AsyncLimiter:
    """A bucket that holds about one second of calls. ``AsyncLimiter(540, 60)`` would let 540 calls through at
    once and then 9 a second, i.e. up to ~1080 in one sliding minute, which eEkonomi answers with 429s."""
    per_second = requests_per_minute / 60.0
    if per_second >= 1.0:
        return AsyncLimiter(per_second, 1.0)
    # Below one call a second the bucket must still hold one whole call, or acquire() could never succeed.
    return AsyncLimiter(1.0, 60.0 / requests_per_minute)
