"""Severa wire models of what eEkonomi calls articles: products, work types, travel expense types, VAT rates.

All four are settings resources (scope ``settings:read`` / ``settings:write``). Severa reads them as
``*OutputModel`` and writes them as ``*InputModel``; the differences are in ``OUTPUT_ONLY`` (see
:class:`~brygga.severa.models.SeveraModel`). Every VAT rate here is a percent (``25``, not ``0.25``).

Work types carry no unit, VAT rate or sales price, and travel expense types no sales price: those
live in the organisation's price list (:mod:`brygga.severa.price_lists`).
"""

from __future__ import annotations

from decimal import Decimal

from brygga.severa.models import Money, SeveraModel, UserRef, UtcDateTime

__all__ = [
    "AccountRef",
    "InputRef",
    "Product",
    "TravelExpenseType",
    "VatRate",
    "WorkType",
]

_AUDIT_FIELDS = frozenset({"createdBy", "createdDateTime", "lastUpdatedBy", "lastUpdatedDateTime"})


class InputRef(SeveraModel):
    """A ``ModelWithName`` that is written as ``SimpleInputModel``: only the guid goes out."""

    OUTPUT_ONLY = frozenset({"name"})

    guid: str | None = None
    name: str | None = None


class AccountRef(SeveraModel):
    """``ProductSalesAccountSubModel`` (and its twins for travel sales and cost accounts).

    Written as ``SimpleInputModel``: an account is chosen by guid; its ``number`` is for reading.
    """

    OUTPUT_ONLY = frozenset({"name", "number"})

    guid: str | None = None
    name: str | None = None
    number: str | None = None


class Product(SeveraModel):
    """``ProductOutputModel`` / ``ProductInputModel`` (``/v1/products``).

    ``type`` is FixedFees, Materials or Subcontracting; ``vatRate`` a percent; ``unitCost`` and
    ``unitPrice`` need a ``currencyCode`` when written.
    """

    READ_ONLY = _AUDIT_FIELDS | {"guid"}

    guid: str | None = None
    code: str | None = None
    name: str
    measurementUnit: str | None = None
    vatRate: Decimal | None = None
    unitCost: Money | None = None
    unitPrice: Money | None = None
    type: str | None = None
    productCategory: InputRef | None = None
    salesAccount: AccountRef | None = None
    proposalDescription: str | None = None
    isActive: bool | None = True
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None


class WorkType(SeveraModel):
    """``WorkTypeOutputModel`` / ``WorkTypeInputModel`` (``/v1/worktypes``).

    ``hourCost`` is a :class:`Money` (the spec's ``MoneyOutputModel``), the internal cost of an hour;
    the hourly sales price is a work-hour price in a price list.
    """

    READ_ONLY = _AUDIT_FIELDS | {"guid"}

    guid: str | None = None
    code: str | None = None
    name: str
    hourCost: Money | None = None
    isActive: bool = True
    isDefault: bool = False
    # Left unset unless given, so a create does not decide productivity on Severa's behalf.
    isProductive: bool | None = None
    salesAccount: InputRef | None = None
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None


class TravelExpenseType(SeveraModel):
    """``TravelExpenseTypeOutputModel`` / ``TravelExpenseTypeInputModel`` (``/v1/travelexpensetypes``).

    ``expenseClass`` is Mileage, DailyAllowance or OtherTravelExpense; ``isMileage`` and
    ``isDailyAllowance`` are derived from it and cannot be written. Creating one needs ``name``,
    ``expenseClass`` and ``unitCost`` (with its ``currencyCode``).
    """

    READ_ONLY = _AUDIT_FIELDS | {"guid"}
    OUTPUT_ONLY = frozenset({"isMileage", "isDailyAllowance"})

    guid: str | None = None
    code: str | None = None
    name: str
    measurementUnit: str | None = None
    vatRate: Decimal | None = None
    purchaseVatRate: Decimal | None = None
    unitCost: Money | None = None
    expenseClass: str | None = None
    isMileage: bool = False
    isDailyAllowance: bool = False
    includeTime: bool | None = None
    isActive: bool | None = True
    productCategory: InputRef | None = None
    salesAccount: AccountRef | None = None
    costAccount: AccountRef | None = None
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None


class VatRate(SeveraModel):
    """``VatRateOutputModel`` (``/v1/vatrates``): ``percentage`` is a percent, ``code`` at most 10 characters.

    Products and invoice rows carry a VAT *percent*, not a reference, so this list is how a
    percentage is matched to the organisation's (and ``countryGuid``'s) rates.
    """

    READ_ONLY = _AUDIT_FIELDS | {"guid"}

    guid: str | None = None
    code: str | None = None
    percentage: Decimal
    countryGuid: str | None = None
    isDefault: bool = False
    isActive: bool = True
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None
