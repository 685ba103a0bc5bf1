"""Record every HTTP exchange a test makes, so it can be checked against the official specs.

``RecordingTransport`` wraps any async httpx transport (real sockets, ``ASGITransport``,
``MockTransport``), reads both bodies, and hands the caller a fresh response over the same raw bytes,
so streaming, gzip and ``Content-Length`` behave exactly as without the wrapper. A request whose answer
never arrives (a dropped connection) is still recorded and its request still validated.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Protocol
from urllib.parse import urlsplit

import httpx

__all__ = ["BaseUrlRegistry", "Exchange", "ExchangeLog", "RecordingTransport", "SpecChecks"]


class SpecChecks(Protocol):
    """What ``ExchangeLog.check`` needs from a validator (``SpecValidator`` provides it)."""

    def validate_request(self, method: str, url: str, body: bytes | None, content_type: str | None) -> list[str]: ...

    def validate_response(
        self, method: str, url: str, status: int, body: bytes | None, content_type: str | None
    ) -> list[str]: ...

    def template_of(self, method: str, url: str) -> str | None: ...


@dataclass(frozen=True)
class Exchange:
    """One request and its response (``status`` is None when no response arrived)."""

    method: str
    url: str
    request_body: bytes
    request_content_type: str | None
    status: int | None
    response_body: bytes
    response_content_type: str | None
    system: str | None = None  # decided when recorded: emulator ports are reused by later tests

    @property
    def path(self) -> str:
        return urlsplit(self.url).path


class ExchangeLog:
    """A thread-safe list of exchanges; emulator server threads and test code may both append."""

    def __init__(self, classify: Callable[[str], str | None] | None = None) -> None:
        self._lock = threading.Lock()
        self._exchanges: list[Exchange] = []
        self._verdicts: dict[tuple[object, ...], _Verdict] = {}
        self._classify = classify

    def add(self, exchange: Exchange) -> None:
        # A loopback port an emulator of one system used may later serve the other system's emulator, so the
        # system is taken from the registry as it is now, not at the end of the session.
        if self._classify is not None and exchange.system is None:
            exchange = replace(exchange, system=self._classify(exchange.url))
        with self._lock:
            self._exchanges.append(exchange)

    def __len__(self) -> int:
        with self._lock:
            return len(self._exchanges)

    def __iter__(self) -> Iterator[Exchange]:
        with self._lock:
            return iter(list(self._exchanges))

    def clear(self) -> None:
        with self._lock:
            self._exchanges.clear()

    def check(
        self,
        validators: Mapping[str, SpecChecks],
        system_of: Callable[[str], str | None],
        *,
        requests: bool = True,
    ) -> list[str]:
        """Every problem of every exchange, each prefixed with ``"METHOD path status"``.

        The path is the spec template when the request matched one (``GET /v2/customers/{customerId}``),
        so the same fault on many objects reads as one problem with a count. Exchanges whose URL
        belongs to no registered system are not checked. Identical exchanges are validated once.
        ``requests=False`` checks only the responses, for tests that send invalid requests on purpose.
        """
        problems: list[str] = []
        for exchange in self:
            system = exchange.system or system_of(exchange.url)
            if system is None or system not in validators:
                continue
            verdict = self._verdict(validators[system], system, exchange)
            found = [*verdict.request, *verdict.response] if requests else list(verdict.response)
            prefix = f"{exchange.method} {verdict.template} {verdict.status}"
            # "not in spec" comes from both the request and the response check: say it once.
            problems += [f"{prefix}: {problem}" for problem in dict.fromkeys(found)]
        return problems

    def _verdict(self, validator: SpecChecks, system: str, exchange: Exchange) -> _Verdict:
        parts = urlsplit(exchange.url)
        key = (
            system,
            exchange.method,
            parts.path,
            parts.query,
            exchange.status,
            exchange.request_content_type,
            exchange.response_content_type,
            _digest(exchange.request_body),
            _digest(exchange.response_body),
        )
        with self._lock:
            verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = _Verdict.of(validator, exchange)
            with self._lock:
                self._verdicts[key] = verdict
        return verdict


@dataclass(frozen=True)
class _Verdict:
    template: str
    status: str
    request: tuple[str, ...]
    response: tuple[str, ...]

    @classmethod
    def of(cls, validator: SpecChecks, exchange: Exchange) -> _Verdict:
        request = validator.validate_request(
            exchange.method, exchange.url, exchange.request_body or None, exchange.request_content_type
        )
        response: list[str] = []
        if exchange.status is not None:
            response = validator.validate_response(
                exchange.method,
                exchange.url,
                exchange.status,
                exchange.response_body or None,
                exchange.response_content_type,
            )
        return cls(
            template=validator.template_of(exchange.method, exchange.url) or exchange.path,
            status="no-response" if exchange.status is None else str(exchange.status),
            request=tuple(request),
            response=tuple(response),
        )


def _digest(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


def count_problems(problems: list[str]) -> list[tuple[str, int]]:
    """Distinct problems with how often each occurred, most frequent first, then alphabetically."""
    counts = Counter(problems)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


class BaseUrlRegistry:
    """Maps URL prefixes to API systems (``"eekonomi"`` | ``"severa"``); the longest prefix wins."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._prefixes: dict[str, str] = {}

    def register(self, url_prefix: str, system: str) -> None:
        with self._lock:
            self._prefixes[url_prefix.rstrip("/")] = system

    def systems(self) -> set[str]:
        with self._lock:
            return set(self._prefixes.values())

    def system_of(self, url: str) -> str | None:
        with self._lock:
            matches = [
                prefix for prefix in self._prefixes if url == prefix or url.startswith((prefix + "/", prefix + "?"))
            ]
            return self._prefixes[max(matches, key=len)] if matches else None


class RecordingTransport(httpx.AsyncBaseTransport):
    """An async transport that records each exchange into ``log`` and then answers like ``inner``."""

    def __init__(self, inner: httpx.AsyncBaseTransport, log: ExchangeLog | None = None) -> None:
        self.inner = inner
        self.log = log if log is not None else ExchangeLog()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        # aread() keeps the body replayable for the inner transport, streamed bodies included.
        request_body = await request.aread()
        try:
            response = await self.inner.handle_async_request(request)
            if response.is_stream_consumed:
                # MockTransport hands back responses it has read already: decoded and re-readable.
                self._record(request, request_body, response, response.content)
                return response
            raw = b"".join([chunk async for chunk in response.aiter_raw()])
            await response.aclose()
        except BaseException:
            self._record(request, request_body, None, b"")
            raise
        self._record(request, request_body, response, _decoded(response, raw))
        # A fresh response over the raw bytes: the client decodes, checks lengths and streams as usual.
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=httpx.ByteStream(raw),
            request=request,
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self.inner.aclose()

    def _record(
        self, request: httpx.Request, body: bytes, response: httpx.Response | None, response_body: bytes
    ) -> None:
        self.log.add(
            Exchange(
                method=request.method,
                url=str(request.url),
                request_body=body,
                request_content_type=request.headers.get("content-type"),
                status=None if response is None else response.status_code,
                response_body=response_body,
                response_content_type=None if response is None else response.headers.get("content-type"),
            )
        )


def _decoded(response: httpx.Response, raw: bytes) -> bytes:
    """The body as the application sees it (gzip/deflate undone), for validation."""
    if "content-encoding" not in response.headers:
        return raw
    return httpx.Response(response.status_code, headers=response.headers, content=raw).content
