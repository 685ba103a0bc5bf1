"""Scripted fake API for transport tests: a MockTransport that answers from a list, a recording sleep."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import httpx

from brygga.errors import ApiError, AuthError, RateLimitedError, RejectedError, ServerError
from brygga.http import ApiTransport, no_jitter, request_path

Step = httpx.Response | Exception


class ScriptedApi:
    """Answers request n with ``script[n]`` (the last step repeats); raises the step if it is an exception."""

    def __init__(self, *script: Step) -> None:
        self.script = list(script)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.script[min(len(self.requests), len(self.script)) - 1]
        if isinstance(step, Exception):
            raise step
        return step

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


class RecordingSleep:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def simple_mapper(request: httpx.Request, response: httpx.Response) -> ApiError:
    """A minimal status -> exception map, independent of either real API."""
    context: dict[str, object] = {
        "system": "test",
        "method": request.method,
        "path": request_path(request),
        "status": response.status_code,
    }
    message = f"HTTP {response.status_code}: {response.text}"
    if response.status_code == 429:
        retry_after = Decimal(response.headers.get("Retry-After", "60"))
        return RateLimitedError(message, retry_after=float(retry_after), **context)
    if response.status_code == 401:
        return AuthError(message, **context)  # type: ignore[arg-type]
    if response.status_code >= 500:
        return ServerError(message, **context)  # type: ignore[arg-type]
    return RejectedError(message, **context)  # type: ignore[arg-type]


def make_transport(
    api: Callable[[httpx.Request], httpx.Response],
    sleep: RecordingSleep,
    *,
    auth: httpx.Auth | None = None,
    requests_per_minute: float = 6000.0,
    max_attempts: int = 3,
    max_rate_limit_waits: int = 2,
    jitter: Callable[[float], float] = no_jitter,
) -> ApiTransport:
    return ApiTransport(
        system="test",
        base_url="https://api.example.test/v2",
        error_mapper=simple_mapper,
        auth=auth,
        transport=httpx.MockTransport(api),
        requests_per_minute=requests_per_minute,
        max_attempts=max_attempts,
        max_rate_limit_waits=max_rate_limit_waits,
        sleep=sleep,
        jitter=jitter,
    )


class StaticBearer(httpx.Auth):
    def __init__(self, token: str) -> None:
        self.token = token

    def auth_flow(self, request: httpx.Request):  # type: ignore[no-untyped-def]
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request
