"""``bulk:N``: N valid, active customers numbered 20001.., for the benchmark. Deterministic."""

from __future__ import annotations

from datetime import UTC, datetime

from .builders import AddressSpec, ContactSpec, CustomerSpec, Ticker, add_customer, org_number
from .store import SeveraStore

__all__ = ["BULK_FIRST_NUMBER", "seed_bulk"]

BULK_FIRST_NUMBER = 20001
_CITIES = (
    ("Stockholm", "111 20"),
    ("Göteborg", "411 01"),
    ("Malmö", "211 20"),
    ("Uppsala", "753 10"),
    ("Linköping", "582 20"),
    ("Örebro", "702 10"),
    ("Umeå", "903 20"),
    ("Västerås", "722 10"),
)
_FIRST_NAMES = ("Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Anders", "Emma", "Per")
_LAST_NAMES = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson")


def bulk_customer(index: int) -> CustomerSpec:
    number = BULK_FIRST_NUMBER + index
    city, postal = _CITIES[index % len(_CITIES)]
    first, last = _FIRST_NAMES[index % len(_FIRST_NAMES)], _LAST_NAMES[index % len(_LAST_NAMES)]
    domain = f"kund{number}.se"
    phone = f"+46 8 {number % 1000:03d} {index % 100:02d} 00"
    address = AddressSpec(f"Bulkgatan {index % 200 + 1}", postal, city, "SE", phone)
    contact = ContactSpec(
        first,
        last,
        f"{first.lower()}.{last.lower()}@{domain}".replace("ö", "o"),
        phone,
        f"+46 70 {number % 1000:03d} {index % 100:02d} 11",
    )
    return CustomerSpec(
        number,
        f"Bulkkund {number} AB",
        f"SE{org_number(number)}01",
        f"info@{domain}",
        f"https://www.{domain}",
        (address,),
        (contact,),
    )


def seed_bulk(store: SeveraStore, count: int) -> None:
    tick = Ticker(datetime(2024, 6, 3, 6, 0, tzinfo=UTC))
    for index in range(count):
        add_customer(store, bulk_customer(index), tick)
