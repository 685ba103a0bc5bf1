"""Documents for the data sets, in the store's shape, built without going through the API.

Going around the API is deliberate: the demo needs objects the API would refuse (a contact without a
last name), exactly as a long-lived real tenant contains them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .ids import stable_guid
from .reference_data import communication_type_guid, country_guid, currency_guid
from .store import Document, SeveraStore
from .wire import format_datetime

__all__ = ["AddressSpec", "ContactSpec", "CustomerSpec", "Ticker", "add_customer", "org_number"]


class Ticker:
    """Hands out creation times one minute apart, so data sets have a fixed, meaningful order."""

    def __init__(self, start: datetime) -> None:
        self._next = start

    def __call__(self) -> str:
        moment = self._next
        self._next += timedelta(minutes=1)
        return format_datetime(moment)


@dataclass(frozen=True)
class AddressSpec:
    addressline: str | None
    postal_code: str | None
    city: str | None
    country: str = "SE"
    phone: str | None = None
    billing: bool = True
    visit: bool = False
    postal: bool = True


@dataclass(frozen=True)
class ContactSpec:
    first_name: str
    last_name: str
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    job_title: str | None = None
    address_index: int | None = 0  # which of the customer's addresses the contact belongs to


@dataclass(frozen=True)
class CustomerSpec:
    number: int
    name: str
    vat_number: str | None
    email: str | None
    website: str | None
    addresses: tuple[AddressSpec, ...]
    contacts: tuple[ContactSpec, ...]
    payment_term: int = 30
    currency: str = "SEK"
    notes: str | None = None
    active: bool = True
    headquarter_index: int | None = 0


def org_number(seed: int) -> str:
    """A Swedish organisation number (556xxxxxxx) with a valid Luhn check digit."""
    body = f"556{seed * 7919 % 1_000_000:06d}"
    total = 0
    for index, char in enumerate(body):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return body + str((10 - total % 10) % 10)


def add_customer(store: SeveraStore, spec: CustomerSpec, tick: Ticker) -> None:
    customer_guid = stable_guid("customer", spec.number)
    created = tick()
    address_guids = [stable_guid("address", f"{spec.number}:{index}") for index in range(len(spec.addresses))]
    hq = address_guids[spec.headquarter_index] if spec.headquarter_index is not None and address_guids else None
    store.adopt("customers", _customer(spec, customer_guid, created, hq))
    for guid, address in zip(address_guids, spec.addresses, strict=True):
        store.adopt("addresses", _address(address, guid, customer_guid, tick()))
    for index, contact in enumerate(spec.contacts):
        contact_guid = stable_guid("contact", f"{spec.number}:{index}")
        address_guid = address_guids[contact.address_index] if contact.address_index is not None else None
        store.adopt("contacts", _contact(contact, contact_guid, customer_guid, address_guid, tick()))
        for method, value in (
            ("EmailAddress", contact.email),
            ("Phone", contact.phone),
            ("MobilePhone", contact.mobile),
        ):
            if value:
                store.adopt("communications", _communication(contact_guid, method, value, tick()))


def _stamps(created: str) -> dict[str, Any]:
    return {"createdDateTime": created, "lastUpdatedDateTime": created}


def _customer(spec: CustomerSpec, guid: str, created: str, hq: str | None) -> Document:
    return {
        "guid": guid,
        "number": spec.number,
        "name": spec.name,
        "vatNumber": spec.vat_number,
        "email": spec.email,
        "website": spec.website,
        "notes": spec.notes,
        "paymentTerm": spec.payment_term,
        "currency": {"guid": currency_guid(spec.currency)},
        "isActive": spec.active,
        "isInternal": False,
        "headquarterAddress": {"guid": hq} if hq else None,
        **_stamps(created),
    }


def _address(spec: AddressSpec, guid: str, customer_guid: str, created: str) -> Document:
    return {
        "guid": guid,
        "addressline": spec.addressline,
        "postalCode": spec.postal_code,
        "city": spec.city,
        "country": {"guid": country_guid(spec.country)},
        "phone": spec.phone,
        "fax": None,
        "isBillingAddress": spec.billing,
        "isPostalAddress": spec.postal,
        "isVisitAddress": spec.visit,
        "customer": {"guid": customer_guid},
        **_stamps(created),
    }


def _contact(spec: ContactSpec, guid: str, customer_guid: str, address_guid: str | None, created: str) -> Document:
    return {
        "guid": guid,
        "firstName": spec.first_name,
        "lastName": spec.last_name,
        "jobTitle": spec.job_title,
        "customer": {"guid": customer_guid},
        "addressGuid": address_guid,
        "isActive": True,
        "isEmailAllowed": True,
        **_stamps(created),
    }


def _communication(contact_guid: str, method: str, value: str, created: str) -> Document:
    return {
        "guid": stable_guid("communication", f"{contact_guid}:{method}"),
        "value": value,
        "contact": {"guid": contact_guid},
        "communicationType": {"guid": communication_type_guid(method)},
        "isForbiddenToUse": False,
        **_stamps(created),
    }
