"""Severa wire model of a project fee (``/v1/projectfees``) and its references.

A project fee is what brygga makes of a supplier-invoice cost in eEkonomi: a cost (and, when
billable, a sales price) booked on a project. :class:`ProjectFee` is read as
``ProjectFeeOutputModel`` and written as ``ProjectFeeInputModel``, whose references are all
``SimpleInputModel`` (a guid only): each reference model here lists what only the output carries in
``OUTPUT_ONLY``, so a fee that was read can be written back without it.

``unitCost`` and ``unitPrice`` need their ``currencyCode`` when written; ``vatRate`` is a percent.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from brygga.severa.article_models import AccountRef, InputRef
from brygga.severa.models import Money, SeveraModel, UserRef, UtcDateTime

__all__ = [
    "FeeCostCenter",
    "FeeInvoice",
    "FeePhase",
    "FeeProduct",
    "FeeProject",
    "FeeUser",
    "ProjectFee",
    "ProjectFeeCustomer",
]

_AUDIT_FIELDS = frozenset({"createdBy", "createdDateTime", "lastUpdatedBy", "lastUpdatedDateTime"})


class FeeProject(SeveraModel):
    """``ProjectFeeProjectSubModel``, written as ``SimpleInputRequiredModel``: the project, by guid."""

    READ_ONLY = frozenset({"name"})
    OUTPUT_ONLY = frozenset({"companyGuid"})

    guid: str
    name: str | None = None
    companyGuid: str | None = None


class FeeProduct(SeveraModel):
    """``ProjectFeeProductSubModel``: the product the fee is for; written by guid."""

    OUTPUT_ONLY = frozenset({"code", "name"})

    guid: str | None = None
    code: str | None = None
    name: str | None = None


class FeeCostCenter(SeveraModel):
    """``ProjectCostCenterSubModel`` on a fee; written by guid."""

    OUTPUT_ONLY = frozenset({"identifier", "name"})

    guid: str | None = None
    identifier: str | None = None
    name: str | None = None


class FeePhase(SeveraModel):
    """``ProjectFeePhaseSubModel``: the phase whose completion makes the fee billable; written by guid."""

    OUTPUT_ONLY = frozenset({"isCompleted", "name"})

    guid: str | None = None
    name: str | None = None
    isCompleted: bool | None = None


class FeeUser(SeveraModel):
    """``UserSubModel``: the user the fee is booked for; written by guid."""

    READ_ONLY = frozenset({"code"})
    OUTPUT_ONLY = frozenset({"companyGuid", "name"})

    guid: str | None = None
    name: str | None = None
    code: str | None = None
    companyGuid: str | None = None


class FeeInvoice(SeveraModel):
    """``ProjectFeeInvoiceSubModel``: the invoice the fee was billed on; written by guid."""

    OUTPUT_ONLY = frozenset({"date", "number"})

    guid: str | None = None
    number: int | None = None
    # ``dt.date``: a bare ``date`` would be read as this very field once the annotations are evaluated.
    date: dt.date | None = None


class ProjectFeeCustomer(SeveraModel):
    """``ProjectFeeCustomerSubModel``: the project's customer (output only)."""

    guid: str | None = None
    name: str | None = None
    number: int | None = None


class ProjectFee(SeveraModel):
    """``ProjectFeeOutputModel`` / ``ProjectFeeInputModel`` (``/v1/projectfees``).

    ``project`` is the only field Severa requires. ``productType`` is FixedFees, Materials or
    Subcontracting; ``billingSchedule`` Immediately, OnDate, WhenPhaseCompleted or Recurring.
    ``invoiceRowGuid`` is set once the fee has been invoiced.
    """

    READ_ONLY = _AUDIT_FIELDS | {"guid"}
    OUTPUT_ONLY = frozenset({"customer", "invoiceRowGuid", "isRecurrenceRule", "recurrenceRuleGuid"})

    guid: str | None = None
    project: FeeProject
    name: str | None = None
    description: str | None = None
    product: FeeProduct | None = None
    productType: str | None = None
    quantity: Decimal | None = None
    invoiceQuantity: Decimal | None = None
    measurementUnit: str | None = None
    unitCost: Money | None = None
    unitPrice: Money | None = None
    vatRate: Decimal | None = None
    isBillable: bool | None = None
    hasVolumePricing: bool | None = None
    eventDate: dt.date | None = None
    plannedBillingDate: dt.date | None = None
    displayPeriodStartDate: dt.date | None = None
    billingSchedule: str | None = None
    billingDependencyPhase: FeePhase | None = None
    phase: InputRef | None = None
    costCenter: FeeCostCenter | None = None
    salesAccount: AccountRef | None = None
    user: FeeUser | None = None
    invoice: FeeInvoice | None = None
    invoiceRowDescription: str | None = None
    invoiceRowComment: str | None = None
    invoiceRowGuid: str | None = None
    customer: ProjectFeeCustomer | None = None
    isRecurrenceRule: bool | None = None
    recurrenceRuleGuid: str | None = None
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None
