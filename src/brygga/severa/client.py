"""SeveraClient: the Visma PM (Severa REST API v1) facade, one service per resource.

Verbs: ``list`` fetches one page, ``iter`` walks all pages, ``get`` reads one object, ``create``
POSTs (never resent by the transport: see the write protocol), ``update`` PATCHes with ``Replace``
operations (safe to retry). ``for_customer`` / ``for_contact`` return everything under one parent.

The customer-side services are here; products, work types, travel expense types and VAT rates are
in :mod:`brygga.severa.article_services`, projects in :mod:`brygga.severa.project_services`, price
lists in :mod:`brygga.severa.price_lists`, invoice statuses and invoices in
:mod:`brygga.severa.invoice_services`, project fees in :mod:`brygga.severa.fee_services`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Mapping
from datetime import datetime
from typing import Any

from brygga.http.client_base import ApiClient
from brygga.http.transport import ErrorMapper
from brygga.severa.article_services import (
    ProductsService,
    TravelExpenseTypesService,
    VatRatesService,
    WorkTypesService,
)
from brygga.severa.errors import SYSTEM, map_error
from brygga.severa.fee_services import ProjectFeesService
from brygga.severa.invoice_services import InvoicesService, InvoiceStatusesService
from brygga.severa.models import (
    Address,
    CommunicationType,
    ContactCommunication,
    ContactPerson,
    Country,
    Currency,
    Customer,
)
from brygga.severa.pages import TOKEN_PAGE_ROWS, Query
from brygga.severa.price_lists import PriceListsService
from brygga.severa.project_services import ProjectsService
from brygga.severa.query import query_items
from brygga.severa.service_base import CrudService, Page, Service

__all__ = [
    "AddressesService",
    "CommunicationTypesService",
    "ContactCommunicationsService",
    "ContactPersonsService",
    "CountriesService",
    "CurrenciesService",
    "CustomersService",
    "Page",
    "SeveraClient",
]


class CustomersService(CrudService[Customer]):
    """``/v1/customers`` (token paging)."""

    _MODEL = Customer
    _LIST = "/v1/customers"
    _ONE = "/v1/customers/{guid}"

    async def list(
        self,
        *,
        page_token: str | None = None,
        row_count: int = TOKEN_PAGE_ROWS,
        changed_since: datetime | None = None,
        is_active: bool | None = None,
        numbers: Iterable[int] | None = None,
        names: Iterable[str] | None = None,
    ) -> Page[Customer]:
        query = _customer_query(changed_since, is_active, numbers, names)
        return await self._token_page(Customer, self._LIST, query=query, page_token=page_token, row_count=row_count)

    async def iter(
        self,
        *,
        changed_since: datetime | None = None,
        is_active: bool | None = None,
        numbers: Iterable[int] | None = None,
        names: Iterable[str] | None = None,
    ) -> AsyncIterator[Customer]:
        """Every matching customer; ``changed_since`` is inclusive ("greater or equal")."""
        query = _customer_query(changed_since, is_active, numbers, names)
        async for customer in self._iter_token(Customer, self._LIST, query=query):
            yield customer


def _customer_query(
    changed_since: datetime | None,
    is_active: bool | None,
    numbers: Iterable[int] | None,
    names: Iterable[str] | None,
) -> Query:
    return query_items(changedSince=changed_since, isActive=is_active, numbers=numbers, customerNames=names)


class AddressesService(Service):
    """``/v1/addresses`` and ``/v1/customers/{customerGuid}/addresses`` (offset paging)."""

    _ALL = "/v1/addresses"
    _ONE = "/v1/addresses/{guid}"
    _OF_CUSTOMER = "/v1/customers/{customerGuid}/addresses"

    def iter(self, *, changed_since: datetime | None = None) -> AsyncIterator[Address]:
        return self._iter_offset(Address, self._ALL, query=query_items(changedSince=changed_since))

    async def for_customer(self, customer_guid: str) -> list[Address]:
        """All addresses of one customer, in Severa's (undefined) order."""
        params = {"customerGuid": customer_guid}
        return [address async for address in self._iter_offset(Address, self._OF_CUSTOMER, path_params=params)]

    async def get(self, guid: str) -> Address:
        return await self._get(Address, self._ONE, {"guid": guid})

    async def create(self, customer_guid: str, address: Address) -> Address:
        return await self._create(address, self._OF_CUSTOMER, {"customerGuid": customer_guid})

    async def update(self, guid: str, changes: Mapping[str, Any]) -> Address:
        return await self._update(Address, self._ONE, guid, changes)


