"""Reading and writing customers in Visma eEkonomi."""

from __future__ import annotations

from datetime import datetime, timedelta

from brygga.eekonomi import EEkonomiClient, field
from brygga.eekonomi import models as eek
from brygga.mapping.eekonomi_customers import EekReference

__all__ = ["EekCustomerSide"]

# ChangedUtc and the server time may be stamped in different instants of the same request; re-reading a short
# overlap costs nothing because unchanged linked customers are recognised by their fingerprint.
CURSOR_OVERLAP = timedelta(minutes=2)


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
        """Customers changed after ``since`` (all when None) and the server's time of the first page,
        which becomes the next cursor (the server's clock, so skew on our side cannot skip a change)."""
        query = field("ChangedUtc").gt(since - CURSOR_OVERLAP) if since is not None else None
        first = await self.client.customers.list(page=1, filter=query)
        customers = list(first.data)
        for page in range(2, first.meta.total_number_of_pages + 1):
            customers.extend((await self.client.customers.list(page=page, filter=query)).data)
        return customers, first.meta.server_time_utc

    async def all_by_number(self) -> dict[str, eek.Customer]:
        return {c.customer_number: c async for c in self.client.customers.iter() if c.customer_number}

    async def find_by_number(self, number: str) -> eek.Customer | None:
        return await self.client.customers.find_by_number(number)

    async def get(self, customer_id: str) -> eek.Customer:
        return await self.client.customers.get(customer_id)

    async def create(self, customer: eek.Customer) -> eek.Customer:
        return await self.client.customers.create(customer)

    async def update(self, customer_id: str, customer: eek.Customer) -> eek.Customer:
        return await self.client.customers.update(customer_id, customer)
