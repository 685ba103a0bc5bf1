"""SeveraClient: the Visma PM (Severa REST API v1) facade, one service per resource.

Verbs: ``list`` fetches one page, ``iter`` walks all pages, ``get`` reads one object, ``create``
POSTs (never resent by the transport: see the write protocol), ``update`` PATCHes with ``Replace``
operations (safe to retry). ``for_customer`` / ``for_contact`` return everything under one parent.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

import httpx
from pydantic import ValidationError

from brygga.errors import ServerError
from brygga.http import ApiTransport, jsonio, request_path
from brygga.http.client_base import ApiClient
from brygga.severa.errors import SYSTEM, map_error
from brygga.severa.models import (
    Address,
    CommunicationType,
    ContactCommunication,
    ContactPerson,
    Country,
    Currency,
    Customer,
    SeveraModel,
)
from brygga.severa.pages import (
    TOKEN_PAGE_ROWS,
    Query,
    fetch_token_page,
    iter_offset_pages,
    iter_token_pages,
    rows_of,
)
from brygga.severa.patch import build_patch_body
from brygga.severa.query import query_items

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

ModelT = TypeVar("ModelT", bound=SeveraModel)


@dataclass(frozen=True)
class Page(Generic[ModelT]):
    """One page of a token-paged list; pass ``next_page_token`` to ``list`` for the next one."""

    items: list[ModelT]
    next_page_token: str | None


def _parse(model: type[ModelT], data: Any, method: str, path: str) -> ModelT:
    """Validate one object; an answer that breaks the spec is the server's fault, not the caller's."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ServerError(
            f"Visma PM svarade med en {model.__name__} som inte följer API-beskrivningen: "
            f"{exc.error_count()} fel, första: {exc.errors()[0]['msg']}",
            system=SYSTEM,
            method=method,
            path=path,
            # A POST that got a 2xx was applied even if its answer is unreadable: reconcile, never resend.
            outcome_unknown=method == "POST",
        ) from exc


class _Service:
    """The shared verbs; each resource service names its routes and filters."""

    def __init__(self, transport: ApiTransport) -> None:
        self._transport = transport

    async def _send(
        self,
        model: type[ModelT],
        method: str,
        template: str,
        *,
        path_params: Mapping[str, str] | None = None,
        json: Any = None,
    ) -> ModelT:
        response = await self._transport.request(method, template, path_params=path_params, json=json)
        body = jsonio.loads(response.content) if response.content.strip() else None
        # Most PATCH routes answer with an array of updated models (contactcommunications with one).
        if isinstance(body, list) and body:
            body = body[0]
        return _parse(model, body, method, request_path(response.request))

    async def _get(self, model: type[ModelT], template: str, path_params: Mapping[str, str]) -> ModelT:
        return await self._send(model, "GET", template, path_params=path_params)

    async def _create(self, obj: ModelT, template: str, path_params: Mapping[str, str] | None = None) -> ModelT:
        return await self._send(type(obj), "POST", template, path_params=path_params, json=obj.to_create_body())

    async def _update(self, model: type[ModelT], template: str, guid: str, changes: Mapping[str, Any]) -> ModelT:
        body = build_patch_body(changes)
        return await self._send(model, "PATCH", template, path_params={"guid": guid}, json=body)

    async def _iter_offset(
        self,
        model: type[ModelT],
        template: str,
        *,
        path_params: Mapping[str, str] | None = None,
        query: Query = (),
    ) -> AsyncIterator[ModelT]:
        pages = iter_offset_pages(self._transport, template, path_params=path_params, query=query)
        async for page in pages:
            for row in page.rows:
                yield _parse(model, row, "GET", page.path)

    async def _all_unpaged(
        self, model: type[ModelT], template: str, path_params: Mapping[str, str] | None = None
    ) -> list[ModelT]:
        response = await self._transport.request("GET", template, path_params=path_params)
        path = request_path(response.request)
        return [_parse(model, row, "GET", path) for row in rows_of(response)]


class CustomersService(_Service):
    """``/v1/customers`` (token paging)."""

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
        page = await fetch_token_page(
            self._transport, self._LIST, query=query, page_token=page_token, row_count=row_count
        )
        items = [_parse(Customer, row, "GET", page.path) for row in page.rows]
        return Page(items=items, next_page_token=page.next_page_token)

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
        async for page in iter_token_pages(self._transport, self._LIST, query=query):
            for row in page.rows:
                yield _parse(Customer, row, "GET", page.path)

    async def get(self, guid: str) -> Customer:
        return await self._get(Customer, self._ONE, {"guid": guid})

    async def create(self, customer: Customer) -> Customer:
        return await self._create(customer, self._LIST)

    async def update(self, guid: str, changes: Mapping[str, Any]) -> Customer:
        """PATCH the given JSON paths, e.g. ``{"name": "Acme AB", "currency/guid": "…"}``."""
        return await self._update(Customer, self._ONE, guid, changes)


