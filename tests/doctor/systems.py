"""Both emulators in-process behind one transport, with hooks that let a test change eEkonomi's answers.

``Systems.eek_override`` maps a path (as eEkonomi sees it, e.g. ``/v2/companysettings``) to a function that gets
the request and the emulator's own response and returns the response the client will see: a canned error, or
the emulator's body with one field changed. Everything else reaches the emulators unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from brygga.config import Settings
from brygga.connections import connect_eekonomi, connect_severa
from brygga.http import jsonio
from brygga.store import Store
from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as pm_emulator

EEK_HOST, PM_HOST = "eek.test", "pm.test"
Override = Callable[[httpx.Request, httpx.Response], httpx.Response]


@dataclass
class Systems:
    eek: eek_emulator.Emulator = field(default_factory=lambda: eek_emulator.build_emulator("demo"))
    pm: pm_emulator.Emulator = field(default_factory=lambda: pm_emulator.build_emulator("demo"))
    eek_override: dict[str, Override] = field(default_factory=dict)
    pm_down: bool = False
    calls: list[tuple[str, str, str]] = field(default_factory=list)  # (method, host, path) of every request

    def __post_init__(self) -> None:
        self._eek = httpx.ASGITransport(app=self.eek.app)
        self._pm = httpx.ASGITransport(app=self.pm.app)
        self.transport = httpx.MockTransport(self._handle)

    async def _handle(self, request: httpx.Request) -> httpx.Response:
        self.calls.append((request.method, request.url.host, request.url.path))
        if request.url.host == PM_HOST:
            if self.pm_down:
                raise httpx.ConnectError("connection refused", request=request)
            return await _read(await self._pm.handle_async_request(request))
        response = await _read(await self._eek.handle_async_request(request))
        override = self.eek_override.get(request.url.path)
        return override(request, response) if override else response

    async def connect(self, store: Store, settings: Settings, *, eek: bool = True, pm: bool = True) -> None:
        if eek:
            await connect_eekonomi(
                store,
                settings,
                api_url=f"http://{EEK_HOST}/v2",
                auth_url=f"http://{EEK_HOST}",
                client_id=eek_emulator.DEMO_CLIENT_ID,
                client_secret=eek_emulator.DEMO_CLIENT_SECRET,
                transport=self.transport,
            )
        if pm:
            await connect_severa(
                store,
                api_url=f"http://{PM_HOST}",
                client_id=pm_emulator.DEMO_CLIENT_ID,
                client_secret=pm_emulator.DEMO_CLIENT_SECRET,
                transport=self.transport,
            )

    def writes(self) -> list[tuple[str, str, str]]:
        """Requests that could change data; token calls are POSTs but change nothing a user sees."""
        token_paths = {"/connect/token", "/v1/token", "/v1/refreshtoken"}
        return [c for c in self.calls if c[0] != "GET" and c[2] not in token_paths]


async def _read(response: httpx.Response) -> httpx.Response:
    """A response read to the end, so an override can look at its body and MockTransport can hand it on."""
    content = await response.aread()
    return httpx.Response(response.status_code, headers=response.headers, content=content)


def eek_error(status: int, code: int, message: str) -> Override:
    body = {"ErrorCode": code, "DeveloperErrorMessage": message, "ErrorId": "3f2a9c1e-0000-4000-8000-000000000001"}

    def answer(request: httpx.Request, response: httpx.Response) -> httpx.Response:
        return httpx.Response(status, content=jsonio.dumps(body), headers={"Content-Type": "application/json"})

    return answer


def with_fields(**changes: Any) -> Override:
    """The emulator's JSON object with some fields replaced."""

    def answer(request: httpx.Request, response: httpx.Response) -> httpx.Response:
        body = jsonio.loads(response.content)
        body.update(changes)
        return _json(response, body)

    return answer


def with_data(change: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]) -> Override:
    """The emulator's page with its ``Data`` rows passed through ``change``."""

    def answer(request: httpx.Request, response: httpx.Response) -> httpx.Response:
        body = jsonio.loads(response.content)
        body["Data"] = change([dict(row) for row in body["Data"]])
        return _json(response, body)

    return answer


def with_rows(change: Callable[[dict[str, Any]], dict[str, Any]]) -> Override:
    """The emulator's page with every row of ``Data`` passed through ``change``."""
    return with_data(lambda rows: [change(row) for row in rows])


def _json(response: httpx.Response, body: Any) -> httpx.Response:
    return httpx.Response(
        response.status_code, content=jsonio.dumps(body), headers={"Content-Type": "application/json"}
    )