class ContactPersonsService(CrudService[ContactPerson]):
    """``/v1/contactpersons`` and ``/v1/customers/{customerGuid}/contactpersons`` (offset paging)."""

    _MODEL = ContactPerson
    _LIST = "/v1/contactpersons"
    _ONE = "/v1/contactpersons/{guid}"
    _OF_CUSTOMER = "/v1/customers/{customerGuid}/contactpersons"

    def iter(self, *, changed_since: datetime | None = None) -> AsyncIterator[ContactPerson]:
        return self._iter_offset(ContactPerson, self._LIST, query=query_items(changedSince=changed_since))

    async def for_customer(self, customer_guid: str) -> list[ContactPerson]:
        params = {"customerGuid": customer_guid}
        return [contact async for contact in self._iter_offset(ContactPerson, self._OF_CUSTOMER, path_params=params)]


class ContactCommunicationsService(CrudService[ContactCommunication]):
    """``/v1/contactcommunications`` (offset paging) and a contact's own list (not paged)."""

    _MODEL = ContactCommunication
    _LIST = "/v1/contactcommunications"
    _ONE = "/v1/contactcommunications/{guid}"
    _OF_CONTACT = "/v1/contacts/{contactGuid}/contactcommunications"

    def iter(self, *, changed_since: datetime | None = None) -> AsyncIterator[ContactCommunication]:
        query = query_items(changedSince=changed_since)
        return self._iter_offset(ContactCommunication, self._LIST, query=query)

    async def for_contact(self, contact_guid: str) -> list[ContactCommunication]:
        return await self._all_unpaged(ContactCommunication, self._OF_CONTACT, {"contactGuid": contact_guid})


class CommunicationTypesService(Service):
    """``/v1/communicationtypes`` (offset paging, no ``changedSince``)."""

    def iter(self) -> AsyncIterator[CommunicationType]:
        return self._iter_offset(CommunicationType, "/v1/communicationtypes")


class CurrenciesService(Service):
    """``/v1/currencies`` (offset paging, no ``changedSince``)."""

    def iter(self) -> AsyncIterator[Currency]:
        return self._iter_offset(Currency, "/v1/currencies")


class CountriesService(Service):
    """``/v1/localization/countries`` (one unpaged list)."""

    async def iter(self) -> AsyncIterator[Country]:
        for country in await self._all_unpaged(Country, "/v1/localization/countries"):
            yield country


class SeveraClient(ApiClient):
    """Severa REST API v1 for one organisation; ``base_url`` is the part before ``/v1``.

    For example ``https://api.severa.visma.com/rest-api`` or an emulator's ``http://127.0.0.1:8081``.
    """

    SYSTEM = SYSTEM
    DEFAULT_REQUESTS_PER_MINUTE = 480.0

    def _error_mapper(self) -> ErrorMapper:
        return map_error

    def _add_services(self) -> None:
        self.customers = CustomersService(self._api)
        self.addresses = AddressesService(self._api)
        self.contact_persons = ContactPersonsService(self._api)
        self.contact_communications = ContactCommunicationsService(self._api)
        self.communication_types = CommunicationTypesService(self._api)
        self.currencies = CurrenciesService(self._api)
        self.countries = CountriesService(self._api)
        self.products = ProductsService(self._api)
        self.work_types = WorkTypesService(self._api)
        self.travel_expense_types = TravelExpenseTypesService(self._api)
        self.vat_rates = VatRatesService(self._api)
        self.projects = ProjectsService(self._api)
        self.price_lists = PriceListsService(self._api)
        self.invoice_statuses = InvoiceStatusesService(self._api)
        self.invoices = InvoicesService(self._api)
        self.project_fees = ProjectFeesService(self._api)