def _customer_query(
    changed_since: datetime | None,
    is_active: bool | None,
    numbers: Iterable[int] | None,
    names: Iterable[str] | None,
) -> Query:
    return query_items(changedSince=changed_since, isActive=is_active, numbers=numbers, customerNames=names)


class AddressesService(_Service):
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


class ContactPersonsService(_Service):
    """``/v1/contactpersons`` and ``/v1/customers/{customerGuid}/contactpersons`` (offset paging)."""

    _ALL = "/v1/contactpersons"
    _ONE = "/v1/contactpersons/{guid}"
    _OF_CUSTOMER = "/v1/customers/{customerGuid}/contactpersons"

    def iter(self, *, changed_since: datetime | None = None) -> AsyncIterator[ContactPerson]:
        return self._iter_offset(ContactPerson, self._ALL, query=query_items(changedSince=changed_since))

    async def for_customer(self, customer_guid: str) -> list[ContactPerson]:
        params = {"customerGuid": customer_guid}
        return [contact async for contact in self._iter_offset(ContactPerson, self._OF_CUSTOMER, path_params=params)]

    async def get(self, guid: str) -> ContactPerson:
        return await self._get(ContactPerson, self._ONE, {"guid": guid})

    async def create(self, contact: ContactPerson) -> ContactPerson:
        return await self._create(contact, self._ALL)

    async def update(self, guid: str, changes: Mapping[str, Any]) -> ContactPerson:
        return await self._update(ContactPerson, self._ONE, guid, changes)


class ContactCommunicationsService(_Service):
    """``/v1/contactcommunications`` (offset paging) and a contact's own list (not paged)."""

    _ALL = "/v1/contactcommunications"
    _ONE = "/v1/contactcommunications/{guid}"
    _OF_CONTACT = "/v1/contacts/{contactGuid}/contactcommunications"

    def iter(self, *, changed_since: datetime | None = None) -> AsyncIterator[ContactCommunication]:
        query = query_items(changedSince=changed_since)
        return self._iter_offset(ContactCommunication, self._ALL, query=query)

    async def for_contact(self, contact_guid: str) -> list[ContactCommunication]:
        return await self._all_unpaged(ContactCommunication, self._OF_CONTACT, {"contactGuid": contact_guid})

    async def get(self, guid: str) -> ContactCommunication:
        return await self._get(ContactCommunication, self._ONE, {"guid": guid})

    async def create(self, communication: ContactCommunication) -> ContactCommunication:
        return await self._create(communication, self._ALL)

    async def update(self, guid: str, changes: Mapping[str, Any]) -> ContactCommunication:
        return await self._update(ContactCommunication, self._ONE, guid, changes)


class CommunicationTypesService(_Service):
    """``/v1/communicationtypes`` (offset paging, no ``changedSince``)."""

    def iter(self) -> AsyncIterator[CommunicationType]:
        return self._iter_offset(CommunicationType, "/v1/communicationtypes")


class CurrenciesService(_Service):
    """``/v1/currencies`` (offset paging, no ``changedSince``)."""

    def iter(self) -> AsyncIterator[Currency]:
        return self._iter_offset(Currency, "/v1/currencies")


class CountriesService(_Service):
    """``/v1/localization/countries`` (one unpaged list)."""

    async def iter(self) -> AsyncIterator[Country]:
        for country in await self._all_unpaged(Country, "/v1/localization/countries"):
            yield country


class SeveraClient(ApiClient):
    """Severa REST API v1 for one organisation; ``base_url`` is the part before ``/v1``.

    For example ``https://api.severa.visma.com/rest-api`` or an emulator's ``http://127.0.0.1:8081``.
    """

    def __init__(
        self,
        base_url: str,
        auth: httpx.Auth,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        requests_per_minute: float = 480.0,
        timeout: float = 30.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        super().__init__(
            ApiTransport(
                system=SYSTEM,
                base_url=base_url,
                error_mapper=map_error,
                auth=auth,
                transport=transport,
                requests_per_minute=requests_per_minute,
                timeout=timeout,
                sleep=sleep,
            )
        )
        self.customers = CustomersService(self._api)
        self.addresses = AddressesService(self._api)
        self.contact_persons = ContactPersonsService(self._api)
        self.contact_communications = ContactCommunicationsService(self._api)
        self.communication_types = CommunicationTypesService(self._api)
        self.currencies = CurrenciesService(self._api)
        self.countries = CountriesService(self._api)
