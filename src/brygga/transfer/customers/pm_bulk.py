"""Many PM customers at once, as canonical customers, in memory that does not grow with the register (issue 16,
goal 2).

A PM customer spans four resources. Read one paged list per resource and keep, per customer, only what the
mapping picks (rule C4): the first billing address (else the head office's), the first active contact and that
contact's first value per communication type. Each page's models are dropped once read.

What is kept goes to a private temporary SQLite database, not to Python objects: a first run reads the whole
register before it plans, and some hundred thousand small objects held that long (heads, guids, picks) took more
memory than the rest of the run, most of it fragmentation between pages. SQLite keeps a few megabytes of pages in
memory and the rest in a temporary file it deletes when the connection closes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterable, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import TracebackType

from brygga.domain import Address, Customer
from brygga.domain.packed import pack, unpack
from brygga.errors import ConfigError
from brygga.mapping.severa_customers import PmReference, address_of, contact_of
from brygga.severa import models as sev

__all__ = ["CustomerParts", "canonical_customers"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_CACHE_KIB = 2048  # SQLite's page cache; the rest of the parts wait in the temporary file
Order = tuple[int, str]

# One row per customer; the picks are columns filled as the lists are read. ``pos`` is the order first read.
_SCHEMA = """
CREATE TABLE head (
    pos INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    office TEXT,            -- the head office address guid
    head BLOB NOT NULL,     -- the canonical customer without address and contact, packed
    billing_at INTEGER, billing_guid TEXT, billing BLOB,   -- the first billing address so far
    office_address BLOB,    -- the head office address, used when there is no billing address
    contact_at INTEGER, contact_guid TEXT, names BLOB,     -- the first active contact so far
    comms BLOB              -- that contact's first value per communication type, packed (kind, value, ...)
)
"""


def _order(item: sev.Address | sev.ContactPerson) -> Order:
    # The API gives no order, so "first" is the oldest by creation time, ties broken by guid (severa-fit G7).
    # Microseconds since 1970 compare like the datetimes and fit SQLite's integers.
    created = item.createdDateTime or _EPOCH
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return ((created - _EPOCH) // _MICROSECOND, item.guid or "")


def _earlier(order: Order, known_at: int | None, known_guid: str | None) -> bool:
    return known_at is None or order < (known_at, known_guid or "")


class CustomerParts:
    """What the mapping keeps of the customers being read: their heads (canonical customers without address and
    contact) and the picked address, contact and contact details of each.

    Kept in a private temporary SQLite database (see the module's note), one row per customer. ``close`` lets it
    go; :meth:`completed` closes it when the last customer has been taken. Also a context manager."""

    def __init__(self) -> None:
        # "" is SQLite's private temporary database: deleted when closed. One open transaction, no journal:
        # nothing here outlives the read, so nothing needs to survive a crash.
        self._db = sqlite3.connect("", isolation_level=None)
        self._count = 0
        for statement in (
            f"PRAGMA cache_size = -{_CACHE_KIB}",
            "PRAGMA journal_mode = OFF",
            "PRAGMA synchronous = OFF",
        ):
            self._execute(statement)
        self._execute(_SCHEMA)
        self._execute("BEGIN")

    def _execute(self, sql: str, params: tuple[object, ...] = ()) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, params)
        except sqlite3.OperationalError as exc:  # the temporary file: a full disk, a folder that cannot be written
            self.close()
            raise _scratch_error(exc) from exc

    def __len__(self) -> int:
        return self._count

    def __enter__(self) -> CustomerParts:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def missing(self, guids: Iterable[str]) -> list[str]:
        """The customers of ``guids`` that have no head yet."""
        has = self._execute
        return [guid for guid in guids if has("SELECT 1 FROM head WHERE guid = ?", (guid,)).fetchone() is None]

    def add_head(self, guid: str, head: Customer, office_guid: str | None) -> None:
        """A customer read; read again, its head and office are replaced and it keeps its place."""
        cursor = self._execute(
            "UPDATE head SET head = ?, office = ? WHERE guid = ?", (pack(head), office_guid or None, guid)
        )
        if cursor.rowcount == 0:
            self._execute(
                "INSERT INTO head (guid, office, head) VALUES (?, ?, ?)", (guid, office_guid or None, pack(head))
            )
            self._count += 1

    def add_address(self, address: sev.Address, ref: PmReference) -> None:
        guid = address.customer.guid if address.customer else None
        row = self._execute(
            "SELECT pos, office, billing_at, billing_guid FROM head WHERE guid = ?", (guid or "",)
        ).fetchone()
        if row is None:
            return
        pos, office, billing_at, billing_guid = row
        if address.isBillingAddress:
            order = _order(address)
            if _earlier(order, billing_at, billing_guid):
                self._execute(
                    "UPDATE head SET billing_at = ?, billing_guid = ?, billing = ? WHERE pos = ?",
                    (*order, pack(address_of(address, ref)), pos),
                )
        elif address.guid and office == address.guid:
            self._execute("UPDATE head SET office_address = ? WHERE pos = ?", (pack(address_of(address, ref)), pos))

    def settle_addresses(self) -> None:
        """Every address read: each customer's is its first billing address, else its head office's (the
        choice is made as each customer is completed)."""

    def add_contact(self, person: sev.ContactPerson) -> None:
        if not person.isActive or person.isDeleted:
            return
        row = self._execute(
            "SELECT pos, contact_at, contact_guid FROM head WHERE guid = ?", (person.customer.guid,)
        ).fetchone()
        if row is None:
            return
        pos, contact_at, contact_guid = row
        order = _order(person)
        if _earlier(order, contact_at, contact_guid):
            self._execute(
                "UPDATE head SET contact_at = ?, contact_guid = ?, names = ?, comms = NULL WHERE pos = ?",
                (*order, pack((person.firstName, person.lastName)), pos),
            )

    def settle_contacts(self) -> None:
        """Every contact read: the contact details are looked up by the picked contact's guid from now on."""
        self._execute("CREATE INDEX head_contact ON head (contact_guid)")

    def add_communication(self, item: sev.ContactCommunication) -> None:
        """A value of a picked contact is kept when it is the first of its kind (rule C4)."""
        kind, value = item.communicationType.type, item.value.strip()
        if not kind or not value or not item.contact.guid:
            return
        row = self._execute("SELECT pos, comms FROM head WHERE contact_guid = ?", (item.contact.guid,)).fetchone()
        if row is None:
            return
        pos, comms = row
        known: tuple[str, ...] = unpack(comms, tuple) if comms is not None else ()
        if kind not in known[::2]:
            # A flat (kind, value, ...) tuple: a handful of kinds per contact.
            self._execute("UPDATE head SET comms = ? WHERE pos = ?", (pack((*known, kind, value)), pos))

    def completed(self) -> Iterator[tuple[str, Customer]]:
        """Each customer completed, in the order first read, one at a time as the caller takes them; the
        database is closed once the last has been taken (or the caller lets go)."""
        try:
            rows = self._execute(
                "SELECT guid, head, coalesce(billing, office_address), names, comms FROM head ORDER BY pos"
            )
            while batch := _fetch(rows):
                for guid, head, address, names, comms in batch:
                    yield guid, _customer(head, address, names, comms)
        finally:
            self.close()


def _fetch(rows: sqlite3.Cursor) -> list[tuple[str, bytes, bytes | None, bytes | None, bytes | None]]:
    try:
        return rows.fetchmany(500)
    except sqlite3.OperationalError as exc:
        raise _scratch_error(exc) from exc


def _scratch_error(exc: sqlite3.OperationalError) -> ConfigError:
    return ConfigError(
        f"Kunderna från Visma PM kunde inte mellanlagras i en tillfällig fil ({exc}).",
        hint="Se till att det finns ledigt utrymme där tillfälliga filer skrivs (katalogen i TMPDIR, annars /tmp) "
        "och att brygga får skriva där. Kör sedan överföringen igen.",
        message_en=f"The customers from Visma PM could not be kept in a temporary file ({exc}).",
        hint_en="Make sure there is free space where temporary files are written (the folder in TMPDIR, else /tmp) "
        "and that brygga may write there. Then run the transfer again.",
    )


def _customer(head: bytes, address: bytes | None, names: bytes | None, comms: bytes | None) -> Customer:
    contact = None
    if names is not None:
        first, last = unpack(names, tuple)
        flat: tuple[str, ...] = unpack(comms, tuple) if comms is not None else ()
        contact = contact_of(first, last, dict(zip(flat[::2], flat[1::2], strict=True)))
    return replace(
        unpack(head, Customer),
        address=unpack(address, Address) if address is not None else None,
        contact=contact,
    )


async def canonical_customers(
    parts: CustomerParts,
    ref: PmReference,
    addresses: AsyncIterable[sev.Address],
    contacts: AsyncIterable[sev.ContactPerson],
    communications: AsyncIterable[sev.ContactCommunication],
) -> Iterator[tuple[str, Customer]]:
    """Every head in ``parts`` completed with its address and contact, reading each list once. The customers
    are completed one at a time as the caller takes them (:meth:`CustomerParts.completed`)."""
    async for address in addresses:
        parts.add_address(address, ref)
    parts.settle_addresses()
    async for person in contacts:
        parts.add_contact(person)
    parts.settle_contacts()
    async for item in communications:
        parts.add_communication(item)
    return parts.completed()
