"""Small, valid objects for the customer-rule tests: canonical customers, wire records and reference data.

Every builder returns something that passes all rules, so a test changes exactly the one thing it is about.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from brygga.domain import Address, Contact, Customer
from brygga.eekonomi import models as eek
from brygga.mapping.eekonomi_customers import EekReference
from brygga.mapping.severa_customers import PmCustomerRecord, PmReference
from brygga.severa import models as sev

__all__ = [
    "NORWAY_GUID",
    "SWEDEN_GUID",
    "address",
    "at",
    "canonical",
    "comm_types",
    "eek_reference",
    "guid",
    "pm_address",
    "pm_contact",
    "pm_customer",
    "pm_email",
    "pm_record",
    "pm_reference",
    "terms_id",
    "with_address",
]

SWEDEN_GUID = "c0000000-0000-0000-0000-000000000046"
NORWAY_GUID = "c0000000-0000-0000-0000-000000000047"
_NAMESPACE = uuid.UUID("6f1c3a52-3f0e-4a53-9c1e-000000000000")


def guid(label: str) -> str:
    """A stable GUID per label, so tests can name objects and still send well-formed ids."""
    return str(uuid.uuid5(_NAMESPACE, label))


def at(day: int) -> datetime:
    return datetime(2024, 1, day, 12, 0, tzinfo=UTC)


# --- canonical --------------------------------------------------------------------------------------
def address(**overrides: Any) -> Address:
    base = Address(line1="Storgatan 1", postal_code="111 22", city="Stockholm", country_code="SE", phone="08-123")
    return replace(base, **overrides)


def canonical(**overrides: Any) -> Customer:
    base = Customer(
        number="1001",
        name="Acme AB",
        vat_number="SE556677889901",
        organisation_number="556677-8899",
        email="info@acme.se",
        website="acme.se",
        notes="Viktig kund",
        payment_days=30,
        currency_code="SEK",
        address=address(),
        contact=Contact(first_name="Karin", last_name="Lind", email="karin@acme.se", phone="08-1", mobile="070-1"),
    )
    return replace(base, **overrides)


def with_address(customer: Customer, **overrides: Any) -> Customer:
    return replace(customer, address=replace(customer.address or Address(), **overrides))


# --- eEkonomi reference -----------------------------------------------------------------------------
def terms_id(days: int) -> str:
    return guid(f"terms-{days}")


def eek_reference(days: Iterable[int] = (0, 10, 14, 30, 60), default_days: int | None = 30) -> EekReference:
    terms = [
        eek.TermsOfPayment(
            id=terms_id(d),
            name=f"{d} dagar netto",
            number_of_days=d,
            terms_of_payment_type_id=0,
            available_for_sales=True,
        )
        for d in days
    ]
    company = eek.CompanySettings(
        name="Demo AB", currency_code="SEK", terms_of_payment_id=terms_id(default_days) if default_days else None
    )
    return EekReference(company=company, terms=terms)


# --- Visma PM -----------------------------------------------------------------------------------------
def comm_types() -> list[sev.CommunicationType]:
    return [
        sev.CommunicationType(guid=guid(f"type-{kind}"), name=kind, type=kind)
        for kind in ("EmailAddress", "Phone", "MobilePhone")
    ]


def pm_reference(active: Sequence[str] = ("SEK", "EUR"), inactive: Sequence[str] = ("NOK",)) -> PmReference:
    currencies = [
        sev.Currency(guid=guid(f"cur-{code}"), code=code, isActive=True, isOrganizationCurrency=code == "SEK")
        for code in active
    ] + [sev.Currency(guid=guid(f"cur-{code}"), code=code, isActive=False) for code in inactive]
    countries = [
        sev.Country(guid=SWEDEN_GUID, code2="SE", name="Sverige", englishName="Sweden"),
        sev.Country(guid=NORWAY_GUID, code2="NO", name="Norge", englishName="Norway"),
    ]
    return PmReference(countries=countries, currencies=currencies, communication_types=comm_types())


def pm_customer(**overrides: Any) -> sev.Customer:
    values: dict[str, Any] = {
        "guid": guid("pm-customer"),
        "number": 1001,
        "name": "Acme AB",
        "vatNumber": "SE556677889901",
        "paymentTerm": 30,
        "currency": sev.CurrencyRef(guid=guid("cur-SEK"), code="SEK"),
        "isActive": True,
    }
    return sev.Customer(**{**values, **overrides})


def pm_address(label: str, *, billing: bool, created: int, **overrides: Any) -> sev.Address:
    values: dict[str, Any] = {
        "guid": guid(label),
        "addressline": f"{label} 1",
        "postalCode": "111 22",
        "city": "Stockholm",
        "country": sev.AddressCountry(guid=SWEDEN_GUID, name="Sverige"),
        "isBillingAddress": billing,
        "phone": f"phone {label}",
        "createdDateTime": at(created),
    }
    return sev.Address(**{**values, **overrides})


def pm_contact(label: str, *, created: int, customer_guid: str | None = None, **overrides: Any) -> sev.ContactPerson:
    values: dict[str, Any] = {
        "guid": guid(label),
        "customer": sev.ContactCustomer(guid=customer_guid or guid("pm-customer")),
        "firstName": f"{label}-first",
        "lastName": f"{label}-last",
        "createdDateTime": at(created),
    }
    return sev.ContactPerson(**{**values, **overrides})


def pm_email(contact_label: str, kind: str, value: str) -> sev.ContactCommunication:
    return sev.ContactCommunication(
        guid=guid(f"comm-{contact_label}-{kind}"),
        value=value,
        contact=sev.ContactRef(guid=guid(contact_label)),
        communicationType=sev.CommunicationTypeRef(guid=guid(f"type-{kind}"), type=kind),
    )


def pm_record(
    customer: sev.Customer | None = None,
    addresses: Sequence[sev.Address] = (),
    contacts: Sequence[sev.ContactPerson] = (),
    communications: Sequence[sev.ContactCommunication] = (),
) -> PmCustomerRecord:
    by_contact: dict[str, list[sev.ContactCommunication]] = {}
    for item in communications:
        by_contact.setdefault(item.contact.guid, []).append(item)
    return PmCustomerRecord(customer or pm_customer(), addresses, contacts, by_contact)
