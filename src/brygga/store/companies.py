"""The companies one installation serves: add, list, remove (with every row it owns), and which one a command means.

Every row of the store carries ``tenant_id``; a company is registered here under that id. The reserved tenant
``INSTALLATION`` (``_brygga``) holds what belongs to the whole installation (the web app's admin password and
session key); no company id can start with ``_``, so it can never be chosen, listed or removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, func, select

from brygga.errors import ConfigError
from brygga.store.database import Database
from brygga.store.tables import Base, CompanyRow

__all__ = [
    "DEFAULT_COMPANY",
    "INSTALLATION",
    "Company",
    "CompanyRegistry",
    "check_company_id",
    "tenant_tables",
]

INSTALLATION = "_brygga"
DEFAULT_COMPANY = "default"
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True)
class Company:
    id: str
    name: str
    created_at: datetime


def check_company_id(company_id: str) -> str:
    """``company_id`` when it can name a company (letters, digits, ``.``, ``_``, ``-``; at most 64; not starting with
    ``_``, which is reserved), else a ``ConfigError`` saying so."""
    if _ID.fullmatch(company_id):
        return company_id
    raise ConfigError(
        f"'{company_id}' kan inte vara ett företags id.",
        hint="Använd bokstäver a-z, siffror, punkt, bindestreck och understreck (högst 64 tecken), och börja "
        "med en bokstav eller siffra, t.ex. kund-4711.",
        message_en=f"'{company_id}' cannot be a company id.",
        hint_en="Use letters a-z, digits, dot, hyphen and underscore (at most 64), starting with a letter or a "
        "digit, e.g. client-4711.",
    )


def tenant_tables() -> list[str]:
    """Every table with rows of one company, children before parents (the order to delete them in)."""
    return [
        table.name
        for table in reversed(Base.metadata.sorted_tables)
        if "tenant_id" in table.c and table.name != CompanyRow.__tablename__
    ]


class CompanyRegistry:
    def __init__(self, db: Database) -> None:
        self.db = db

    def all(self) -> list[Company]:
        with self.db.read() as session:
            rows = session.scalars(select(CompanyRow).order_by(CompanyRow.tenant_id))
            return [Company(row.tenant_id, row.name, row.created_at) for row in rows]

    def get(self, company_id: str) -> Company | None:
        with self.db.read() as session:
            row = session.get(CompanyRow, company_id)
            return None if row is None else Company(row.tenant_id, row.name, row.created_at)

    def add(self, company_id: str, name: str | None = None) -> Company:
        """Register a new company; ``ConfigError`` when the id is taken or cannot be one."""
        check_company_id(company_id)
        with self.db.transaction() as session:
            if session.get(CompanyRow, company_id) is not None:
                raise ConfigError(
                    f"Företaget {company_id} finns redan.",
                    hint="Välj ett annat id, eller se företagen med brygga companies list.",
                    message_en=f"The company {company_id} already exists.",
                    hint_en="Choose another id, or see the companies with brygga companies list.",
                )
            row = CompanyRow(tenant_id=company_id, name=(name or "").strip() or company_id, created_at=_now())
            session.add(row)
        return Company(row.tenant_id, row.name, row.created_at)

    def ensure(self, company_id: str) -> Company:
        """The company, registered first when it is not (a fresh store's first use)."""
        return self.get(company_id) or self.add(company_id)

    def counts(self, company_id: str) -> dict[str, int]:
        """How many rows the company has in each table that has any (derived tables, such as the overview's
        summary, are not the company's data and are left out)."""
        result: dict[str, int] = {}
        with self.db.for_tenant(company_id).read() as session:  # PostgreSQL: the company's rows (RLS, 0007)
            for name in tenant_tables():
                table = Base.metadata.tables[name]
                if table.info.get("derived"):
                    continue
                count = int(
                    session.scalar(select(func.count()).select_from(table).where(table.c.tenant_id == company_id)) or 0
                )
                if count:
                    result[name] = count
        return result

    def remove(self, company_id: str) -> dict[str, int]:
        """Delete the company and every row it has in every table, in one transaction; returns what was deleted."""
        if self.get(company_id) is None:
            raise self.unknown(company_id)
        deleted: dict[str, int] = {}
        with self.db.for_tenant(company_id).transaction() as session:  # PostgreSQL: the company's rows (RLS, 0007)
            for name in tenant_tables():
                table = Base.metadata.tables[name]
                result = session.execute(delete(table).where(table.c.tenant_id == company_id))
                count = int(getattr(result, "rowcount", 0) or 0)
                if count and not table.info.get("derived"):
                    deleted[name] = count
            session.execute(delete(CompanyRow).where(CompanyRow.tenant_id == company_id))
        return deleted

    def resolve(self, chosen: str | None, fallback: str = DEFAULT_COMPANY) -> str:
        """The company a command works for: ``chosen`` when it is registered; else the only one there is. A store
        without companies registers ``chosen`` (or ``fallback``) on first use, as a single-company store always did.
        Several and none chosen, or an unknown one chosen, is a ``ConfigError`` that lists them."""
        companies = self.all()
        if not companies:
            return self.ensure(chosen or fallback).id
        known = [company.id for company in companies]
        if chosen is None:
            if len(known) == 1:
                return known[0]
            raise _several(known)
        if chosen not in known:
            raise self.unknown(chosen, known)
        return chosen

    def unknown(self, company_id: str, known: Sequence[str] | None = None) -> ConfigError:
        names = ", ".join(known if known is not None else [c.id for c in self.all()]) or "-"
        return ConfigError(
            f"Företaget {company_id} finns inte. Företag: {names}.",
            hint="Välj ett av dem med --company ID, eller lägg till företaget med brygga companies add ID.",
            message_en=f"The company {company_id} does not exist. Companies: {names}.",
            hint_en="Choose one of them with --company ID, or add the company with brygga companies add ID.",
        )


def _several(known: list[str]) -> ConfigError:
    names = ", ".join(known)
    return ConfigError(
        f"Det finns flera företag ({names}); ange vilket med --company ID.",
        hint=f"T.ex. brygga --company {known[0]} status, eller sätt BRYGGA_COMPANY={known[0]}.",
        message_en=f"There are several companies ({names}); say which one with --company ID.",
        hint_en=f"E.g. brygga --company {known[0]} status, or set BRYGGA_COMPANY={known[0]}.",
    )


def _now() -> datetime:
    return datetime.now(UTC)
