"""Severa wire model of a project (``ProjectOutputModel``, ``/v1/projects``) and its references.

brygga only reads projects (they become cost-center items in eEkonomi), so there is no input model
here; ``READ_ONLY`` still mirrors the spec so a future write cannot send what Severa owns.
"""

from __future__ import annotations

from datetime import date

from brygga.severa.models import Money, NamedRef, RequiredCurrencyRef, SeveraModel, UserRef, UtcDateTime

__all__ = [
    "Project",
    "ProjectCostCenter",
    "ProjectCustomer",
    "ProjectPricelistRef",
    "ProjectStatusRef",
    "SalesStatusRef",
]

_AUDIT_FIELDS = frozenset({"createdBy", "createdDateTime", "lastUpdatedBy", "lastUpdatedDateTime"})


class ProjectCustomer(SeveraModel):
    """``ProjectCustomerSubModel``: the project's customer; ``number`` is int64 like the customer's own."""

    READ_ONLY = frozenset({"name"})

    guid: str
    name: str | None = None
    number: int | None = None


class ProjectCostCenter(SeveraModel):
    """``ProjectCostCenterSubModel``."""

    guid: str | None = None
    identifier: str | None = None
    name: str | None = None


class ProjectStatusRef(SeveraModel):
    """``ProjectStatusSubModel``: the current project status (its type in ``projectStatusTypeGuid``)."""

    READ_ONLY = frozenset({"guid"})

    guid: str | None = None
    name: str | None = None
    description: str | None = None
    projectStatusTypeGuid: str | None = None


class SalesStatusRef(SeveraModel):
    """``SalesStatusSubModel``: a sales case is a project whose sales status is still open."""

    READ_ONLY = frozenset({"guid"})

    guid: str | None = None
    name: str | None = None
    salesStatusTypeGuid: str | None = None


class ProjectPricelistRef(SeveraModel):
    """``ProjectPricelistSubModel``: the price list the project's prices come from."""

    guid: str | None = None
    name: str | None = None
    isCustom: bool = False
    isVolumePricing: bool = False


class Project(SeveraModel):
    """``ProjectOutputModel``. ``number`` is int64 (no leading zeros); ``closedDate`` is set once closed."""

    READ_ONLY = _AUDIT_FIELDS | {"guid"}

    guid: str | None = None
    number: int | None = None
    name: str
    description: str | None = None
    internalName: str | None = None
    isClosed: bool = False
    closedDate: date | None = None
    isInternal: bool = False
    customer: ProjectCustomer | None = None
    costCenter: ProjectCostCenter | None = None
    currency: RequiredCurrencyRef | None = None
    salesStatus: SalesStatusRef | None = None
    projectStatus: ProjectStatusRef | None = None
    projectOwner: UserRef | None = None
    pricelist: ProjectPricelistRef | None = None
    rootPhase: NamedRef | None = None
    expectedValue: Money | None = None
    startDate: date | None = None
    deadline: date | None = None
    orderNumber: str | None = None
    yourReference: str | None = None
    ourReference: str | None = None
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None
