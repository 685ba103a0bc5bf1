"""What every data set's organisation has besides currencies and countries: VAT rates, the default
price list with its current version, and the organisation settings.

A real Severa organisation is never without these, so ``empty`` gets them too.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from .ids import stable_guid
from .reference_data import country_guid, currency_guid
from .store import Document, SeveraStore
from .wire import format_datetime

__all__ = [
    "DEFAULT_PRICELIST_GUID",
    "DEFAULT_PRICELIST_VERSION_GUID",
    "ORGANIZATION_SETTINGS_GUID",
    "organization_settings",
    "seed_organization",
]

_CREATED = format_datetime(datetime(2023, 1, 2, 8, 0, tzinfo=UTC))
ORGANIZATION_SETTINGS_GUID = stable_guid("organization", "settings")
DEFAULT_PRICELIST_GUID = stable_guid("pricelist", "default")
DEFAULT_PRICELIST_VERSION_GUID = stable_guid("pricelistversion", "default:2024")

# country, code, percentage, default, active. Finland's 24 % gave way to 25.5 % on 2024-09-01, which
# leaves an inactive rate to filter on; Sweden's four are the organisation's own.
_VAT_RATES: tuple[tuple[str, str, Decimal, bool, bool], ...] = (
    ("SE", "25", Decimal("25"), True, True),
    ("SE", "12", Decimal("12"), False, True),
    ("SE", "6", Decimal("6"), False, True),
    ("SE", "0", Decimal("0"), False, True),
    ("FI", "25.5", Decimal("25.5"), True, True),
    ("FI", "24", Decimal("24"), False, False),
    ("FI", "14", Decimal("14"), False, True),
    ("FI", "10", Decimal("10"), False, True),
    ("FI", "0", Decimal("0"), False, True),
)


def seed_organization(store: SeveraStore) -> None:
    for country, code, percentage, default, active in _VAT_RATES:
        store.put("vatrates", _vat_rate(country, code, percentage, default, active))
    store.put("pricelists", _default_pricelist())
    store.put("pricelistversions", _default_version())
    store.put("organization", _settings())


def organization_settings(store: SeveraStore) -> Document:
    """The organisation's settings document (every data set seeds one)."""
    settings = store.get("organization", ORGANIZATION_SETTINGS_GUID)
    return settings if settings is not None else _settings()


def _stamps() -> dict[str, Any]:
    return {"createdDateTime": _CREATED, "lastUpdatedDateTime": _CREATED}


def _vat_rate(country: str, code: str, percentage: Decimal, default: bool, active: bool) -> Document:
    return {
        "guid": stable_guid("vatrate", f"{country}:{code}"),
        "code": code,
        "percentage": percentage,
        "countryGuid": country_guid(country),
        "isDefault": default,
        "isActive": active,
        **_stamps(),
    }


def _default_pricelist() -> Document:
    return {
        "guid": DEFAULT_PRICELIST_GUID,
        "name": "Standardprislista",
        "currency": {"guid": currency_guid("SEK")},
        "isActive": True,
        "isDefault": True,
        "isCustom": False,
        "isVolumePricing": False,
        **_stamps(),
    }


def _default_version() -> Document:
    return {
        "guid": DEFAULT_PRICELIST_VERSION_GUID,
        "pricelistGuid": DEFAULT_PRICELIST_GUID,
        "startDate": "2024-01-01",
        **_stamps(),
    }


def _settings() -> Document:
    """Stored settings; the customer and project numbers are derived when read."""
    return {
        "guid": ORGANIZATION_SETTINGS_GUID,
        "currencyRoundingType": "AwayFromZero",
        "displayProjectNumber": True,
        "uniqueIdentifierForProductsAndWorktypes": True,
        "isCustomerSearchAllowed": True,
        "isAddingNewKeywordsFromProjectAllowed": True,
        "isTravelExpenseImmediatelyInvoiceable": False,
        "nextInvoiceNumber": 10001,
        "nextTravelReimbursementNumber": 1,
        "overdueInterest": Decimal("8.00"),
        "paymentTerm": 30,
        "paymentReferenceNumberDisplaySetting": "ReferenceNumber",
        "projectNameDisplayFormatSetting": "ProjectNamePhaseName",
        "projectNameDisplaySetting": "ShowProjectLongName",
        "quickSearchSetting": "ShowOpenProjectsSalesCasesAndCustomers",
        "workHourApprovalMode": "None",
        "workHourEntryFormat": "Quantity",
        "workWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    }
