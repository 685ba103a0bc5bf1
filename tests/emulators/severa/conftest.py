"""Fixtures for the Severa emulator tests: a settable clock, the demo emulator and an authorised client."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from brygga_emulators.faults import FaultConfig
from brygga_emulators.severa import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Emulator, build_emulator

from .spec_check import SpecChecker

REPO_ROOT = Path(__file__).resolve().parents[3]


class FakeClock:
    """The emulator's clock, moved by hand so token expiry and changedSince need no waiting."""

    def __init__(self, start: datetime = datetime(2025, 5, 1, 9, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


async def login(
    client: httpx.AsyncClient, client_id: str = DEMO_CLIENT_ID, secret: str = DEMO_CLIENT_SECRET
) -> dict[str, Any]:
    response = await client.post("/v1/token", json={"client_id": client_id, "client_secret": secret})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def auth_headers(tokens: dict[str, Any], client_id: str = DEMO_CLIENT_ID) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}", "Client_Id": client_id}


def make_client(emu: Emulator) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(emu.app), base_url="http://severa.test")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def emu(clock: FakeClock) -> Emulator:
    return build_emulator("demo", clock=clock)


@pytest.fixture
async def client(emu: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    """Logged in as the demo client; every request carries the bearer token and Client_Id."""
    async with make_client(emu) as raw:
        raw.headers.update(auth_headers(await login(raw)))
        yield raw


@pytest.fixture
def limited_emu(clock: FakeClock) -> Emulator:
    return build_emulator("empty", config=FaultConfig(rate_limit_per_minute=3), clock=clock)


@pytest.fixture(scope="session")
def severa_spec() -> dict[str, Any]:
    spec_dir = Path(os.environ.get("BRYGGA_SPEC_DIR", REPO_ROOT.parent / "shared" / "reference"))
    path = spec_dir / "severa-rest-v1.openapi.yaml"
    if not path.exists():
        pytest.skip(f"Severa spec not found at {path}")
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="session")
def checker(severa_spec: dict[str, Any]) -> SpecChecker:
    return SpecChecker(severa_spec)
