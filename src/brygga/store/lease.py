"""One run per company at a time: the lease row, its fencing token, and the fenced database a run writes through.

Taking the lease gives a token that is one higher than any before it for that company (``lease.token``, migration
0009). A run writes only through :class:`FencedDatabase`, whose every transaction first reads the company's lease
(``FOR UPDATE`` on PostgreSQL) and refuses to go on when the token is no longer the run's. So a worker that was
paused or cut off past its lease's expiry, and whose company another worker has since taken over, cannot commit a
link, a cursor or a run record: its transaction is rolled back with :class:`LeaseLostError`. The run keeps its lease
alive with :meth:`LeaseStore.renew` while it works (``brygga.transfer.runner``); a killed process stops renewing and
its lease expires, or, on the same machine, is seen dead at once.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from brygga.errors import ConfigError
from brygga.store.database import Database
from brygga.store.tables import LeaseRow

__all__ = ["LEASE_TTL", "FencedDatabase", "LeaseLostError", "LeaseStore", "lease_holder"]

# A run renews its lease every third of this; a holder that stopped renewing (killed on another machine, paused)
# is taken over this long after its last renewal.
LEASE_TTL = timedelta(minutes=2)


class LeaseLostError(ConfigError):
    """The run's lease was taken over by another run of the same company: this run must not write any more."""

    def __init__(self, tenant: str) -> None:
        super().__init__(
            f"Överföringen för {tenant} stoppades: en annan process tog över företaget medan den här väntade.",
            hint="Inget behöver göras: den andra processen fortsätter överföringen, och inget skrevs två gånger.",
            message_en=f"The transfer for {tenant} stopped: another process took the company over while this one "
            "was waiting.",
            hint_en="Nothing to do: the other process carries on with the transfer, and nothing was written twice.",
        )
        self.tenant = tenant


def lease_holder() -> str:
    """``host:pid``: how a lease names the process holding it (a dead process on this machine is seen at once)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(holder: str) -> bool:
    """A lease held by a process on this machine that no longer exists (killed, crashed) is stale."""
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's lease: trust its expiry time
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class LeaseStore:
    """The company's lease. ``acquire`` returns the fencing token (a positive number) or ``None`` when another
    live holder has it."""

    def __init__(self, db: Database, tenant: str) -> None:
        self.db = db
        self.tenant = tenant

    def acquire(self, holder: str, ttl: timedelta = LEASE_TTL) -> int | None:
        now = datetime.now(UTC)
        with self.db.transaction() as session:
            row = session.get(LeaseRow, self.tenant, with_for_update=True)
            if row is None:
                session.add(LeaseRow(tenant_id=self.tenant, holder=holder, expires_at=now + ttl, token=1))
                return 1
            held = bool(row.holder) and row.expires_at > now
            if held and row.holder != holder and _alive(row.holder):
                return None
            if not (held and row.holder == holder):  # a new holding: a new token; the same holder renewing keeps it
                row.token += 1
            row.holder, row.expires_at = holder, now + ttl
            return row.token

    def renew(self, holder: str, token: int, ttl: timedelta = LEASE_TTL) -> bool:
        """Push the expiry on while ``holder`` still holds the lease with ``token``; ``False`` when it was lost."""
        with self.db.transaction() as session:
            row = session.get(LeaseRow, self.tenant, with_for_update=True)
            if row is None or row.token != token or row.holder != holder:
                return False
            row.expires_at = datetime.now(UTC) + ttl
            return True

    def release(self, holder: str, token: int | None = None) -> None:
        """Give the lease up if ``holder`` (with ``token``, when given) still has it. The row stays, with its
        token, so the next holder's token is higher."""
        with self.db.transaction() as session:
            row = session.get(LeaseRow, self.tenant, with_for_update=True)
            if row is None or row.holder != holder or (token is not None and row.token != token):
                return
            row.holder, row.expires_at = "", datetime.now(UTC)

    def token(self) -> int:
        """The company's current fencing token (0: never leased)."""
        with self.db.read() as session:
            row = session.get(LeaseRow, self.tenant)
            return 0 if row is None else row.token

    def fenced(self, token: int) -> FencedDatabase:
        return FencedDatabase(self.db, token)


class FencedDatabase(Database):
    """The company's database for a run holding the lease with ``token``: every write transaction checks the token
    first, and a stale one is rolled back with :class:`LeaseLostError` before it writes anything."""

    def __init__(self, db: Database, token: int) -> None:
        if db.tenant is None:
            raise ValueError("a fenced database belongs to one company")
        super().__init__(db.engine, db.box, db.tenant)
        self.token = token

    def for_tenant(self, tenant: str) -> Database:
        if tenant != self.tenant:
            raise ValueError("a fenced database writes for its own company only")
        return self

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with super().transaction() as session:
            _check_token(session, str(self.tenant), self.token)
            yield session


_LEASES = cast(Table, LeaseRow.__table__)
# Built once: every write transaction of a run checks the token, and building the statement each time cost more
# than running it.
_TOKEN_FOR_UPDATE = select(_LEASES.c.token).where(_LEASES.c.tenant_id == bindparam("tenant")).with_for_update()


def _check_token(session: Session, tenant: str, token: int) -> None:
    current = session.connection().execute(_TOKEN_FOR_UPDATE, {"tenant": tenant}).scalar()
    if current != token:
        raise LeaseLostError(tenant)
