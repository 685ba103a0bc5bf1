"""The spec's models for project fees: ``ProjectFeeInputModel`` (POST) and ``ProjectFeeOutputModel`` (reads).

Neither has an external-reference property, so the emulator keeps none: a client that must not create a
fee twice has to remember what it created (severa-fit G6). A test compares both with the spec.
"""

from __future__ import annotations

from .catalog_models import MONEY_INPUT, MONEY_OUTPUT, PRODUCT_TYPES
from .models import MODEL_WITH_NAME, USER_REFERENCE
from .schema import Field, Model

__all__ = ["BILLING_SCHEDULES", "PROJECT_FEE_INPUT", "PROJECT_FEE_OUTPUT"]

BILLING_SCHEDULES = ("Immediately", "OnDate", "WhenPhaseCompleted", "Recurring")

_TEXT = Field("string")
_DATE = Field("date")
_RATE = Field("number")
_BILLING_SCHEDULE = Field("string", enum=BILLING_SCHEDULES)
_PRODUCT_TYPE = Field("string", enum=PRODUCT_TYPES)
_USER_READ_ONLY = Field("object", read_only=True, model=USER_REFERENCE)
_SIMPLE = Field("object", model=Model("SimpleInputModel", {"guid": _TEXT}))
_REQUIRED_GUID = Field("string", nullable=False, min_length=1)

# Properties with the same declaration in both models.
_SHARED: dict[str, Field] = {
    "billingSchedule": _BILLING_SCHEDULE,
    "description": _TEXT,
    "displayPeriodStartDate": _DATE,
    "eventDate": _DATE,
    "hasVolumePricing": Field("boolean", nullable=False, default=False),
    "invoiceQuantity": _RATE,
    "invoiceRowComment": _TEXT,
    "invoiceRowDescription": _TEXT,
    "isBillable": Field("boolean"),
    "measurementUnit": _TEXT,
    "name": _TEXT,
    "plannedBillingDate": _DATE,
    "productType": _PRODUCT_TYPE,
    "quantity": Field("number", nullable=False),
    "vatRate": _RATE,
}

PROJECT_FEE_INPUT = Model(
    "ProjectFeeInputModel",
    {
        **_SHARED,
        "billingDependencyPhase": _SIMPLE,
        "costCenter": _SIMPLE,
        "invoice": _SIMPLE,
        "phase": _SIMPLE,
        "product": _SIMPLE,
        "project": Field(
            "object",
            nullable=False,
            model=Model("SimpleInputRequiredModel", {"guid": _REQUIRED_GUID}, frozenset({"guid"})),
        ),
        "salesAccount": _SIMPLE,
        "unitCost": Field("object", model=MONEY_INPUT),
        "unitPrice": Field("object", model=MONEY_INPUT),
        "user": _SIMPLE,
    },
    frozenset({"project"}),
)


def _sub(model_name: str, **fields: Field) -> Field:
    return Field("object", model=Model(model_name, fields))


PROJECT_FEE_OUTPUT = Model(
    "ProjectFeeOutputModel",
    {
        **_SHARED,
        "billingDependencyPhase": _sub(
            "ProjectFeePhaseSubModel", guid=_TEXT, isCompleted=Field("boolean", nullable=False), name=_TEXT
        ),
        "costCenter": _sub("ProjectCostCenterSubModel", guid=_TEXT, identifier=_TEXT, name=_TEXT),
        "createdBy": _USER_READ_ONLY,
        "createdDateTime": Field("date-time", nullable=False, read_only=True),
        "customer": _sub("ProjectFeeCustomerSubModel", guid=_TEXT, name=_TEXT, number=Field("int64")),
        "guid": Field("string", read_only=True),
        "invoice": _sub("ProjectFeeInvoiceSubModel", date=_DATE, guid=_TEXT, number=Field("int32")),
        "invoiceRowGuid": _TEXT,
        "isRecurrenceRule": Field("boolean", nullable=False, default=False),
        "lastUpdatedBy": _USER_READ_ONLY,
        "lastUpdatedDateTime": Field("date-time", read_only=True),
        "phase": Field("object", model=MODEL_WITH_NAME),
        "product": _sub("ProjectFeeProductSubModel", code=_TEXT, guid=_TEXT, name=_TEXT),
        "project": Field(
            "object",
            model=Model(
                "ProjectFeeProjectSubModel",
                {"companyGuid": _TEXT, "guid": _REQUIRED_GUID, "name": Field("string", read_only=True)},
                frozenset({"guid"}),
            ),
        ),
        "recurrenceRuleGuid": _TEXT,
        "salesAccount": _sub("ProjectSalesAccountSubModel", guid=_TEXT, name=_TEXT, number=_TEXT),
        "unitCost": Field("object", model=MONEY_OUTPUT),
        "unitPrice": Field("object", model=MONEY_OUTPUT),
        "user": _sub("UserSubModel", code=Field("string", read_only=True), companyGuid=_TEXT, guid=_TEXT, name=_TEXT),
    },
)
