"""Per-company transfer settings and the encrypted connections (with their OAuth tokens)."""

from __future__ import annotations

import json
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import object_session

from brygga.store.audit import connection_summary, is_secret_setting, record
from brygga.store.database import Database
from brygga.store.rate_blocks import RateBlockStore
from brygga.store.status import touch
from brygga.store.tables import ConnectionRow, SettingRow
from brygga.store.token_lock import locked_tokens
from brygga.tokens import LockedTokens, OAuthTokens

__all__ = ["ConnectionInfo", "ConnectionStore", "DbTokenStore", "SettingsStore"]


class SettingsStore:
    def __init__(self, db: Database, tenant: str) -> None:
        self.db = db
        self.tenant = tenant

    def all(self) -> dict[str, str]:
        with self.db.read() as session:
            rows = session.scalars(select(SettingRow).where(SettingRow.tenant_id == self.tenant))
            return {row.key: row.value for row in rows}

    def set_many(self, values: dict[str, str]) -> None:
        """Save ``values``; each real change is audited in the same transaction (a secret's only as changed)."""
        with self.db.transaction() as session:
            for key, value in values.items():
                row = session.get(SettingRow, (self.tenant, key))
                old = None if row is None else row.value
                record(session, self.tenant, "setting", key, old, value, secret=is_secret_setting(key))
                if row is None:
                    session.add(SettingRow(tenant_id=self.tenant, key=key, value=value))
                else:
                    row.value = value
            touch(session, self.tenant)  # the linked company (X4) in the overview (brygga.store.status)


@dataclass(frozen=True)
class ConnectionInfo:
    system: str
    api_url: str
    auth_url: str | None
    client_id: str
    client_secret: str | None = field(repr=False)
    company_name: str | None
    company_id: str | None
    company_org_number: str | None = None


class ConnectionStore:
    def __init__(self, db: Database, tenant: str) -> None:
        self.db = db
        self.tenant = tenant

    def save(
        self, system: str, *, api_url: str, auth_url: str | None, client_id: str, client_secret: str | None
    ) -> None:
        """Save the connection (its tokens are cleared: a new authorisation follows). The audit records it as
        connected, or connected again with what changed; the secret only as changed, never its value."""
        with self.db.transaction() as session:
            row = session.get(ConnectionRow, (self.tenant, system))
            old = connection_summary(row)
            old_secret = self.db.box.open(row.secret_enc) if row is not None and row.secret_enc else None
            if row is None:
                row = ConnectionRow(tenant_id=self.tenant, system=system)
                session.add(row)
            row.api_url = api_url
            row.auth_url = auth_url
            row.client_id = client_id
            row.secret_enc = self.db.box.seal(client_secret) if client_secret else None
            row.tokens_enc = None
            row.updated_at = datetime.now(UTC)
            again = old is not None  # saved again: a new authorisation, its tokens replaced (recorded as changed)
            new = connection_summary(row, secret_changed=again and old_secret != (client_secret or None), again=again)
            record(session, self.tenant, "connection", system, old, new)
            touch(session, self.tenant)

    def get(self, system: str) -> ConnectionInfo | None:
        with self.db.read() as session:
            row = session.get(ConnectionRow, (self.tenant, system))
            if row is None:
                return None
            secret = self.db.box.open(row.secret_enc) if row.secret_enc else None
            return ConnectionInfo(
                system,
                row.api_url,
                row.auth_url,
                row.client_id,
                secret,
                row.company_name,
                row.company_id,
                row.company_org_number,
            )

    def set_company(self, system: str, name: str | None, company_id: str | None, org_number: str | None = None) -> None:
        with self.db.transaction() as session:
            row = session.get(ConnectionRow, (self.tenant, system))
            if row is not None:
                row.company_name = name
                row.company_id = company_id
                row.company_org_number = org_number
                touch(session, self.tenant)

    def delete(self, system: str) -> bool:
        """Delete the connection (its secret and tokens); ``False`` when there was none."""
        with self.db.transaction() as session:
            old = connection_summary(session.get(ConnectionRow, (self.tenant, system)))
            result = session.execute(
                delete(ConnectionRow).where(ConnectionRow.tenant_id == self.tenant, ConnectionRow.system == system)
            )
            deleted = bool(getattr(result, "rowcount", 0))
            if deleted:
                record(session, self.tenant, "connection", system, old, None)
                touch(session, self.tenant)
            return deleted

    def token_store(self, system: str) -> DbTokenStore:
        return DbTokenStore(self.db, self.tenant, system)

    def rate_blocks(self, system: str) -> RateBlockStore:
        """Where a 429 of ``system`` is recorded for every process calling for this company."""
        return RateBlockStore(unfenced(self.db), self.tenant, system)


def unfenced(db: Database) -> Database:
    """Tokens and rate-limit blocks belong to the connection, not to a run: they are written even by a run whose
    lease was taken over (``brygga.store.lease``), because a refreshed token that could not be stored is lost."""
    return db if type(db) is Database else Database(db.engine, db.box, db.tenant)


class DbTokenStore:
    """``brygga.tokens.TokenStore`` on the connection row; tokens are encrypted, saved in their own commit.

    ``refreshing()`` locks the connection across processes (``brygga.store.token_lock``): a row lock on
    PostgreSQL, a file lock beside an SQLite file."""

    def __init__(self, db: Database, tenant: str, system: str) -> None:
        self.db = unfenced(db)
        self.tenant = tenant
        self.system = system

    def __repr__(self) -> str:
        return f"DbTokenStore({self.tenant!r}, {self.system!r})"

    def load(self) -> OAuthTokens | None:
        with self.db.read() as session:
            return self.tokens_of(session.get(ConnectionRow, (self.tenant, self.system)))

    def save(self, tokens: OAuthTokens) -> None:
        with self.db.transaction() as session:
            self.write(session.get(ConnectionRow, (self.tenant, self.system)), tokens)

    def refreshing(self) -> AbstractAsyncContextManager[LockedTokens]:
        return locked_tokens(self)

    def tokens_of(self, row: ConnectionRow | None) -> OAuthTokens | None:
        """The decrypted tokens of the connection row (None without a row or tokens)."""
        if row is None or row.tokens_enc is None:
            return None
        data = json.loads(self.db.box.open(row.tokens_enc))
        expires = datetime.fromisoformat(data["expires_at"]) if data.get("expires_at") else None
        return OAuthTokens(data["access_token"], data.get("refresh_token"), expires)

    def write(self, row: ConnectionRow | None, tokens: OAuthTokens) -> None:
        """Put ``tokens``, encrypted, on the connection row (the caller commits)."""
        if row is None:
            raise LookupError(f"no {self.system} connection for tenant {self.tenant}")
        payload = json.dumps(
            {
                "access_token": tokens.access_token,
                "refresh_token": tokens.refresh_token,
                "expires_at": tokens.expires_at.isoformat() if tokens.expires_at else None,
            }
        )
        row.tokens_enc = self.db.box.seal(payload)
        row.updated_at = datetime.now(UTC)
        session = object_session(row)
        if session is not None:
            touch(session, self.tenant)
