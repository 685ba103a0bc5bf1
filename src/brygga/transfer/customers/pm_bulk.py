"""Many PM customers at once, as canonical customers, without keeping PM's wire models (issue 16, goal 2).

A PM customer spans four resources. Read one paged list per resource and keep, per customer, only what the
mapping picks (rule C4): the first billing address (else the head office's), the first active contact and that
contact's first value per communication type. Each page's models are dropped once read, so memory grows with
the canonical customers, not with PM's answers (some twenty nested models per customer).
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from brygga.domain import Address, Customer
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
    contact) and the picked address and contact of each."""

    heads: dict[str, Customer]
    head_office: dict[str, str] = field(default_factory=dict)  # customer guid -> its head office address guid
    billing: dict[str, tuple[Order, Address]] = field(default_factory=dict)
    offices: dict[str, Address] = field(default_factory=dict)  # head office address guid -> address
    contacts: dict[str, tuple[Order, str, str, str]] = field(default_factory=dict)  # order, guid, first, last
    communications: dict[str, dict[str, str]] = field(default_factory=dict)  # contact guid -> type -> value

    def add_address(self, address: sev.Address, ref: PmReference) -> None:
        owner = address.customer.guid if address.customer else None
        if not owner or owner not in self.heads:
            return
        if address.isBillingAddress:
            known = self.billing.get(owner)
            if known is None or _order(address) < known[0]:
                self.billing[owner] = (_order(address), address_of(address, ref))
        elif address.guid and self.head_office.get(owner) == address.guid:
            self.offices[address.guid] = address_of(address, ref)

    def add_contact(self, person: sev.ContactPerson) -> None:
        owner = person.customer.guid
        if owner not in self.heads or not person.isActive or person.isDeleted:
            return
        known = self.contacts.get(owner)
        if known is None or _order(person) < known[0]:
            self.contacts[owner] = (_order(person), person.guid or "", person.firstName, person.lastName)

    def add_communication(self, item: sev.ContactCommunication, picked: Mapping[str, str]) -> None:
        """``picked``: the contact guids whose values are wanted (the picked contacts)."""
        kind, value = item.communicationType.type, item.value.strip()
        if item.contact.guid in picked and kind and value:
            self.communications.setdefault(item.contact.guid, {}).setdefault(kind, value)

    def customer(self, guid: str) -> Customer:
        """The customer completed; what was kept for it is let go."""
        head = self.heads.pop(guid)
        billing = self.billing.pop(guid, None)
        office = self.offices.pop(self.head_office.pop(guid, ""), None)
        address = billing[1] if billing else office
        picked = self.contacts.pop(guid, None)
        contact = None
        if picked is not None:
            _, person, first, last = picked
            contact = contact_of(first, last, self.communications.pop(person, {}))
        return replace(head, address=address, contact=contact)


async def canonical_customers(
    parts: CustomerParts,
    ref: PmReference,
    addresses: AsyncIterable[sev.Address],
    contacts: AsyncIterable[sev.ContactPerson],
    communications: AsyncIterable[sev.ContactCommunication],
) -> dict[str, Customer]:
    """Every head in ``parts`` completed with its address and contact, reading each list once."""
    async for address in addresses:
        parts.add_address(address, ref)
    async for person in contacts:
        parts.add_contact(person)
    picked = {person: owner for owner, (_, person, _, _) in parts.contacts.items() if person}
    async for item in communications:
        parts.add_communication(item, picked)
    return {guid: parts.customer(guid) for guid in list(parts.heads)}
