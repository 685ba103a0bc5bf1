"""The web app in process over ``httpx.ASGITransport``, a real store per test, and (where a test needs them)
both demo emulators on loopback ports, which the pages connect to exactly as a user would."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from cryptography.fernet import Fernet

from brygga.config import Settings
from brygga.store import Store, open_store
from brygga.web import create_app
from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as pm_emulator
from brygga_emulators.server import EmulatorServer

PASSWORD = "korrekt häst batteri"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, db=str(tmp_path / "t.sqlite3"), secret_key=Fernet.generate_key().decode())


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings)
    yield opened
    opened.db.dispose()


@pytest.fixture
async def client(store: Store, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(lambda _settings: store, settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
        yield http


@pytest.fixture
async def admin(client: httpx.AsyncClient) -> httpx.AsyncClient:
    """A client that chose the admin password on first start and is therefore logged in."""
    token = csrf_of(await client.get("/setup"))
    response = await client.post("/setup", data={"password": PASSWORD, "repeat": PASSWORD, "csrf_token": token})
    assert response.status_code == 303 and response.headers["location"] == "/"
    return client


def csrf_of(response: httpx.Response) -> str:
    found = _CSRF.search(response.text)
    assert found, f"no CSRF field in {response.request.url}"
    return found.group(1)


async def page_token(client: httpx.AsyncClient, path: str = "/") -> str:
    return csrf_of(await client.get(path))


@dataclass
class Emulators:
    eek: EmulatorServer
    pm: EmulatorServer
    eek_emulator: eek_emulator.Emulator | None = None  # its store, for tests that change eEkonomi behind brygga

    @property
    def eek_url(self) -> str:
        return self.eek.base_url

    @property
    def pm_url(self) -> str:
        return self.pm.base_url


@pytest.fixture
def emulators() -> Iterator[Emulators]:
    eek_world = eek_emulator.build_emulator("demo")
    eek = EmulatorServer(eek_world.app)
    pm = EmulatorServer(pm_emulator.build_emulator("demo").app)
    with eek, pm:
        yield Emulators(eek, pm, eek_world)


async def connect_eekonomi(admin: httpx.AsyncClient, emulators: Emulators) -> httpx.Response:
    """The OAuth dance as a browser does it: brygga sends the browser to the identity server, which (asked by a
    program, not a browser) approves at once and sends it back to the callback; returns the callback's answer."""
    token = await page_token(admin, "/connections")
    started = await admin.post(
        "/connections/eekonomi",
        data={"api_url": f"{emulators.eek_url}/v2", "auth_url": emulators.eek_url, "csrf_token": token},
    )
    assert started.status_code == 303, started.text
    async with httpx.AsyncClient() as identity_server:
        approved = await identity_server.get(started.headers["location"])
    assert approved.status_code == 302, approved.text
    back = urlsplit(approved.headers["location"])
    return await admin.get(f"{back.path}?{back.query}")


async def connect_both(admin: httpx.AsyncClient, emulators: Emulators) -> tuple[httpx.Response, httpx.Response]:
    """Both connections, made as for the demo: eEkonomi with an empty client (loopback emulator)."""
    eek = await connect_eekonomi(admin, emulators)
    token = await page_token(admin, "/connections")
    pm = await admin.post(
        "/connections/severa",
        data={
            "api_url": emulators.pm_url,
            "client_id": pm_emulator.DEMO_CLIENT_ID,
            "client_secret": pm_emulator.DEMO_CLIENT_SECRET,
            "csrf_token": token,
        },
    )
    return eek, pm


async def run_transfer(admin: httpx.AsyncClient, category: str, mode: str, lang: str = "sv") -> httpx.Response:
    """Start a transfer as the button does (htmx) and poll its status fragment until it is done; ``mode`` is
    "dry-run", "run" or "retry" (the failed ones of the latest run)."""
    token = await page_token(admin, f"/?lang={lang}")
    headers = {"HX-Request": "true", "X-CSRF-Token": token}
    response = await admin.post("/transfer", data={"category": category, "mode": mode}, headers=headers)
    assert response.status_code == 200, response.text
    poll = re.search(r'hx-get="(/transfer/\d+)"', response.text)
    for _ in range(2000):  # a bound on polls, not on time: the run is in this event loop
        if poll is None or 'data-state="running"' not in response.text:
            break
        await asyncio.sleep(0.01)
        response = await admin.get(poll.group(1), headers={"HX-Request": "true"})
    assert 'data-state="running"' not in response.text, "the transfer did not finish"
    return response
