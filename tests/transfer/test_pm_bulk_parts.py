"""The parts of PM customers read in bulk (rule C4's picks) kept in a temporary SQLite database (issue 16, goal 2):
the same picks as the full records, the order first read, a customer read twice, and the database let go."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from typing import TypeVar

import pytest

from brygga.errors import ConfigError
from brygga.mapping.severa_customers import PmCustomerRecord, PmReference, customer_head, from_severa_customer
from brygga.severa import models as sev
from brygga.transfer.customers.pm_bulk import CustomerParts, canonical_customers

T = TypeVar("T")
REF = PmReference(countries=[sev.Country(guid="se", name="Sverige", code2="SE")], currencies=[])


async def _stream(items: Iterable[T]) -> AsyncIterator[T]:
    for item in items:
        yield item


def _customer(guid: str, number: int, office: str | None = None) -> sev.Customer:
    hq = sev.HeadquarterAddress(guid=office) if office else None
    return sev.Customer(guid=guid, number=number, name=f"Kund {number}", headquarterAddress=hq)


def _address(guid: str, owner: str, line: str, *, billing: bool, at: datetime | None) -> sev.Address:
    return sev.Address(
        guid=guid,
        addressline=line,
        country=sev.AddressCountry(guid="se"),
        isBillingAddress=billing,
        customer=sev.AddressCustomer(guid=owner),
        createdDateTime=at,
    )


def _contact(guid: str, owner: str, first: str, at: datetime, *, active: bool = True) -> sev.ContactPerson:
    return sev.ContactPerson(
        guid=guid, customer=sev.ContactCustomer(guid=owner), firstName=first, lastName="Ek", isActive=active,
        createdDateTime=at,
    )  # fmt: skip


def _comm(contact: str, kind: str, value: str) -> sev.ContactCommunication:
    return sev.ContactCommunication(
        value=value,
        contact=sev.ContactRef(guid=contact),
        communicationType=sev.CommunicationTypeRef(guid=kind, type=kind),
    )


def _parts(*customers: sev.Customer) -> CustomerParts:
    parts = CustomerParts()
    for customer in customers:
        office = customer.headquarterAddress
        parts.add_head(customer.guid or "", customer_head(customer, REF), office.guid if office else None)
    return parts


DAY1, DAY2 = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 2, tzinfo=UTC)


async def test_c4_bulk_picks_break_ties_by_guid_and_follow_a_contact_created_earlier_but_read_later() -> None:
    a, b = _customer("c1", 1), _customer("c2", 2, office="h2")
    addresses = [
        _address("z9", "c1", "Sist i guid", billing=True, at=DAY1),
        _address("a1", "c1", "Först i guid", billing=True, at=DAY1),  # same time: the lower guid wins
        _address("h2", "c2", "Huvudkontor", billing=False, at=None),  # no billing address: the head office
        _address("x1", "c9", "Okänd kund", billing=True, at=DAY1),  # a customer not read: ignored
    ]
    contacts = [
        _contact("p2", "c1", "Senare", DAY2),
        _contact("p1", "c1", "Tidigare", DAY1),  # read after p2 but created before it: the pick
        _contact("p0", "c1", "Inaktiv", datetime(2025, 1, 1, tzinfo=UTC), active=False),
    ]
    comms = [
        _comm("p2", "EmailAddress", "senare@a.se"),
        _comm("p1", "EmailAddress", "forst@a.se"),
        _comm("p1", "EmailAddress", "andra@a.se"),  # the second of its kind: not kept
        _comm("p1", "Phone", "08-1"),
    ]
    records = [
        PmCustomerRecord(a, addresses[:2], contacts, {"p1": comms[1:], "p2": comms[:1]}),
        PmCustomerRecord(b, [addresses[2]]),
    ]
    parts = _parts(a, b)
    completed = await canonical_customers(parts, REF, _stream(addresses), _stream(contacts), _stream(comms))
    got = dict(completed)
    assert got == {r.guid: from_severa_customer(r, REF) for r in records}
    first = got["c1"]
    assert first.address is not None and first.address.line1 == "Först i guid"
    assert first.contact is not None
    assert (first.contact.first_name, first.contact.email, first.contact.phone) == ("Tidigare", "forst@a.se", "08-1")
    assert got["c2"].address is not None and got["c2"].address.line1 == "Huvudkontor"


async def test_x3_a_customer_read_twice_keeps_its_place_and_takes_the_newer_head() -> None:
    parts = _parts(_customer("c1", 1), _customer("c2", 2), sev.Customer(guid="c1", number=1, name="Nytt namn"))
    assert len(parts) == 2
    assert parts.missing(["c2", "c3", "c1", "c4"]) == ["c3", "c4"]
    completed = await canonical_customers(parts, REF, _stream([]), _stream([]), _stream([]))
    assert [(guid, customer.name) for guid, customer in completed] == [("c1", "Nytt namn"), ("c2", "Kund 2")]


async def test_x3_the_parts_are_let_go_once_the_last_customer_is_taken() -> None:
    parts = _parts(_customer("c1", 1), _customer("c2", 2))
    completed = await canonical_customers(parts, REF, _stream([]), _stream([]), _stream([]))
    assert next(completed)[0] == "c1"
    parts.missing(["c1"])  # still open while customers are being taken
    assert [guid for guid, _ in completed] == ["c2"]
    with pytest.raises(sqlite3.ProgrammingError):
        parts.missing(["c1"])  # closed: its temporary file is gone


def test_x3_parts_closed_early_when_a_read_fails() -> None:
    with _parts(_customer("c1", 1)) as parts:
        assert len(parts) == 1
    with pytest.raises(sqlite3.ProgrammingError):
        parts.missing(["c1"])


def test_x3_a_full_temporary_disk_is_a_plain_error_with_a_fix_and_nothing_left_open() -> None:
    parts = _parts(_customer("c1", 1))
    parts._db.execute("PRAGMA max_page_count = 2")  # what a full disk looks like to SQLite
    with pytest.raises(ConfigError) as caught:
        for number in range(2, 500):
            parts.add_head(f"c{number}", customer_head(_customer(f"c{number}", number), REF), None)
    assert "tillfällig fil" in caught.value.message and "TMPDIR" in caught.value.hint
    assert "temporary file" in caught.value.message_en
    with pytest.raises(sqlite3.ProgrammingError):
        parts.missing(["c1"])  # closed when it failed
