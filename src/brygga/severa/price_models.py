"""Severa wire models of the organisation's price lists (read-only over the API).

A price list (``/v1/pricelists``) has versions (``…/pricelistversions``), each valid from its
``startDate`` until the next one starts. A version holds work-hour prices per work type (and
optionally per user) and travel prices per travel expense type.
"""

from __future__ import annotations

from datetime import date

from brygga.severa.models import GuidRef, Money, NamedRef, RequiredCurrencyRef, SeveraModel, UserRef, UtcDateTime

__all__ = [
    "PriceEntry",
    "PriceList",
    "PriceListVersion",
    "TravelPrice",
    "TravelPriceProduct",
    "WorkHourPrice",
]

_AUDIT_FIELDS = frozenset({"createdBy", "createdDateTime", "lastUpdatedBy", "lastUpdatedDateTime"})


class PriceList(SeveraModel):
    """``PriceListOutputModel``. The organisation's own list is the active, non-custom one with ``isDefault``."""

    READ_ONLY = _AUDIT_FIELDS | {"guid"}

    guid: str | None = None
    name: str
    currency: RequiredCurrencyRef | None = None
    isActive: bool = True
    isDefault: bool = False
    isCustom: bool = False
    isVolumePricing: bool = False
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None


class PriceListVersion(SeveraModel):
    """``PricelistVersionOutputModel``: valid from ``startDate`` (the spec has no end date)."""

    READ_ONLY = _AUDIT_FIELDS | {"guid"}

    guid: str | None = None
    pricelistGuid: str | None = None
    startDate: date | None = None
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None


class WorkHourPrice(SeveraModel):
    """``WorkHourPriceOutputModel``: the hourly price of ``workType``; with ``user`` set, for that user only."""

    READ_ONLY = _AUDIT_FIELDS | {"guid"}

    guid: str | None = None
    workType: NamedRef | None = None
    user: NamedRef | None = None
    unitPrice: Money | None = None
    isBillable: bool | None = None
    pricelistVersion: GuidRef | None = None
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None


class TravelPriceProduct(SeveraModel):
    """``TravelPriceProductSubModel``: the travel expense type a travel price is for (its guid)."""

    READ_ONLY = frozenset({"productCode"})

    guid: str | None = None
    name: str | None = None
    productCode: str | None = None
    expenseClass: str | None = None


class PriceEntry(SeveraModel):
    """``PriceModelBase``: one price and where it comes from (``priceSource``).

    ``priceSource`` is ProductRegistry (the type's own value), Pricelist or Project.
    """

    guid: str | None = None
    price: Money | None = None
    priceSource: str | None = None
    pricelistVersionGuid: str | None = None
    projectGuid: str | None = None


class TravelPrice(SeveraModel):
    """``TravelPriceOutputModel``: a travel expense type (``product``) and its ``prices``."""

    product: TravelPriceProduct | None = None
    prices: list[PriceEntry] | None = None
