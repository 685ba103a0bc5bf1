"""The scale-out benchmark's world: a PostgreSQL database of its own, both many-company emulators in processes of
their own, and C brygga companies, each connected to its own eEkonomi company and PM organisation, with the
demo's settings and a schedule every N minutes for customers and invoices.

The database is created with the owner role (``CREATE DATABASE scale_out_<pid>``) and dropped at the end.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from brygga.config import Settings
from brygga.connections import connect_severa, save_eekonomi_connection
from brygga.eekonomi.oauth import EEkonomiOAuthConfig
from brygga.schedules.model import Schedule
from brygga.session import TransferSession
from brygga.store import Store, open_database
from brygga.store.companies import CompanyRegistry
from brygga.tokens import OAuthTokens
from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as severa_emulator

__all__ = ["SCHEDULED", "World", "company_id", "eek_tokens", "open_world", "pm_headers"]

ROOT = Path(__file__).resolve().parent.parent
SCHEDULED = ("customers", "invoices")
# As the invoice benchmark: rows without a product get the first bulk product's article (rule S4), projects are
# items of the cost center "Projekt".
SETTINGS = {"default_article_number": "B-00001", "project_cost_center": "Projekt"}
SETUP_CATEGORIES = ["customers", "articles", "projects"]
SETUP_ATTEMPTS = 4
REDIRECT = "http://127.0.0.1:9/scale-out"


def company_id(number: int) -> str:
    return f"bolag-{number:05d}"


@dataclass
class World:
    root: Path
    companies: int
    app_url: str
    owner_url: str
    secret_key: str
    eek_url: str
    pm_url: str
    interval_minutes: int

    def env(self) -> dict[str, str]:
        """What a ``brygga worker`` process is started with."""
        return {
            **os.environ,
            "BRYGGA_DB": self.app_url,
            "BRYGGA_DB_OWNER": self.owner_url,
            "BRYGGA_DATA_DIR": str(self.root),
            "BRYGGA_SECRET_KEY": self.secret_key,
            "BRYGGA_LANG": "en",
        }

    def settings(self) -> Settings:
        return Settings(
            data_dir=self.root, db=self.app_url, db_owner=self.owner_url, secret_key=self.secret_key, lang="en"
        )


def eek_tokens(http: httpx.Client, eek_url: str, number: int) -> dict[str, Any]:
    """A consent for eEkonomi company ``number`` (the emulator's ``company=<n>``): the token answer."""
    params = {
        "client_id": eek_emulator.DEMO_CLIENT_ID,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "ea:api offline_access ea:sales ea:purchase ea:accounting",
        "company": str(number),
    }
    location = http.get(f"{eek_url}/connect/authorize", params=params).headers["location"]
    code = parse_qs(urlsplit(location).query)["code"][0]
    answer = http.post(
        f"{eek_url}/connect/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT},
        auth=(eek_emulator.DEMO_CLIENT_ID, eek_emulator.DEMO_CLIENT_SECRET),
    )
    answer.raise_for_status()
    return dict(answer.json())


def pm_headers(http: httpx.Client, pm_url: str, number: int) -> dict[str, str]:
    client_id, secret = severa_emulator.demo_client(number)
    answer = http.post(f"{pm_url}/v1/token", json={"client_id": client_id, "client_secret": secret})
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}", "Client_Id": client_id}


def _serve(system: str, companies: int, invoices: int, latency: str, seed: int) -> tuple[subprocess.Popen[str], str]:
    script = ROOT / "benchmarks" / "scale_out_serve.py"
    command = [sys.executable, str(script), system, "--companies", str(companies), "--invoices", str(invoices)]
    command += ["--latency-ms", latency, "--seed", str(seed)]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line.startswith("READY "):
        process.kill()
        raise RuntimeError(f"the {system} emulator did not start: {line!r}")
    return process, line.removeprefix("READY ")


