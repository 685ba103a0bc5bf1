"""Reading and writing customers in Visma PM (Severa), where one customer spans four resources.

Reads are bulk when many customers changed (one paged list per resource) and per customer when few did, so an
incremental run costs a handful of calls. Writes are idempotent per resource: a re-run after a crash finds what an
earlier attempt created (customer by number, the billing address, the contact, each communication by type) and
only adds what is missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from brygga.domain import Customer
from brygga.mapping.severa_customers import (
    PmCustomerRecord,
    PmReference,
    customer_head,
    from_severa_customer,
    pick_address,
    pick_contact,
    pm_number,
    to_severa_address,
    to_severa_communications,
    to_severa_contact,
    to_severa_customer,
)
from brygga.severa import models as sev
from brygga.severa.client import SeveraClient
from brygga.transfer.customers.pm_bulk import CustomerParts, canonical_customers

__all__ = ["PmCustomerSide", "PmRead"]

BULK_THRESHOLD = 20  # above this many changed customers, one paged read per resource beats per-customer reads
T = TypeVar("T")
ModelT = TypeVar("ModelT", bound=sev.SeveraModel)


@dataclass(frozen=True)
class PmRead:
    """The customers read from PM: canonical, each with its guid, and the wire records of those read one by one
    (few). ``canon`` can be walked once: read in bulk, each customer is completed as it is taken (pm_bulk)."""

    canon: Iterator[tuple[str, Customer]]
    records: dict[str, PmCustomerRecord]


async def _collect(items: AsyncIterator[T]) -> list[T]:
    return [item async for item in items]


class PmCustomerSide:
    def __init__(self, client: SeveraClient) -> None:
        self.client = client
        self._reference: PmReference | None = None

    async def reference(self) -> PmReference:
        if self._reference is None:
            self._reference = PmReference(
                countries=await _collect(self.client.countries.iter()),
                currencies=await _collect(self.client.currencies.iter()),
                communication_types=await _collect(self.client.communication_types.iter()),
            )
        return self._reference

    # reading -----------------------------------------------------------------------------------
    async def read_changed(self, since: datetime | None, extra_guids: Iterable[str] = ()) -> PmRead:
        """Customers changed since ``since`` (all when None), including those whose address, contact or
        contact details changed, plus ``extra_guids`` (earlier failures to try again).

        Few are read per customer and keep their wire records (for writing back); many are read in one paged
        list per resource and keep only their canonical customers (pm_bulk)."""
        heads: dict[str, sev.Customer] = {}  # the first customers' wire models, for the per-customer reads
        parts = CustomerParts()
        try:
            async for customer in self.client.customers.iter(changed_since=since):
                if customer.guid:
                    self._add_head(parts, heads, customer, await self.reference())
            if since is not None:
                touched = await self._touched(since) | set(extra_guids)
                for guid in parts.missing(touched):
                    self._add_head(parts, heads, await self.client.customers.get(guid), await self.reference())
            if since is None or len(parts) > BULK_THRESHOLD:
                return await self._bulk(parts)  # the parts close once the last customer is taken
        except BaseException:
            parts.close()
            raise
        parts.close()
        records = {guid: await self.record(customer) for guid, customer in heads.items()}
        if not records:
            return PmRead(iter(()), {})
        ref = await self.reference()
        return PmRead(((g, from_severa_customer(r, ref)) for g, r in records.items()), records)

    @staticmethod
    def _add_head(
        parts: CustomerParts, heads: dict[str, sev.Customer], customer: sev.Customer, ref: PmReference
    ) -> None:
        guid = customer.guid or ""
        office = customer.headquarterAddress
        parts.add_head(guid, customer_head(customer, ref), office.guid if office is not None else None)
        if len(heads) <= BULK_THRESHOLD:
            heads[guid] = customer

    async def _touched(self, since: datetime) -> set[str]:
        """Customers whose address, contact or contact details changed since ``since``."""
        touched: set[str] = set()
        contacts: dict[str, str] = {}  # contact guid -> customer guid
        async for address in self.client.addresses.iter(changed_since=since):
            if address.customer and address.customer.guid:
                touched.add(address.customer.guid)
        async for contact in self.client.contact_persons.iter(changed_since=since):
            touched.add(contact.customer.guid)
            if contact.guid:
                contacts[contact.guid] = contact.customer.guid
        async for comm in self.client.contact_communications.iter(changed_since=since):
            guid = comm.contact.guid
            if guid not in contacts:
                contacts[guid] = (await self.client.contact_persons.get(guid)).customer.guid
            touched.add(contacts[guid])
        return touched

    async def changed(self, since: datetime | None, extra_guids: Iterable[str] = ()) -> list[PmCustomerRecord]:
        """Customers changed since ``since`` (all when None), including those whose address, contact or
        contact details changed, plus ``extra_guids`` (earlier failures to try again), with every wire model
        (the reconcile report counts them); the transfer reads with :meth:`read_changed`."""
        customers = {c.guid: c for c in await _collect(self.client.customers.iter(changed_since=since)) if c.guid}
        if since is None:
            return await self._bulk_records(list(customers.values()))
        addresses = await _collect(self.client.addresses.iter(changed_since=since))
        contacts = await _collect(self.client.contact_persons.iter(changed_since=since))
        comms = await _collect(self.client.contact_communications.iter(changed_since=since))
        touched = {a.customer.guid for a in addresses if a.customer and a.customer.guid}
        touched |= {c.customer.guid for c in contacts}
        touched |= await self._customers_of_contacts({c.contact.guid for c in comms}, contacts)
        touched |= set(extra_guids)
        for guid in touched - customers.keys():
            customers[guid] = await self.client.customers.get(guid)
        if len(customers) > BULK_THRESHOLD:
            return await self._bulk_records(list(customers.values()))
        return [await self.record(customer) for customer in customers.values()]

    async def _customers_of_contacts(self, contact_guids: set[str], known: list[sev.ContactPerson]) -> set[str]:
        by_guid = {c.guid: c for c in known}
        result = set()
        for guid in contact_guids:
            contact = by_guid.get(guid) or await self.client.contact_persons.get(guid)
            result.add(contact.customer.guid)
        return result

    async def record(self, customer: sev.Customer) -> PmCustomerRecord:
        guid = customer.guid or ""
        addresses = await self.client.addresses.for_customer(guid)
        contacts = await self.client.contact_persons.for_customer(guid)
        comms = {c.guid or "": await self.client.contact_communications.for_contact(c.guid or "") for c in contacts}
        return PmCustomerRecord(customer, addresses, contacts, comms)

    async def _bulk(self, parts: CustomerParts) -> PmRead:
        if not parts:
            parts.close()
            return PmRead(iter(()), {})
        canon = await canonical_customers(
            parts,
            await self.reference(),
            self.client.addresses.iter(),
            self.client.contact_persons.iter(),
            self.client.contact_communications.iter(),
        )
        return PmRead(canon, {})

    async def _bulk_records(self, customers: list[sev.Customer]) -> list[PmCustomerRecord]:
        if not customers:
            return []
        addresses: dict[str, list[sev.Address]] = defaultdict(list)
        async for address in self.client.addresses.iter():
            if address.customer and address.customer.guid:
                addresses[address.customer.guid].append(address)
        contacts: dict[str, list[sev.ContactPerson]] = defaultdict(list)
        async for contact in self.client.contact_persons.iter():
            contacts[contact.customer.guid].append(contact)
        comms: dict[str, list[sev.ContactCommunication]] = defaultdict(list)
        async for comm in self.client.contact_communications.iter():
            comms[comm.contact.guid].append(comm)
        return [
            PmCustomerRecord(
                c,
                addresses.get(c.guid or "", []),
                contacts.get(c.guid or "", []),
                {p.guid or "": comms.get(p.guid or "", []) for p in contacts.get(c.guid or "", [])},
            )
            for c in customers
        ]

    async def by_numbers(self, numbers: Iterable[str]) -> dict[str, sev.Customer]:
        """PM customers with these numbers (reconcile by natural key); non-numeric numbers cannot exist in PM."""
        wanted = sorted({n for n in map(pm_number, numbers) if n is not None})
        found: dict[str, sev.Customer] = {}
        for start in range(0, len(wanted), 100):
            async for customer in self.client.customers.iter(numbers=wanted[start : start + 100]):
                if customer.number is not None:
                    found[str(customer.number)] = customer
        return found

    # writing -----------------------------------------------------------------------------------
    async def create_customer(self, customer: Customer) -> sev.Customer:
        body = to_severa_customer(customer, await self.reference())
        return await self.client.customers.create(body)

    async def complete(self, created: sev.Customer, customer: Customer, *, fresh: bool) -> PmCustomerRecord:
        """Give a PM customer the canonical customer's address and contact. ``fresh``: it was just created, so
        nothing needs looking up; otherwise an earlier attempt may have added some of it already."""
        record = PmCustomerRecord(created) if fresh else await self.record(created)
        return await self.apply_children(record, customer)

    async def update(self, record: PmCustomerRecord, customer: Customer) -> PmCustomerRecord:
        ref = await self.reference()
        desired = to_severa_customer(customer, ref).to_create_body()
        current = record.customer.model_dump(mode="json")
        changes = _changed_paths(current, desired)
        updated = record.customer
        if changes:
            updated = await self.client.customers.update(record.guid, changes)
        return await self.apply_children(
            PmCustomerRecord(updated, record.addresses, record.contacts, record.communications), customer
        )

    async def apply_children(self, record: PmCustomerRecord, customer: Customer) -> PmCustomerRecord:
        ref = await self.reference()
        addresses = list(record.addresses)
        address = pick_address(record)
        if customer.address is not None:
            desired = to_severa_address(customer.address, record.guid, ref)
            if address is None:
                address = await self.client.addresses.create(record.guid, desired)
                addresses.append(address)
            else:
                address = await self._patch(self.client.addresses.update, address, desired, addresses)
        contacts = list(record.contacts)
        comms = {key: list(value) for key, value in record.communications.items()}
        if customer.contact is not None and customer.contact.full_name:
            contact = await self._ensure_contact(record, customer, address, contacts)
            comms[contact.guid or ""] = await self._ensure_comms(
                contact, customer, comms.get(contact.guid or "", []), ref
            )
        return PmCustomerRecord(record.customer, addresses, contacts, comms)

    async def _ensure_contact(
        self,
        record: PmCustomerRecord,
        customer: Customer,
        address: sev.Address | None,
        contacts: list[sev.ContactPerson],
    ) -> sev.ContactPerson:
        assert customer.contact is not None
        desired = to_severa_contact(customer.contact.full_name, record.guid, address.guid if address else None)
        existing = pick_contact(PmCustomerRecord(record.customer, (), contacts))
        if existing is None:
            created = await self.client.contact_persons.create(desired)
            contacts.append(created)
            return created
        return await self._patch(self.client.contact_persons.update, existing, desired, contacts)

    async def _ensure_comms(
        self,
        contact: sev.ContactPerson,
        customer: Customer,
        current: list[sev.ContactCommunication],
        ref: PmReference,
    ) -> list[sev.ContactCommunication]:
        assert customer.contact is not None
        result = list(current)
        for wanted in to_severa_communications(customer.contact, contact.guid or "", ref):
            kind = wanted.communicationType.type
            existing = next((c for c in result if c.communicationType.type == kind), None)
            if existing is None:
                result.append(await self.client.contact_communications.create(wanted))
            elif existing.value != wanted.value and existing.guid:
                updated = await self.client.contact_communications.update(existing.guid, {"value": wanted.value})
                result[result.index(existing)] = updated
        return result

    async def _patch(
        self,
        update: Callable[[str, Mapping[str, Any]], Awaitable[ModelT]],
        current: ModelT,
        desired: ModelT,
        bucket: list[ModelT],
    ) -> ModelT:
        changes = _changed_paths(current.model_dump(mode="json"), desired.to_create_body())
        changes.pop("customer/guid", None)  # ownership is not patchable and never changes
        if not changes:
            return current
        patched = await update(getattr(current, "guid", None) or "", changes)
        bucket[bucket.index(current)] = patched
        return patched


def _changed_paths(current: dict[str, Any], desired: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """JSON-patch paths (``name``, ``currency/guid``) whose desired value differs from the current one."""
    changes: dict[str, Any] = {}
    for key, value in desired.items():
        path = f"{prefix}{key}"
        here = current.get(key)
        if isinstance(value, dict):
            changes.update(_changed_paths(here if isinstance(here, dict) else {}, value, f"{path}/"))
        elif here != value:
            changes[path] = value
    return changes
