"""Memory that does not grow with the register (issue 16, goal 2): many PM customers are read into canonical
customers without keeping PM's wire models, and linked, unchanged objects leave only an index entry behind.

The figures (peak RSS at 20,000 and 100,000) come from ``benchmarks/bench.py --memory N``; these tests prove the
behaviour that keeps them down and that it decides exactly what the full records decided."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from typing import TypeVar

from brygga.domain import Customer
from brygga.mapping.severa_customers import PmCustomerRecord, PmReference, from_severa_customer
from brygga.severa import models as sev
from brygga.store import Link
from brygga.transfer.customers.pm_bulk import CustomerParts, canonical_customers
from brygga.transfer.sync.compact import SideView
from brygga.transfer.sync.planner import Known

T = TypeVar("T")
SE = sev.Country(guid="se", name="Sverige", code2="SE")
REF = PmReference(countries=[SE], currencies=[])


async def _stream(items: Iterable[T]) -> AsyncIterator[T]:
    for item in items:
        yield item


def _at(day: int) -> datetime:
    return datetime(2026, 1, day, tzinfo=UTC)


def _address(guid: str, owner: str, line: str, *, billing: bool, day: int) -> sev.Address:
    return sev.Address(
        guid=guid,
        addressline=line,
        postalCode="111 22",
        city="Stockholm",
        country=sev.AddressCountry(guid="se"),
        isBillingAddress=billing,
        customer=sev.AddressCustomer(guid=owner),
        createdDateTime=_at(day),
    )


def _contact(guid: str, owner: str, first: str, *, day: int, active: bool = True) -> sev.ContactPerson:
    return sev.ContactPerson(
        guid=guid,
        customer=sev.ContactCustomer(guid=owner),
        firstName=first,
        lastName="Ek",
        isActive=active,
        createdDateTime=_at(day),
    )


def _comm(contact: str, kind: str, value: str) -> sev.ContactCommunication:
    return sev.ContactCommunication(
        value=value,
        contact=sev.ContactRef(guid=contact),
        communicationType=sev.CommunicationTypeRef(guid=kind, type=kind),
    )


def _records() -> list[PmCustomerRecord]:
    one = sev.Customer(guid="c1", number=1, name=" Aurora AB ", vatNumber="SE556677889901")
    two = sev.Customer(guid="c2", number=2, name="Borås AB", headquarterAddress=sev.HeadquarterAddress(guid="a3"))
    three = sev.Customer(guid="c3", number=3, name="Tom AB")
    return [
        PmCustomerRecord(
            one,
            [
                _address("a2", "c1", "Nyare 2", billing=True, day=5),
                _address("a1", "c1", "Äldsta 1", billing=True, day=2),
                _address("a0", "c1", "Besök 9", billing=False, day=1),
            ],
            [
                _contact("p2", "c1", "Inaktiv", day=1, active=False),
                _contact("p1", "c1", "Anna", day=3),
                _contact("p3", "c1", "Senare", day=4),
            ],
            {
                "p1": [
                    _comm("p1", "EmailAddress", "  "),
                    _comm("p1", "EmailAddress", "anna@a.se"),
                    _comm("p1", "Phone", "08-1"),
                ],
                "p3": [_comm("p3", "Phone", "08-3")],
            },
        ),
        PmCustomerRecord(
            two,
            [
                _address("a4", "c2", "Annan 4", billing=False, day=1),
                _address("a3", "c2", "Huvud 3", billing=False, day=2),
            ],
        ),
        PmCustomerRecord(three),
    ]


async def test_c4_bulk_read_picks_the_same_address_and_contact_as_the_full_records() -> None:
    records = _records()
    parts = CustomerParts()
    for record in records:
        office = record.customer.headquarterAddress
        head = from_severa_customer(PmCustomerRecord(record.customer), REF)
        parts.add_head(record.guid, head, office.guid if office is not None else None)
    addresses = [a for r in records for a in r.addresses]
    contacts = [c for r in records for c in r.contacts]
    comms = [c for r in records for items in r.communications.values() for c in items]
    canon = dict(await canonical_customers(parts, REF, _stream(addresses), _stream(contacts), _stream(comms)))
    assert canon == {r.guid: from_severa_customer(r, REF) for r in records}
    first = canon["c1"]
    assert first.address is not None and first.address.line1 == "Äldsta 1"  # the oldest billing address
    assert first.contact is not None and (first.contact.first_name, first.contact.email) == ("Anna", "anna@a.se")
    assert canon["c2"].address is not None and canon["c2"].address.line1 == "Huvud 3"  # the head office
    assert canon["c3"].address is None and canon["c3"].contact is None


def test_x3_a_linked_unchanged_object_leaves_only_its_id_and_name_in_the_index() -> None:
    quiet, changed, new = (Customer(number=n, name=f"Kund {n}") for n in ("1", "2", "3"))
    links = {
        "p1": Link("customers", "p1", "e1", quiet.fingerprint(), "x"),
        "p2": Link("customers", "p2", "e2", "old", "y"),
    }
    view: SideView[Customer] = SideView(links, lambda link: link.pm_hash)
    assert [view.add("p1", quiet), view.add("p2", changed), view.add("p3", new)] == [False, True, True]
    assert view.changed == {"p2": changed, "p3": new}
    assert view.by_number["1"] == ("p1", Known("Kund 1"))
    assert view.count == 3
    view.keep_numbers({"1"})
    assert list(view.by_number) == ["1"]


def test_x3_a_view_remembers_only_the_watched_ids_it_read_and_names_the_retries_it_did_not_meet() -> None:
    quiet = Customer(number="1", name="Kund 1")
    links = {f"e{n}": Link("customers", f"p{n}", f"e{n}", "x", quiet.fingerprint()) for n in range(1, 4)}
    view: SideView[Customer] = SideView(links, lambda link: link.eek_hash, wanted=set(), watch={"e2", "e9"})
    assert [view.add(f"e{n}", quiet) for n in range(1, 4)] == [False, False, False]
    # A rerun reads a whole register of quiet objects: only the retry set's ids are remembered as read.
    assert (view.count, view._watched_read, view.unread()) == (3, {"e2"}, {"e9"})


def test_x3_a_quiet_object_is_indexed_only_by_a_number_some_unlinked_object_has() -> None:
    quiet, wanted_quiet, changed = (Customer(number=n, name=f"Kund {n}") for n in ("1", "2", "3"))
    links = {i: Link("customers", "p", i, "x", c.fingerprint()) for i, c in (("e1", quiet), ("e2", wanted_quiet))}
    view: SideView[Customer] = SideView(links, lambda link: link.eek_hash, wanted={"2"})
    assert [view.add("e1", quiet), view.add("e2", wanted_quiet), view.add("e3", changed)] == [False, False, True]
    # The index is asked only for names (rules C2/A2); the changed object itself is kept once, in ``changed``.
    assert view.by_number == {"2": ("e2", Known("Kund 2")), "3": ("e3", Known("Kund 3"))}
    assert view.changed == {"e3": changed}
