"""Many PM customers at once, as canonical customers, without keeping PM's wire models (issue 16, goal 2).

A PM customer spans four resources. Read one paged list per resource and keep, per customer, only what the
mapping picks (rule C4): the first billing address (else the head office's), the first active contact and that
contact's first value per communication type. Each page's models are dropped once read, so memory grows with
the canonical customers, not with PM's answers (some twenty nested models per customer).
"""

from __future__ import annotations

from collections.abc import AsyncIterable
from dataclasses import replace
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


class CustomerParts:
    """What the mapping keeps of the customers being read: their heads (canonical customers without address and
    contact) and the picked address and contact of each, by the customer's position in the read.

    One dict maps each customer's guid to its position; everything else is a list slot or is keyed by position,
    packed where it is kept past its list's read. While a list is read, the order of each customer's best
    candidate is kept to compare the next; once it is read, ``settle_*`` keeps only the pick. The parts of
    100,000 customers so take well under a kilobyte each (issue 16, goal 2)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}  # customer guid -> position
        self._heads: list[bytes] = []  # packed heads (b"" once completed)
        self._office: list[str | None] = []  # the head office address guid (until the addresses are settled)
        self._address: list[bytes | None] = []  # the picked address, packed
        self._billing: dict[int, tuple[Order, bytes]] = {}  # while addresses are read: the best billing address
        self._offices: dict[str, bytes] = {}  # while addresses are read: head office address guid -> address
        self._contacts: dict[int, tuple[Order, str, str, str]] = {}  # while contacts are read: order, guid, names
        self._names: list[bytes | None] = []  # the picked contact's first and last name, packed
        self._picked: dict[str, int] = {}  # the picked contacts' guids -> position
        self._values: dict[int, bytes] = {}  # position -> the contact's first value per kind, packed

    def __len__(self) -> int:
        return len(self.index)

    def add_head(self, guid: str, head: Customer, office_guid: str | None) -> None:
        position = self.index.get(guid)
        if position is None:
            self.index[guid] = len(self._heads)
            self._heads.append(pack(head))
            self._office.append(office_guid or None)
            self._address.append(None)
            self._names.append(None)
        else:
            self._heads[position], self._office[position] = pack(head), office_guid or None

    def add_address(self, address: sev.Address, ref: PmReference) -> None:
        position = self.index.get(address.customer.guid or "") if address.customer else None
        if position is None:
            return
        if address.isBillingAddress:
            known = self._billing.get(position)
            if known is None or _order(address) < known[0]:
                self._billing[position] = (_order(address), pack(address_of(address, ref)))
        elif address.guid and self._office[position] == address.guid:
            self._offices[address.guid] = pack(address_of(address, ref))

    def settle_addresses(self) -> None:
        """Every address read: each customer's is its first billing address, else its head office's."""
        for position, office in enumerate(self._office):
            billing = self._billing.get(position)
            self._address[position] = billing[1] if billing else self._offices.get(office or "")
            self._office[position] = None
        self._billing, self._offices = {}, {}

    def add_contact(self, person: sev.ContactPerson) -> None:
        position = self.index.get(person.customer.guid)
        if position is None or not person.isActive or person.isDeleted:
            return
        known = self._contacts.get(position)
        if known is None or _order(person) < known[0]:
            self._contacts[position] = (_order(person), person.guid or "", person.firstName, person.lastName)

    def settle_contacts(self) -> None:
        """Every contact read: each customer's first active one is kept, its names packed."""
        for position, (_, person, first, last) in self._contacts.items():
            self._names[position] = pack((first, last))
            if person:
                self._picked[person] = position
        self._contacts = {}

    def add_communication(self, item: sev.ContactCommunication) -> None:
        """A value of a picked contact is kept when it is the first of its kind (rule C4)."""
        kind, value = item.communicationType.type, item.value.strip()
        position = self._picked.get(item.contact.guid)
        if position is None or not kind or not value:
            return
        known: tuple[str, ...] = unpack(self._values[position], tuple) if position in self._values else ()
        if kind not in known[::2]:
            # A flat (kind, value, ...) tuple, packed: a handful of kinds per contact, not a dict of strings.
            self._values[position] = pack((*known, kind, value))

    def customer(self, guid: str) -> Customer:
        """The customer completed; what was kept for it is let go."""
        position = self.index[guid]
        head = unpack(self._heads[position], Customer)
        packed_address, names = self._address[position], self._names[position]
        self._heads[position], self._address[position], self._names[position] = b"", None, None
        address = unpack(packed_address, Address) if packed_address is not None else None
        contact = None
        if names is not None:
            first, last = unpack(names, tuple)
            values = self._values.pop(position, None)
            flat = unpack(values, tuple) if values is not None else ()
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
    for guid in parts.index:
        completed[guid] = parts.customer(guid)
    return completed
