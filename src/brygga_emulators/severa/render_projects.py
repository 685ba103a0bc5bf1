"""Stored projects -> ``ProjectOutputModel``: every property, references resolved when read.

A project stores its customer, currency and price list as ``{"guid": …}``; their names, numbers and
codes are looked up here so they follow renames. What the emulator does not model (phases beyond the
root, owners, sales and project statuses, business units) is null, as for a project without them.
"""

from __future__ import annotations

from typing import Any

from .render import currency_ref
from .store import Document, SeveraStore

__all__ = ["render_project"]

# Properties the emulator keeps as stored (null when absent).
_STORED = (
    "guid",
    "number",
    "name",
    "description",
    "internalName",
    "invoiceNotes",
    "orderNumber",
    "ourReference",
    "yourReference",
    "paymentTerm",
    "startDate",
    "deadline",
    "closedDate",
    "expectedOrderDate",
    "probability",
    "completionEstimatePercentage",
    "calculatedCompletionPercentage",
    "createdDateTime",
    "lastUpdatedDateTime",
)
# Properties with no emulated data behind them.
_ALWAYS_NULL = (
    "billingContact",
    "businessUnit",
    "costCenter",
    "createdBy",
    "customerContact",
    "defaultWorkType",
    "expectedValue",
    "invoiceTemplate",
    "keywords",
    "lastUpdatedBy",
    "leadSource",
    "projectOwner",
    "projectStatus",
    "salesPerson",
    "salesStatus",
)
_FLAGS = {
    "isClosed": False,
    "isInternal": False,
    "isDailyAllowanceBillable": True,
    "isMileageBillable": True,
    "isOtherTravelExpensesBillable": True,
    "isJoiningAllowed": True,
    "useOvertimeMultipliers": True,
    "useProductsFromSetting": True,
    "useWorkTypesFromSetting": True,
}


def render_project(store: SeveraStore, project: Document) -> dict[str, Any]:
    body: dict[str, Any] = {name: project.get(name) for name in _STORED}
    body.update(dict.fromkeys(_ALWAYS_NULL))
    body.update({name: bool(project.get(name, default)) for name, default in _FLAGS.items()})
    body["customer"] = _customer_ref(store, project.get("customer"))
    body["currency"] = currency_ref(store, project.get("currency"))
    body["pricelist"] = _pricelist_ref(store, project.get("pricelist"))
    root = project.get("rootPhase")
    body["rootPhase"] = {"guid": root["guid"], "name": project.get("name")} if root else None
    return body


def _referenced(store: SeveraStore, collection: str, reference: Any) -> Document | None:
    guid = reference.get("guid") if isinstance(reference, dict) else None
    return store.peek(collection, guid) if isinstance(guid, str) else None


def _customer_ref(store: SeveraStore, reference: Any) -> dict[str, Any] | None:
    customer = _referenced(store, "customers", reference)
    if customer is None:
        return None
    return {"guid": customer["guid"], "name": customer.get("name"), "number": customer.get("number")}


def _pricelist_ref(store: SeveraStore, reference: Any) -> dict[str, Any] | None:
    pricelist = _referenced(store, "pricelists", reference)
    if pricelist is None:
        return None
    return {
        "guid": pricelist["guid"],
        "isCustom": bool(pricelist.get("isCustom")),
        "isVolumePricing": bool(pricelist.get("isVolumePricing")),
        "name": pricelist.get("name"),
    }
