"""Small fakes shared by the Severa client tests: responses, a recording API and a token server."""

from __future__ import annotations

import asyncio
import functools
import os
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from brygga.http import jsonio
from brygga.severa import SeveraAuth, SeveraClient, SeveraCredentials
from brygga.tokens import MemoryTokenStore, OAuthTokens

BASE_URL = "http://severa.test/rest-api"
CLIENT_ID = "client-id-123"
CLIENT_SECRET = "very-secret-value-987"
CREDENTIALS = SeveraCredentials(CLIENT_ID, CLIENT_SECRET)
T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

Handler = Callable[[httpx.Request], httpx.Response]


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(
        status, content=jsonio.dumps(body), headers={"Content-Type": "application/json", **(headers or {})}
    )


def severa_error(status: int, error_type: str, *messages: str, field: str | None = None) -> httpx.Response:
    details = [
        {"message": text, "url": None, "location": {"type": "RequestBody", "name": field, "identifier": None}}
        for text in messages
    ]
    body = {"error": {"httpStatusCode": status, "type": error_type, "details": details, "stack": None}}
    return json_response(status, body)


def body_of(request: httpx.Request) -> Any:
    return jsonio.loads(request.content)


class FakeClock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class TokenServer:
    """Answers /v1/token and /v1/refreshtoken, numbering the tokens it issues."""

    def __init__(self, *, expires_in: int = 3600, refuse_refresh: bool = False, refuse_login: bool = False):
        self.expires_in = expires_in
        self.refuse_refresh = refuse_refresh
        self.refuse_login = refuse_login
        self.requests: list[httpx.Request] = []
        self.issued = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        await asyncio.sleep(0)  # let concurrent requests pile up behind the auth lock
        if request.url.path.endswith("/v1/refreshtoken") and self.refuse_refresh:
            return severa_error(400, "InvalidParameter", "Refresh token is not valid")
        if request.url.path.endswith("/v1/token") and self.refuse_login:
            return severa_error(401, "AuthenticationRequired", "Invalid client credentials")
        self.issued += 1
        return json_response(
            200,
            {
                "access_token": f"access-{self.issued}",
                "access_token_type": "Bearer",
                "access_token_expires_in": self.expires_in,
                "refresh_token": f"refresh-{self.issued}",
                "scope": "customers:read",
            },
        )

    def paths(self) -> list[str]:
        return [request.url.path for request in self.requests]


class RecordingApi:
    """A fake Severa data API: records every request and answers with ``respond``."""

    def __init__(self, respond: Handler | None = None) -> None:
        self.requests: list[httpx.Request] = []
        # Copied at call time: after a 401 the auth flow resends the same request object.
        self.bearers: list[str] = []
        self._respond = respond or (lambda request: json_response(200, []))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.bearers.append(request.headers.get("Authorization", "").removeprefix("Bearer "))
        return self._respond(request)


async def no_sleep(seconds: float) -> None:
    return None


def make_client(
    respond: Handler | None = None,
    *,
    store: MemoryTokenStore | None = None,
    tokens: TokenServer | None = None,
    clock: FakeClock | None = None,
) -> tuple[SeveraClient, RecordingApi]:
    """A client over a recording API; by default it already holds a token that never expires."""
    api = RecordingApi(respond)
    store = store if store is not None else MemoryTokenStore(OAuthTokens("access-0", "refresh-0"))
    auth = SeveraAuth(
        CREDENTIALS,
        store,
        BASE_URL,
        token_transport=httpx.MockTransport(tokens or TokenServer()),
        clock=clock or FakeClock(),
    )
    client = SeveraClient(BASE_URL, auth, transport=httpx.MockTransport(api), sleep=no_sleep)
    return client, api


def expiring_tokens(seconds_left: float, *, access: str = "access-0") -> OAuthTokens:
    return OAuthTokens(access, "refresh-0", expires_at=T0 + timedelta(seconds=seconds_left))


# --- the official spec, for tests that check against it ------------------------------------------


def spec_dir() -> Path:
    default = Path(__file__).resolve().parents[2].parent / "shared" / "reference"
    return Path(os.environ.get("BRYGGA_SPEC_DIR", default))


@functools.cache
def _load_spec(path: Path) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        spec: dict[str, Any] = yaml.load(handle, Loader=loader)
    return spec


def severa_spec() -> dict[str, Any]:
    path = spec_dir() / "severa-rest-v1.openapi.yaml"
    if not path.exists():
        pytest.skip(f"Severa spec not found at {path} (set BRYGGA_SPEC_DIR)")
    return _load_spec(path)


def spec_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = severa_spec()["components"]["schemas"][name]
    return schema


def spec_operation(method: str, path: str) -> dict[str, Any] | None:
    """The spec's operation for a concrete ``/v1/...`` path, or None when the spec has no such route."""
    for template, item in severa_spec()["paths"].items():
        pattern = re.sub(r"\{[^}]+\}", "[^/]+", template)
        if re.fullmatch(pattern, path) and method.lower() in item:
            operation: dict[str, Any] = item[method.lower()]
            return operation
    return None


def assert_requests_fit_the_spec(requests: list[httpx.Request]) -> None:
    """Every request uses a route of the spec and only query parameters that route declares."""
    for request in requests:
        path = request.url.path.removeprefix("/rest-api")
        operation = spec_operation(request.method, path)
        assert operation is not None, f"{request.method} {path} is not in the spec"
        declared = {parameter["name"] for parameter in operation.get("parameters", [])}
        assert set(request.url.params.keys()) <= declared, f"{request.method} {path}: {request.url.params}"