def _database_urls(name: str) -> tuple[str, str, str]:
    """(owner URL of the server's database, app URL of ``name``, owner URL of ``name``) from postgres.env."""
    env = dict(os.environ)
    path = ROOT / "test-artifacts" / "postgres.env"
    if path.exists():
        for line in path.read_text().splitlines():
            key, _, value = line.partition("=")
            env.setdefault(key.strip(), value.strip())
    owner = env.get("SCALE_OUT_OWNER_URL") or env["BRYGGA_TEST_POSTGRES_URL"]
    app = env.get("SCALE_OUT_APP_URL") or env["BRYGGA_TEST_POSTGRES_APP_URL"]
    render = {"hide_password": False}
    return (
        owner,
        make_url(app).set(database=name).render_as_string(**render),
        make_url(owner).set(database=name).render_as_string(**render),
    )


@contextmanager
def _database(name: str) -> Iterator[tuple[str, str]]:
    server_owner, app_url, owner_url = _database_urls(name)
    admin = create_engine(server_owner, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield app_url, owner_url
    finally:
        if os.environ.get("SCALE_OUT_KEEP_DATABASE") != "1":  # kept: to look into a run's jobs and runs afterwards
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


async def _connect_one(world: World, settings: Settings, store: Store, number: int, http: httpx.Client) -> None:
    answer = eek_tokens(http, world.eek_url, number)
    expires = datetime.now(UTC) + timedelta(seconds=float(answer.get("expires_in", 3600)))
    tokens = OAuthTokens(answer["access_token"], answer.get("refresh_token"), expires)
    config = EEkonomiOAuthConfig(eek_emulator.DEMO_CLIENT_ID, eek_emulator.DEMO_CLIENT_SECRET, world.eek_url)
    await save_eekonomi_connection(store, settings, api_url=f"{world.eek_url}/v2", config=config, tokens=tokens)
    client_id, secret = severa_emulator.demo_client(number)
    await connect_severa(store, api_url=world.pm_url, client_id=client_id, client_secret=secret)
    store.settings.set_many(SETTINGS)
    session = TransferSession(store, settings.model_copy(update={"tenant": store.tenant}))
    try:  # untimed: the seeded customers, articles and projects, as a company's first transfer by hand; again
        # (as a person would) while something failed, e.g. a connection the busy emulator dropped
        for _ in range(SETUP_ATTEMPTS):
            if (await session.run(SETUP_CATEGORIES)).state == "ok":
                break
    finally:
        await session.aclose()
    every = Schedule(kind="every", every_minutes=world.interval_minutes)
    for category in SCHEDULED:
        store.schedules.set(category, every)


def _populate(world: World) -> None:
    settings = world.settings()
    db = open_database(settings)  # migrates as the owner and grants the application role
    registry = CompanyRegistry(db)

    async def connect_all() -> None:
        gate = asyncio.Semaphore(16)
        with httpx.Client(timeout=30.0) as http:

            async def one(number: int) -> None:
                async with gate:
                    store = Store.for_tenant(db, registry.ensure(company_id(number)).id)
                    await _connect_one(world, settings, store, number, http)

            await asyncio.gather(*(one(n) for n in range(1, world.companies + 1)))

    try:
        asyncio.run(connect_all())
    finally:
        db.dispose()


@contextmanager
def open_world(root: Path, companies: int, invoices: int, latency: str, interval: int, seed: int) -> Iterator[World]:
    root.mkdir(parents=True, exist_ok=True)
    processes: list[subprocess.Popen[str]] = []
    try:
        eek, eek_url = _serve("eekonomi", companies, invoices, latency, seed)
        processes.append(eek)
        pm, pm_url = _serve("severa", companies, invoices, latency, seed + 1)
        processes.append(pm)
        with _database(f"scale_out_{os.getpid()}") as (app_url, owner_url):
            key = Fernet.generate_key().decode()
            world = World(root, companies, app_url, owner_url, key, eek_url, pm_url, interval)
            _populate(world)
            yield world
    finally:
        for process in processes:
            if process.stdin is not None:
                process.stdin.close()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
