"""The refresh lock of one connection's tokens, across every process that shares the store.

eEkonomi spends a refresh token on its first use. Two processes (two workers, the web app and a worker) that
both see an access token about to expire must not both refresh with the same refresh token: the second one is
refused (``invalid_grant``) and, had it won, the first one's new token would be dead. So a refresh happens under
this lock, reloads the tokens, and saves (commits) the new ones before the lock is let go:

* **PostgreSQL**: ``SELECT … FOR UPDATE`` on the company's ``connection`` row, in a transaction of its own that
  stays open while the refresh call runs; its database work runs in a worker thread, off the event loop. Other
  processes' locks wait on the row; readers are not blocked (MVCC), so API calls with a still-valid token go on.
* **SQLite file**: SQLite has no row locks, and a write transaction held across the refresh call would block
  every writer of the file. An OS file lock (``flock``) on ``<database>.<system>-<company hash>.lock`` beside the
  database serialises the refresh instead; the OS lets go of it when the process dies, so a killed worker never
  leaves it held.
* **SQLite in memory**: one process only, so a lock of this process.
"""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import os
import weakref
from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from brygga.store.tables import ConnectionRow
from brygga.tokens import LockedTokens, OAuthTokens

if TYPE_CHECKING:
    from brygga.store.settings import DbTokenStore

__all__ = ["lock_file", "locked_tokens"]

# In-memory SQLite: one lock per (engine, company, system) in this process.
_LOCAL_LOCKS: weakref.WeakKeyDictionary[Engine, dict[tuple[str, str], asyncio.Lock]] = weakref.WeakKeyDictionary()


@asynccontextmanager
async def locked_tokens(store: DbTokenStore) -> AsyncIterator[LockedTokens]:
    """Hold the connection's refresh lock for the block; see the module's text for what it is on each database."""
    engine = store.db.engine
    if engine.dialect.name == "postgresql":
        async with _row_locked(store) as locked:
            yield locked
        return
    path = lock_file(store)
    if path is None:
        locks = _LOCAL_LOCKS.setdefault(engine, {})
        async with locks.setdefault((store.tenant, store.system), asyncio.Lock()):
            yield _Unlocked(store, in_thread=False)
        return
    async with _file_locked(path):
        yield _Unlocked(store, in_thread=True)


def lock_file(store: DbTokenStore) -> Path | None:
    """The lock file of the store's connection beside its SQLite file; None for a database in memory."""
    database = store.db.engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    company = hashlib.sha256(store.tenant.encode()).hexdigest()[:16]  # any company name makes a safe file name
    file = Path(database)
    return file.with_name(f"{file.name}.{store.system}-{company}.lock")


class _Unlocked:
    """The store's ordinary load and save (each its own commit), used while an outside lock is held."""

    def __init__(self, store: DbTokenStore, *, in_thread: bool) -> None:
        self._store = store
        self._in_thread = in_thread

    async def load(self) -> OAuthTokens | None:
        return await asyncio.to_thread(self._store.load) if self._in_thread else self._store.load()

    async def save(self, tokens: OAuthTokens) -> None:
        if self._in_thread:
            await asyncio.to_thread(self._store.save, tokens)
        else:
            self._store.save(tokens)


@asynccontextmanager
async def _file_locked(path: Path) -> AsyncIterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    acquiring = asyncio.ensure_future(asyncio.to_thread(fcntl.flock, fd, fcntl.LOCK_EX))
    try:
        await asyncio.shield(acquiring)
    except BaseException:
        # Cancelled while the thread still waits for the lock: close the file (and so let go of the lock) once
        # the thread is done, never under its feet.
        acquiring.add_done_callback(lambda _: os.close(fd))
        raise
    try:
        yield
    finally:
        os.close(fd)  # closing the file lets go of the lock


class _RowLocked:
    """The connection row, locked ``FOR UPDATE`` in one open transaction; ``save`` commits (and so unlocks)."""

    def __init__(self, store: DbTokenStore, session: Session) -> None:
        self._store = store
        self._session = session

    def lock(self) -> ConnectionRow | None:
        query = (
            select(ConnectionRow)
            .where(ConnectionRow.tenant_id == self._store.tenant, ConnectionRow.system == self._store.system)
            .with_for_update()
            .execution_options(populate_existing=True)  # what the database holds now, not a cached copy
        )
        return self._session.scalars(query).first()

    async def load(self) -> OAuthTokens | None:
        return await asyncio.to_thread(lambda: self._store.tokens_of(self.lock()))

    async def save(self, tokens: OAuthTokens) -> None:
        await asyncio.to_thread(self._save, tokens)

    def _save(self, tokens: OAuthTokens) -> None:
        self._store.write(self.lock(), tokens)
        self._session.commit()


@asynccontextmanager
async def _row_locked(store: DbTokenStore) -> AsyncIterator[LockedTokens]:
    acquiring = asyncio.ensure_future(asyncio.to_thread(_begin_locked, store))
    try:
        stack, locked = await asyncio.shield(acquiring)  # waits here while another process refreshes
    except BaseException:
        acquiring.add_done_callback(_close_when_locked)  # cancelled while waiting: unlock once the wait is over
        raise
    try:
        yield locked
    finally:
        # Rolls back whatever was not committed (a refresh that failed) and gives the connection back.
        await asyncio.shield(asyncio.to_thread(stack.close))


def _begin_locked(store: DbTokenStore) -> tuple[ExitStack, _RowLocked]:
    stack = ExitStack()
    try:
        locked = _RowLocked(store, stack.enter_context(store.db.read()))
        locked.lock()
    except BaseException:
        stack.close()
        raise
    return stack, locked


def _close_when_locked(acquiring: asyncio.Future[tuple[ExitStack, _RowLocked]]) -> None:
    if not acquiring.cancelled() and acquiring.exception() is None:
        acquiring.result()[0].close()
