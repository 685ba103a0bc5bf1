"""Settings every data set has: currencies, countries and communication types."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from .ids import stable_guid
from .store import SeveraStore
from .wire import format_datetime

__all__ = ["COMMUNICATION_TYPES", "communication_type_guid", "country_guid", "currency_guid", "seed_reference"]

# Settings predate every customer of the demo.
_CREATED = format_datetime(datetime(2023, 1, 2, 8, 0, tzinfo=UTC))

# code, name, symbol, rate against SEK, active
_CURRENCIES: dict[str, tuple[str, str, Decimal]] = {
    "SEK": ("Svensk krona", "kr", Decimal("1")),
    "EUR": ("Euro", "€", Decimal("11.45")),
    "NOK": ("Norsk krone", "kr", Decimal("0.98")),
}

# code2, code3, Swedish name, English name, in EU, currency, culture
_COUNTRIES: tuple[tuple[str, str, str, str, bool, str, str], ...] = (
    ("SE", "SWE", "Sverige", "Sweden", True, "SEK", "sv-SE"),
    ("NO", "NOR", "Norge", "Norway", False, "NOK", "nb-NO"),
    ("DK", "DNK", "Danmark", "Denmark", True, "DKK", "da-DK"),
    ("FI", "FIN", "Finland", "Finland", True, "EUR", "fi-FI"),
    ("DE", "DEU", "Tyskland", "Germany", True, "EUR", "de-DE"),
    ("GB", "GBR", "Storbritannien", "United Kingdom", False, "GBP", "en-GB"),
    ("US", "USA", "USA", "United States", False, "USD", "en-US"),
    ("NL", "NLD", "Nederländerna", "Netherlands", True, "EUR", "nl-NL"),
    ("FR", "FRA", "Frankrike", "France", True, "EUR", "fr-FR"),
    ("ES", "ESP", "Spanien", "Spain", True, "EUR", "es-ES"),
    ("PL", "POL", "Polen", "Poland", True, "PLN", "pl-PL"),
    ("EE", "EST", "Estland", "Estonia", True, "EUR", "et-EE"),
    ("IS", "ISL", "Island", "Iceland", False, "ISK", "is-IS"),
)

# name, CommunicationMethodType
COMMUNICATION_TYPES: tuple[tuple[str, str], ...] = (
    ("Telefon", "Phone"),
    ("Mobiltelefon", "MobilePhone"),
    ("E-post", "EmailAddress"),
    ("Fax", "Fax"),
    ("IP-telefon", "IPPhone"),
    ("Snabbmeddelande", "InstantMessenger"),
)


@cache
def currency_guid(code: str) -> str:
    return stable_guid("currency", code)


@cache
def country_guid(code2: str) -> str:
    return stable_guid("country", code2)


@cache
def communication_type_guid(method: str) -> str:
    return stable_guid("communicationtype", method)


def seed_reference(store: SeveraStore, currencies: dict[str, bool]) -> None:
    """``currencies`` maps the codes to create -> isActive; SEK is the organisation currency."""
    for code, active in currencies.items():
        store.put("currencies", _currency(code, active))
    for row in _COUNTRIES:
        store.put("countries", _country(*row))
    for name, method in COMMUNICATION_TYPES:
        store.put("communicationtypes", _communication_type(name, method))


def _currency(code: str, active: bool) -> dict[str, Any]:
    name, symbol, rate = _CURRENCIES[code]
    return {
        "guid": currency_guid(code),
        "code": code,
        "name": name,
        "symbol": symbol,
        "rate": rate,
        "isActive": active,
        "isOrganizationCurrency": code == "SEK",
        "createdDateTime": _CREATED,
        "lastUpdatedDateTime": _CREATED,
        "createdBy": None,
        "lastUpdatedBy": None,
    }


def _country(
    code2: str, code3: str, name: str, english: str, in_eu: bool, currency: str, culture: str
) -> dict[str, Any]:
    return {
        "guid": country_guid(code2),
        "code2": code2,
        "code3": code3,
        "name": name,
        "englishName": english,
        "isInEU": in_eu,
        "isRegistrationCountry": code2 == "SE",
        "currencyCode": currency,
        "defaultCulture": culture,
        "hasRegions": "HasRegions" if code2 == "US" else "NoRegion",
    }


def _communication_type(name: str, method: str) -> dict[str, Any]:
    return {
        "guid": communication_type_guid(method),
        "name": name,
        "type": method,
        "isActive": True,
        "createdDateTime": _CREATED,
        "lastUpdatedDateTime": _CREATED,
        "createdBy": None,
        "lastUpdatedBy": None,
    }
