"""Many PM customers at once, as canonical customers, without keeping PM's wire models (issue 16, goal 2).

A PM customer spans four resources. Read one paged list per resource and keep, per customer, only what the
mapping picks (rule C4): the first billing address (else the head office's), the first active contact and that
contact's first value per communication type. Each page's models are dropped once read, so memory grows with
the canonical customers, not with PM's answers (some twenty nested models per customer).
"""

from __future__ import annotations

from collections.abc import AsyncIterable, MutableMapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from brygga.domain import Address, Customer
from brygga.domain.packed import PackedMap, pack, unpack
from brygga.mapping.severa_customers import PmReference, address_of, contact_of
from brygga.severa import models as sev

__all__ = ["CustomerParts", "canonical_customers"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
Order = tuple[datetime, str]


def _order(item: sev.Address | sev.ContactPerson) -> Order:
    # The API gives no order, so "first" is the oldest by creation time, ties broken by guid (severa-fit G7).
    return (item.createdDateTime or _EPOCH, item.guid or "")


@dataclass
class CustomerParts:
    """What the mapping keeps of the customers being read: their heads (canonical customers without address and
    contact, packed) and the picked address and contact of each.

    Each list is read once, in the order of :func:`canonical_customers`. While a list is read, the order of each
    customer's best candidate is kept to compare the next; once it is read, ``settle_*`` drops the orders and keeps
    only the pick, packed, so the parts of 100,000 customers stay well under their wire models' size."""

    heads: MutableMapping[str, Customer] = field(default_factory=lambda: PackedMap(Customer))
    head_office: dict[str, str] = field(default_factory=dict)  # customer guid -> its head office address guid
    billing: dict[str, tuple[Order, bytes]] = field(default_factory=dict)  # the best billing address so far
    offices: dict[str, bytes] = field(default_factory=dict)  # head office address guid -> address, packed
    addresses: dict[str, bytes] = field(default_factory=dict)  # settled: customer guid -> its address, packed
    contacts: dict[str, tuple[Order, str, str, str]] = field(default_factory=dict)  # order, guid, first, last
    people: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # settled: guid -> contact guid, names
    picked: dict[str, str] = field(default_factory=dict)  # settled: contact guid -> customer guid
    communications: dict[str, tuple[str, ...]] = field(default_factory=dict)  # contact guid -> kind, value, ...
    # Each guid and kind read, once: every dict here is keyed by the same customer's guid, and each resource's JSON
    # brings a copy of it; keyed through this map they share one string (sys.intern would keep its table after).
    _same: dict[str, str] = field(default_factory=dict)

    def _one(self, text: str) -> str:
        return self._same.setdefault(text, text)

    def add_head(self, guid: str, head: Customer, office_guid: str | None) -> None:
        guid = self._one(guid)
        self.heads[guid] = head
        if office_guid:
            self.head_office[guid] = self._one(office_guid)

    def add_address(self, address: sev.Address, ref: PmReference) -> None:
        owner = address.customer.guid if address.customer else None
        if not owner or owner not in self.heads:
            return
        if address.isBillingAddress:
            known = self.billing.get(owner)
            if known is None or _order(address) < known[0]:
                self.billing[self._one(owner)] = (_order(address), pack(address_of(address, ref)))
        elif address.guid and self.head_office.get(owner) == address.guid:
            self.offices[self._one(address.guid)] = pack(address_of(address, ref))

    def settle_addresses(self) -> None:
        """Every address read: each customer's is its first billing address, else its head office's."""
        for owner, office in self.head_office.items():
            if owner not in self.billing and office in self.offices:
                self.addresses[owner] = self.offices[office]
        self.addresses.update((owner, blob) for owner, (_, blob) in self.billing.items())
        self.head_office, self.billing, self.offices = {}, {}, {}

    def add_contact(self, person: sev.ContactPerson) -> None:
        owner = person.customer.guid
        if owner not in self.heads or not person.isActive or person.isDeleted:
            return
        known = self.contacts.get(owner)
        if known is None or _order(person) < known[0]:
            person_guid = self._one(person.guid or "")
            self.contacts[self._one(owner)] = (_order(person), person_guid, person.firstName, person.lastName)

    def settle_contacts(self) -> None:
        """Every contact read: each customer's first active one is kept with its names packed."""
        for owner, (_, person, first, last) in self.contacts.items():
            self.people[owner] = (person, pack((first, last)))
            if person:
                self.picked[person] = owner
        self.contacts = {}

    def add_communication(self, item: sev.ContactCommunication) -> None:
        """A value of a picked contact is kept when it is the first of its kind (rule C4)."""
        kind, value, person = item.communicationType.type, item.value.strip(), item.contact.guid
        if person not in self.picked or not kind or not value:
            return
        known = self.communications.get(person, ())
        if kind not in known[::2]:
            # A flat (kind, value, ...) tuple: a handful of kinds, far smaller than a dict per contact.
            self.communications[self._one(person)] = (*known, self._one(kind), value)

    def customer(self, guid: str) -> Customer:
        """The customer completed; what was kept for it is let go."""
        head = self.heads.pop(guid)
        packed_address = self.addresses.pop(guid, None)
        address = unpack(packed_address, Address) if packed_address is not None else None
        person = self.people.pop(guid, None)
        contact = None
        if person is not None:
            person_guid, names = person
            first, last = unpack(names, tuple)
            flat = self.communications.pop(person_guid, ())
            contact = contact_of(first, last, dict(zip(flat[::2], flat[1::2], strict=True)))
        return replace(head, address=address, contact=contact)


async def canonical_customers(
    parts: CustomerParts,
    ref: PmReference,
    addresses: AsyncIterable[sev.Address],
    contacts: AsyncIterable[sev.ContactPerson],
    communications: AsyncIterable[sev.ContactCommunication],
) -> PackedMap[Customer]:
    """Every head in ``parts`` completed with its address and contact, reading each list once; kept packed."""
    async for address in addresses:
        parts.add_address(address, ref)
    parts.settle_addresses()
    async for person in contacts:
        parts.add_contact(person)
    parts.settle_contacts()
    async for item in communications:
        parts.add_communication(item)
    completed = PackedMap(Customer)
    for guid in list(parts.heads):
        completed[guid] = parts.customer(guid)
    parts._same.clear()
    return completed
