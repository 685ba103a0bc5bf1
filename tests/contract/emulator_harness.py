"""Drive an emulator in-process through a RecordingTransport and check what it answered."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from starlette.routing import Route

from tests.support.recording import ExchangeLog, RecordingTransport
from tests.support.spec_validation import SpecValidator

__all__ = ["Recorded", "emulator_routes", "recorded_client"]

_PARAMETER = re.compile(r"\{[^}]*\}")
_IGNORED_METHODS = frozenset({"HEAD", "OPTIONS"})


@dataclass
class Recorded:
    """A client whose every exchange lands in ``log``, and the system the log is checked against."""

    client: httpx.AsyncClient
    log: ExchangeLog
    system: str
    base_url: str

    def problems(self, *, requests: bool = True) -> list[str]:
        validator = SpecValidator.eekonomi() if self.system == "eekonomi" else SpecValidator.severa()
        return self.log.check({self.system: validator}, self._system_of, requests=requests)

    def _system_of(self, url: str) -> str | None:
        return self.system if url.startswith(self.base_url) else None


@asynccontextmanager
async def recorded_client(app: Any, system: str, base_url: str) -> AsyncIterator[Recorded]:
    log = ExchangeLog()
    transport = RecordingTransport(httpx.ASGITransport(app=app), log)
    async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
        yield Recorded(client, log, system, base_url)


def _starlette_routes(app: Any) -> list[Route]:
    """The routes under the middleware wrappers (each keeps the wrapped app as ``.app``)."""
    while not hasattr(app, "routes"):
        app = app.app
    return [route for route in app.routes if isinstance(route, Route)]


def emulator_routes(app: Any) -> set[str]:
    """Every ``METHOD /template`` the emulator serves, parameters written as ``{}``."""
    return {
        f"{method} {_PARAMETER.sub('{}', route.path)}"
        for route in _starlette_routes(app)
        for method in (route.methods or ())
        if method not in _IGNORED_METHODS
    }


def exercised_routes(app: Any, log: ExchangeLog) -> set[str]:
    """The emulator routes that some exchange in ``log`` reached."""
    reached = set()
    routes = _starlette_routes(app)
    for exchange in log:
        for route in routes:
            if exchange.method in (route.methods or ()) and route.path_regex.match(exchange.path):
                reached.add(f"{exchange.method} {_PARAMETER.sub('{}', route.path)}")
                break
    return reached
