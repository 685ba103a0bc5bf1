"""The spec's models for products, work types and travel expense types: request and response shapes.

Severa splits these resources into ``*InputModel`` (what POST and PATCH accept) and ``*OutputModel``
(what every read answers). The input models drive validation and JSON Patch; the output models drive
:func:`render.fill`, so every declared property is present in an answer. A test compares each model,
property by property, with ``severa-rest-v1.openapi.yaml``.
"""

from __future__ import annotations

from .models import MODEL_WITH_NAME, USER_REFERENCE
from .schema import Field, Model

__all__ = [
    "EXPENSE_CLASSES",
    "MONEY_OUTPUT",
    "PRODUCT_INPUT",
    "PRODUCT_OUTPUT",
    "PRODUCT_TYPES",
    "TRAVEL_EXPENSE_TYPE_INPUT",
    "TRAVEL_EXPENSE_TYPE_OUTPUT",
    "WORK_TYPE_INPUT",
    "WORK_TYPE_OUTPUT",
]

PRODUCT_TYPES = ("FixedFees", "Materials", "Subcontracting")
EXPENSE_CLASSES = ("Mileage", "DailyAllowance", "OtherTravelExpense")

_TEXT = Field("string")
_NAME = Field("string", nullable=False, min_length=1)
_RATE = Field("number")
_FLAG = Field("boolean", nullable=False, default=False)
_ACTIVE = Field("boolean", default=True)
_CREATED = Field("date-time", nullable=False, read_only=True)
_UPDATED = Field("date-time", read_only=True)
_USER_READ_ONLY = Field("object", read_only=True, model=USER_REFERENCE)
_GUID_ONLY = Model("SimpleInputModel", {"guid": _TEXT})
_REFERENCE = Field("object", model=_GUID_ONLY)

MONEY_INPUT = Model(
    "MoneyInputModelWithNullableAmount",
    {"amount": Field("number"), "currencyCode": Field("string", nullable=False, min_length=1)},
    frozenset({"currencyCode"}),
)
MULTI_CURRENCY_INFO = Model(
    "MultiCurrencyInfoModel",
    {"amount": Field("number"), "currencyCode": _TEXT, "purpose": Field("string-array", nullable=False)},
)
MONEY_OUTPUT = Model(
    "MoneyOutputModel",
    {
        "amount": Field("number"),
        "currencyCode": _TEXT,
        "multiCurrencyInfo": Field("object-array", model=MULTI_CURRENCY_INFO),
    },
)
_MONEY_IN = Field("object", model=MONEY_INPUT)
_MONEY_OUT = Field("object", model=MONEY_OUTPUT)
_NAMED = Field("object", model=MODEL_WITH_NAME)


def _account(name: str) -> Field:
    return Field("object", model=Model(name, {"guid": _TEXT, "name": _TEXT, "number": _TEXT}))


def _stamps() -> dict[str, Field]:
    return {
        "createdBy": _USER_READ_ONLY,
        "createdDateTime": _CREATED,
        "guid": Field("string", read_only=True),
        "lastUpdatedBy": _USER_READ_ONLY,
        "lastUpdatedDateTime": _UPDATED,
    }


PRODUCT_INPUT = Model(
    "ProductInputModel",
    {
        "code": _TEXT,
        "isActive": _ACTIVE,
        "measurementUnit": _TEXT,
        "name": _NAME,
        "productCategory": _REFERENCE,
        "proposalDescription": _TEXT,
        "salesAccount": _REFERENCE,
        "type": Field("string", enum=PRODUCT_TYPES),
        "unitCost": _MONEY_IN,
        "unitPrice": _MONEY_IN,
        "vatRate": _RATE,
    },
    frozenset({"name"}),
)
PRODUCT_OUTPUT = Model(
    "ProductOutputModel",
    {
        **_stamps(),
        "code": _TEXT,
        "isActive": _ACTIVE,
        "measurementUnit": _TEXT,
        "name": _NAME,
        "productCategory": _NAMED,
        "proposalDescription": _TEXT,
        "salesAccount": _account("ProductSalesAccountSubModel"),
        "type": Field("string", enum=PRODUCT_TYPES),
        "unitCost": _MONEY_OUT,
        "unitPrice": _MONEY_OUT,
        "vatRate": _RATE,
    },
    frozenset({"name"}),
)

WORK_TYPE_INPUT = Model(
    "WorkTypeInputModel",
    {
        "code": _TEXT,
        "hourCost": _MONEY_IN,
        "isActive": Field("boolean", nullable=False, default=True),
        "isDefault": _FLAG,
        "isProductive": _FLAG,
        "name": _NAME,
        "salesAccount": _REFERENCE,
    },
    frozenset({"name"}),
)
WORK_TYPE_OUTPUT = Model(
    "WorkTypeOutputModel",
    {
        **_stamps(),
        "code": _TEXT,
        "hourCost": _MONEY_OUT,
        "isActive": Field("boolean", nullable=False, default=True),
        "isDefault": _FLAG,
        "isProductive": _FLAG,
        "name": _NAME,
        "salesAccount": _NAMED,
    },
    frozenset({"name"}),
)

TRAVEL_EXPENSE_TYPE_INPUT = Model(
    "TravelExpenseTypeInputModel",
    {
        "code": _TEXT,
        "costAccount": _REFERENCE,
        "expenseClass": Field("string", nullable=False, enum=EXPENSE_CLASSES),
        "includeTime": Field("boolean", nullable=False, default=True),
        "isActive": _ACTIVE,
        "measurementUnit": _TEXT,
        "name": _NAME,
        "productCategory": _REFERENCE,
        "purchaseVatRate": _RATE,
        "salesAccount": _REFERENCE,
        "unitCost": Field("object", nullable=False, model=MONEY_INPUT),
        "vatRate": _RATE,
    },
    frozenset({"name", "expenseClass", "unitCost"}),
)
TRAVEL_EXPENSE_TYPE_OUTPUT = Model(
    "TravelExpenseTypeOutputModel",
    {
        **_stamps(),
        "code": _TEXT,
        "costAccount": _account("TravelExpenseCostAccountSubModel"),
        "expenseClass": Field("string", enum=EXPENSE_CLASSES),
        "includeTime": _FLAG,
        "isActive": _ACTIVE,
        "isDailyAllowance": _FLAG,
        "isMileage": _FLAG,
        "measurementUnit": _TEXT,
        "name": _NAME,
        "productCategory": _NAMED,
        "purchaseVatRate": _RATE,
        "salesAccount": _account("ProductSalesAccountSubModel2"),
        "unitCost": _MONEY_OUT,
        "vatRate": _RATE,
    },
    frozenset({"name"}),
)
