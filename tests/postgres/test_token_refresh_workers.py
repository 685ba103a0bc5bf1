"""Two worker processes refresh one eEkonomi connection at the same moment (issue 14, "tokens across workers").

Each process is a real ``python`` (tests/postgres/token_worker.py) with its own store engine, against one emulator
over loopback whose refresh tokens rotate (a used one is ``invalid_grant``). The stored access token expires within
the refresh margin, so both processes want to refresh; the emulator answers the token call after 300 ms, so without
a lock across processes both refreshes would be in flight at once and the second would be refused. Runs on SQLite
(file lock) and PostgreSQL (row lock).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from brygga.config import Settings
from brygga.connections import eekonomi_client
from brygga.eekonomi import EEkonomiOAuthConfig, connect_unattended
from brygga.eekonomi.auth import RECONNECT_MESSAGE
from brygga.errors import AuthError
from brygga.store import LeaseLostError, Store, open_store
from brygga.tokens import OAuthTokens
from brygga_emulators.eekonomi import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, build_emulator
from brygga_emulators.faults import FaultConfig
from brygga_emulators.server import EmulatorServer

pytestmark = pytest.mark.both_databases

REPO = Path(__file__).resolve().parents[2]
REDIRECT_URI = "http://localhost:8765/callback"
TOKEN_CALLS = "POST /connect/token"


def worker_env(settings: Settings) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("BRYGGA_")}
    assert settings.db is not None and settings.secret_key is not None
    env.update(
        BRYGGA_DB=settings.db,
        BRYGGA_SECRET_KEY=settings.secret_key.get_secret_value(),
        BRYGGA_DATA_DIR=str(settings.data_dir),
        BRYGGA_TENANT=settings.tenant,
    )
    return env


def start_workers(settings: Settings, count: int, *args: str) -> list[subprocess.Popen[str]]:
    """``count`` worker processes, each ready (store open, client built) and waiting for the word to go."""
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.postgres.token_worker", *args],
            cwd=REPO,
            env=worker_env(settings),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    for worker in workers:
        assert worker.stdout is not None
        line = worker.stdout.readline()
        assert line.strip() == "ready", (line, worker.stderr.read() if worker.stderr else "")
    return workers


def finish(workers: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    """Tell every worker to go at once, then collect (exit status, stdout, stderr)."""
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=60)
        results.append((worker.returncode, out, err))
    return results


def expiring(store: Store) -> OAuthTokens:
    """Make the stored access token expire within the refresh margin; returns the tokens stored."""
    token_store = store.connections.token_store("eekonomi")
    tokens = token_store.load()
    assert tokens is not None
    soon = replace(tokens, expires_at=datetime.now(UTC) + timedelta(seconds=20))
    token_store.save(soon)
    return soon


async def test_two_workers_refreshing_at_once_refresh_once_and_neither_loses_the_connection(
    database_settings: Settings,
) -> None:
    emulator = build_emulator("demo", config=FaultConfig(latency_ms=300))
    store = open_store(database_settings)
    try:
        with EmulatorServer(emulator.app) as server:
            config = EEkonomiOAuthConfig(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, auth_url=server.base_url)
            store.connections.save(
                "eekonomi",
                api_url=server.base_url + "/v2",
                auth_url=server.base_url,
                client_id=DEMO_CLIENT_ID,
                client_secret=DEMO_CLIENT_SECRET,
            )
            store.connections.token_store("eekonomi").save(await connect_unattended(config, REDIRECT_URI))
            before = expiring(store)
            calls_before = emulator.faults.requests[TOKEN_CALLS]

            results = finish(start_workers(database_settings, 2))

            for status, out, err in results:
                assert status == 0, (out, err)
                assert json.loads(out.splitlines()[-1])["company"]
            assert emulator.faults.requests[TOKEN_CALLS] - calls_before == 1  # one refresh for the expiry, not two
            after = store.connections.token_store("eekonomi").load()
            assert after is not None and after.refresh_token != before.refresh_token

            # The connection still works: the stored refresh token is the live one (a lost one would be refused).
            expiring(store)
            async with eekonomi_client(store, database_settings) as client:
                assert (await client.company_settings.get()).name
            assert emulator.faults.requests[TOKEN_CALLS] - calls_before == 2

            # Nothing secret in what the workers printed or logged.
            printed = "".join(out + err for _, out, err in results)
            for secret in (DEMO_CLIENT_SECRET, before.access_token, before.refresh_token, after.access_token):
                assert secret and secret not in printed
    finally:
        store.db.dispose()


async def test_a_spent_refresh_token_says_connect_again_lets_go_of_the_lock_and_shows_no_secret(
    database_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    base = "http://eek.test"
    asgi = httpx.ASGITransport(app=build_emulator("demo").app)
    store = open_store(database_settings)
    try:
        store.connections.save(
            "eekonomi", api_url=base + "/v2", auth_url=base, client_id=DEMO_CLIENT_ID, client_secret=DEMO_CLIENT_SECRET
        )
        config = EEkonomiOAuthConfig(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, auth_url=base)
        tokens = await connect_unattended(config, REDIRECT_URI, transport=asgi)
        spent = replace(tokens, refresh_token="spent-refresh-token-0451")
        store.connections.token_store("eekonomi").save(spent)
        expiring(store)
        caplog.set_level(logging.DEBUG)
        rendered = []
        for _ in range(2):  # the second attempt would wait for ever if the first had kept the lock
            async with eekonomi_client(store, database_settings, transport=asgi) as client:
                with pytest.raises(AuthError) as caught:
                    await asyncio.wait_for(client.company_settings.get(), timeout=30)
            error = caught.value
            assert RECONNECT_MESSAGE in str(error)
            rendered.append(" ".join([str(error), repr(error), repr(vars(error)), repr(error.__cause__)]))
        shown = " ".join([*rendered, caplog.text])
        for secret in (DEMO_CLIENT_SECRET, tokens.access_token, tokens.refresh_token, spent.refresh_token):
            assert secret and secret not in shown
    finally:
        store.db.dispose()


def test_tokens_are_stored_even_by_a_run_whose_lease_was_taken_over(database_settings: Settings) -> None:
    """A refreshed token is spent at eEkonomi the moment it is issued: the fence that stops a stale run's writes
    must not stop it from storing the new tokens, or the company would have to connect again."""
    store = open_store(database_settings)
    try:
        store.connections.save(
            "eekonomi", api_url="http://eek.test/v2", auth_url=None, client_id="c", client_secret="s"
        )
        first = store.lease.acquire("worker-a")
        assert first is not None
        stale = store.fenced(first)
        store.lease.release("worker-a", first)
        assert store.lease.acquire("worker-b") is not None
        with pytest.raises(LeaseLostError):
            stale.settings.set_many({"master": "pm"})
        fresh = OAuthTokens("access-new", "refresh-new", datetime.now(UTC) + timedelta(hours=1))
        stale.connections.token_store("eekonomi").save(fresh)
        assert store.connections.token_store("eekonomi").load() == fresh
        stale.connections.rate_blocks("eekonomi").block("/customers", datetime.now(UTC) + timedelta(seconds=30))
        assert "/customers" in store.connections.rate_blocks("eekonomi").load()
    finally:
        store.db.dispose()
