"""Reading and writing customers in Visma eEkonomi."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from brygga.eekonomi import EEkonomiClient
from brygga.eekonomi import models as eek
from brygga.mapping.eekonomi_customers import EekReference
from brygga.transfer.sync.eek_reads import read_changed

__all__ = ["EekCustomerSide"]


class EekCustomerSide:
    def __init__(self, client: EEkonomiClient, company: eek.CompanySettings | None = None) -> None:
        self.client = client
        self._reference: EekReference | None = None
        self._company = company

    async def company(self) -> eek.CompanySettings:
        if self._company is None:
            self._company = await self.client.company_settings.get()
        return self._company

    async def reference(self) -> EekReference:
        if self._reference is None:
            terms = [t async for t in self.client.terms_of_payment.iter()]
            self._reference = EekReference(company=await self.company(), terms=terms)
        return self._reference

    async def changed(self, since: datetime | None) -> tuple[list[eek.Customer], datetime]:
        return await read_changed(self.client.customers, since)

    async def all_by_number(self) -> dict[str, eek.Customer]:
        return {c.customer_number: c async for c in self.client.customers.iter() if c.customer_number}

    async def by_numbers(self, numbers: Collection[str]) -> dict[str, eek.Customer]:
        """The customers with these numbers, from one walk through the whole list (pages dropped as read)."""
        return {
            c.customer_number: c
            async for c in self.client.customers.iter()
            if c.customer_number and c.customer_number in numbers
        }

    async def find_by_number(self, number: str) -> eek.Customer | None:
        return await self.client.customers.find_by_number(number)

    async def get(self, customer_id: str) -> eek.Customer:
        return await self.client.customers.get(customer_id)

    async def create(self, customer: eek.Customer) -> eek.Customer:
        return await self.client.customers.create(customer)

    async def update(self, customer_id: str, customer: eek.Customer) -> eek.Customer:
        return await self.client.customers.update(customer_id, customer)
