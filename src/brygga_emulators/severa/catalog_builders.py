"""Products, work types and travel expense types for the data sets, in the store's shape.

Built around the API on purpose, as :mod:`builders` does for customers: the demo holds items the API
would refuse or that a long-lived tenant collects (no code, no VAT rate). A work type's or travel type's
``sales_price`` becomes a row of the default price list's current version.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .builders import Ticker
from .ids import stable_guid
from .organization_data import DEFAULT_PRICELIST_VERSION_GUID
from .store import Document, SeveraStore

__all__ = ["ProductSpec", "TravelTypeSpec", "WorkTypeSpec", "add_product", "add_travel_type", "add_work_type", "sek"]


def sek(amount: str | None) -> dict[str, Any] | None:
    return {"amount": Decimal(amount), "currencyCode": "SEK"} if amount is not None else None


@dataclass(frozen=True)
class ProductSpec:
    code: str | None
    name: str
    unit: str
    vat_rate: str | None  # percent, e.g. "25"
    price: str | None
    cost: str | None
    kind: str = "Materials"
    active: bool = True


@dataclass(frozen=True)
class WorkTypeSpec:
    code: str | None
    name: str
    hour_cost: str | None
    sales_price: str | None = None
    active: bool = True
    productive: bool = True
    default: bool = False


@dataclass(frozen=True)
class TravelTypeSpec:
    code: str | None
    name: str
    unit: str
    vat_rate: str
    cost: str
    expense_class: str
    sales_price: str | None = None
    active: bool = True


def _stamps(created: str) -> dict[str, Any]:
    return {"createdDateTime": created, "lastUpdatedDateTime": created}


def _percent(rate: str | None) -> Decimal | None:
    return Decimal(rate) if rate is not None else None


def add_product(store: SeveraStore, spec: ProductSpec, tick: Ticker) -> Document:
    return store.adopt(
        "products",
        {
            "guid": stable_guid("product", spec.code or spec.name),
            "code": spec.code,
            "name": spec.name,
            "measurementUnit": spec.unit,
            "vatRate": _percent(spec.vat_rate),
            "unitPrice": sek(spec.price),
            "unitCost": sek(spec.cost),
            "type": spec.kind,
            "isActive": spec.active,
            **_stamps(tick()),
        },
    )


def add_work_type(store: SeveraStore, spec: WorkTypeSpec, tick: Ticker) -> Document:
    created = tick()
    work_type = store.put(
        "worktypes",
        {
            "guid": stable_guid("worktype", spec.code or spec.name),
            "code": spec.code,
            "name": spec.name,
            "hourCost": sek(spec.hour_cost),
            "isActive": spec.active,
            "isDefault": spec.default,
            "isProductive": spec.productive,
            **_stamps(created),
        },
    )
    if spec.sales_price is not None:
        row = {
            "guid": stable_guid("workhourprice", work_type["guid"]),
            "pricelistVersion": {"guid": DEFAULT_PRICELIST_VERSION_GUID},
            "workType": {"guid": work_type["guid"]},
            "unitPrice": sek(spec.sales_price),
            "isBillable": True,
            **_stamps(created),
        }
        store.put("workhourprices", row)
    return work_type


def add_travel_type(store: SeveraStore, spec: TravelTypeSpec, tick: Ticker) -> Document:
    created = tick()
    travel_type = store.put(
        "travelexpensetypes",
        {
            "guid": stable_guid("travelexpensetype", spec.code or spec.name),
            "code": spec.code,
            "name": spec.name,
            "measurementUnit": spec.unit,
            "vatRate": _percent(spec.vat_rate),
            # Mileage and daily allowances are paid to employees, not bought: they carry no input VAT.
            "purchaseVatRate": None if spec.expense_class != "OtherTravelExpense" else _percent(spec.vat_rate),
            "unitCost": sek(spec.cost),
            "expenseClass": spec.expense_class,
            "includeTime": spec.expense_class == "DailyAllowance",
            "isActive": spec.active,
            **_stamps(created),
        },
    )
    if spec.sales_price is not None:
        row = {
            "guid": stable_guid("travelprice", travel_type["guid"]),
            "pricelistVersionGuid": DEFAULT_PRICELIST_VERSION_GUID,
            "travelExpenseType": {"guid": travel_type["guid"]},
            "price": sek(spec.sales_price),
            **_stamps(created),
        }
        store.put("travelprices", row)
    return travel_type
