"""The Visma PM half of the joint demo: a Swedish consultancy's customers 1001..1045.

1001..1036 are valid (1001, 1002 and 1010 have three addresses and two contacts), 1037..1043 are broken
on purpose, one way each, and 1044/1045 are inactive. The eEkonomi emulator's demo refers to 1003 and
1005 by number and name, so those two must not change.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from .builders import AddressSpec, ContactSpec, CustomerSpec, Ticker, add_customer, org_number
from .demo_customer_rows import VALID_CUSTOMERS, CustomerRow
from .store import SeveraStore

__all__ = ["DEMO_CUSTOMERS", "seed_demo"]


_EUR_CUSTOMERS = frozenset({1006, 1007})
_MULTI_ADDRESS = frozenset({1001, 1002, 1010})
_FOREIGN_VAT = {"FI": "FI{:08d}", "DE": "DE{:09d}", "NO": "NO{:09d}MVA", "DK": "DK{:08d}"}
_FOREIGN_PHONE = {
    "FI": "+358 9 {:03d} {:04d}",
    "DE": "+49 40 {:03d} {:04d}",
    "NO": "+47 22 {:03d} {:03d}",
    "DK": "+45 33 {:03d} {:03d}",
}


def _phone(country: str, number: int, line: int) -> str:
    pattern = _FOREIGN_PHONE.get(country, "+46 8 {:03d} {:02d} 00")
    return pattern.format(number % 1000, line)


def _vat(country: str, number: int) -> str:
    if country in _FOREIGN_VAT:
        return _FOREIGN_VAT[country].format(number * 7919 % 10**8)
    return f"SE{org_number(number)}01"


def _ascii(text: str) -> str:
    table = str.maketrans("åäöÅÄÖæøÆØ", "aaoAAOaoAO")
    return text.translate(table).lower()


def _regular(row: CustomerRow) -> CustomerSpec:
    number, name, domain, street, postal, city, country, first, last, term = row
    mail = f"{_ascii(first)}.{_ascii(last)}@{domain}"
    contact = ContactSpec(
        first, last, mail, _phone(country, number, 10), f"+46 70 {number % 1000:03d} 11 22", "Ekonomiansvarig"
    )
    billing = AddressSpec(street, postal, city, country, _phone(country, number, 0))
    spec = CustomerSpec(
        number,
        name,
        _vat(country, number),
        f"info@{domain}",
        f"https://www.{domain}",
        (billing,),
        (contact,),
        payment_term=term,
        currency="EUR" if number in _EUR_CUSTOMERS else "SEK",
        notes=f"Kund sedan {2010 + number % 14}.",
    )
    return _with_more_addresses(spec) if number in _MULTI_ADDRESS else spec


def _with_more_addresses(spec: CustomerSpec) -> CustomerSpec:
    """Visiting address created first, then billing, then head office; a second contact at the visit."""
    billing = spec.addresses[0]
    visit = AddressSpec(
        f"Besöksentré, {billing.addressline}",
        billing.postal_code,
        billing.city,
        billing.country,
        billing.phone,
        billing=False,
        visit=True,
        postal=False,
    )
    head_office = AddressSpec(
        "Box 1200", billing.postal_code, billing.city, billing.country, billing.phone, billing=False, postal=True
    )
    billing = AddressSpec(
        f"Fakturaavdelningen, {billing.addressline}",
        billing.postal_code,
        billing.city,
        billing.country,
        billing.phone,
        billing=True,
        postal=False,
    )
    second = ContactSpec(
        "Jonna",
        "Ek",
        f"jonna.ek@{(spec.email or '@').split('@')[1]}",
        _phone(billing.country, spec.number, 20),
        None,
        "Projektledare",
        address_index=0,
    )
    primary = ContactSpec(*_contact_fields(spec.contacts[0]), address_index=1)
    return CustomerSpec(
        spec.number,
        spec.name,
        spec.vat_number,
        spec.email,
        spec.website,
        (visit, billing, head_office),
        (primary, second),
        spec.payment_term,
        spec.currency,
        spec.notes,
        headquarter_index=2,
    )


def _contact_fields(contact: ContactSpec) -> tuple[str, str, str | None, str | None, str | None, str | None]:
    return (contact.first_name, contact.last_name, contact.email, contact.phone, contact.mobile, contact.job_title)


def _broken() -> tuple[CustomerSpec, ...]:
    def simple(
        number: int, name: str, domain: str, street: str | None, postal: str, city: str | None, **changes: Any
    ) -> CustomerSpec:
        contact = ContactSpec(
            "Eva", "Sund", f"eva.sund@{domain}", _phone("SE", number, 10), f"+46 70 {number % 1000:03d} 33 44"
        )
        address = AddressSpec(street, postal, city, "SE", _phone("SE", number, 0))
        base = CustomerSpec(
            number, name, _vat("SE", number), f"info@{domain}", f"https://www.{domain}", (address,), (contact,)
        )
        return replace(base, **changes)

    return (
        simple(1037, "Hudiksvalls Måleri AB", "hudikmaleri.se", "Västra Tullgatan 4", "824 30", None),
        simple(
            1038,
            "Borås Textilhandel AB",
            "borastextil.se",
            "Textilgatan 12, Hus C, plan 3, leveransingång från baksidan",
            "503 30",
            "Borås",
        ),
        simple(
            1039,
            "Trollhättans Verkstad AB",
            "thnverkstad.se",
            "Verkstadsgatan 2",
            "461 38",
            "Trollhättan",
            payment_term=25,
        ),
        simple(
            1040,
            "Svinesund Handel AB",
            "svinesundhandel.se",
            "Svinesundsvägen 1",
            "452 93",
            "Strömstad",
            currency="NOK",
        ),
        simple(
            1041,
            "Kungsholmens Tekniska Installationer och Fastighetsservice Aktiebolag",
            "kungsholmenstek.se",
            "Hantverkargatan 33",
            "112 21",
            "Stockholm",
        ),
        simple(
            1042,
            "Skärgårdens Catering AB",
            "skargardscatering.se",
            None,
            "",
            None,
            addresses=(),
            headquarter_index=None,
            contacts=(
                ContactSpec(
                    "Ulla", "Berg", "ulla.berg@skargardscatering.se", "+46 8 042 10 00", None, address_index=None
                ),
            ),
        ),
        simple(
            1043,
            "Kalles Cykelverkstad AB",
            "kallescykel.se",
            "Cykelvägen 8",
            "745 31",
            "Enköping",
            contacts=(ContactSpec("?", "Kalle", "kalle@kallescykel.se", "+46 171 430 10", "+46 70 043 55 66"),),
        ),
        simple(
            1044, "Gamla Tryckeriet AB", "gamlatryckeriet.se", "Tryckerigatan 3", "611 35", "Nyköping", active=False
        ),
        simple(1045, "Avvecklade Bygg i Motala AB", "avvbygg.se", "Bangatan 9", "591 30", "Motala", active=False),
    )


DEMO_CUSTOMERS: tuple[CustomerSpec, ...] = tuple(_regular(row) for row in VALID_CUSTOMERS) + _broken()


def seed_demo(store: SeveraStore) -> None:
    tick = Ticker(datetime(2024, 3, 4, 8, 0, tzinfo=UTC))
    for spec in DEMO_CUSTOMERS:
        add_customer(store, spec, tick)
