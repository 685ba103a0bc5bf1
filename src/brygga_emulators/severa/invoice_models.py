"""The spec's models for invoice statuses, invoices and invoice rows, property by property.

``InvoiceStatusModel`` is both what ``POST /v1/invoicestatuses`` accepts and what every read answers.
Invoices and their rows are read-only over the API (only the guessed PATCH of :mod:`invoice_patch`
writes), so only their output models are written out; they drive :func:`render.fill`, so every declared
property is present in an answer. A test compares each model with ``severa-rest-v1.openapi.yaml``.
"""

from __future__ import annotations

from .catalog_models import MONEY_OUTPUT
from .models import MODEL_WITH_NAME, USER_REFERENCE
from .schema import Field, Model

__all__ = [
    "INVOICE_OUTPUT",
    "INVOICE_ROW_CATEGORIES",
    "INVOICE_ROW_OUTPUT",
    "INVOICE_ROW_TYPES",
    "INVOICE_STATUS",
]

INVOICE_ROW_TYPES = ("FlatRate", "Hours", "ProjectFees", "TravelExpenses")
INVOICE_ROW_CATEGORIES = ("Hours", "ProjectFees", "Travels")

_TEXT = Field("string")
_READ_ONLY_TEXT = Field("string", read_only=True)
_FLAG = Field("boolean", nullable=False, default=False)
_DATE = Field("date")
_CREATED = Field("date-time", nullable=False, read_only=True)
_UPDATED = Field("date-time", read_only=True)
_USER_READ_ONLY = Field("object", read_only=True, model=USER_REFERENCE)
_MONEY = Field("object", model=MONEY_OUTPUT)


def _stamps() -> dict[str, Field]:
    return {
        "createdBy": _USER_READ_ONLY,
        "createdDateTime": _CREATED,
        "guid": _READ_ONLY_TEXT,
        "lastUpdatedBy": _USER_READ_ONLY,
        "lastUpdatedDateTime": _UPDATED,
    }


INVOICE_STATUS = Model(
    "InvoiceStatusModel",
    {
        **_stamps(),
        "hasInvoiceNumber": _FLAG,
        "isActive": Field("boolean", nullable=False, default=True),
        "isDefault": _FLAG,
        "isDefaultForCreditNote": _FLAG,
        "isPaid": _FLAG,
        "isReadOnly": _FLAG,
        "isSent": _FLAG,
        "isWaitingPayment": _FLAG,
        "name": Field("string", nullable=False, min_length=1),
        "sortOrder": Field("int32", nullable=False),
    },
    frozenset({"name"}),
)

_INVOICE_CUSTOMER = Model("InvoiceCustomerSubModel", {"guid": _TEXT, "name": _TEXT, "number": Field("int64")})
_RELATED_INVOICE = Model("RelatedInvoiceSubModel", {"guid": _TEXT, "number": Field("int32")})
_CULTURE = Model(
    "FormattingCultureSubModel2", {"code": _READ_ONLY_TEXT, "englishName": _READ_ONLY_TEXT, "name": _READ_ONLY_TEXT}
)
_CURRENCY = Model(
    "CurrencySubModel",
    {
        "code": _TEXT,
        "guid": Field("string", nullable=False, min_length=1),
        "name": _READ_ONLY_TEXT,
        "symbol": _TEXT,
    },
    frozenset({"guid"}),
)
_FREE_TEXT = Model(
    "FreeTextModel2",
    {
        "allowTags": Field("boolean", nullable=False, read_only=True),
        "plainText": _READ_ONLY_TEXT,
        "tagContext": _READ_ONLY_TEXT,
        "text": _READ_ONLY_TEXT,
        "value": _TEXT,
    },
)
_LANGUAGE = Model("InvoiceLanguageSubModel", {"code": _TEXT, "englishName": _TEXT, "guid": _TEXT, "name": _TEXT})
_PROJECT = Model("InvoiceProjectSubModel", {"guid": _TEXT, "name": _TEXT, "number": Field("int64")})
_ADDRESS_FIELDS = {"addressline": _TEXT, "city": _TEXT, "country": _TEXT, "postalCode": _TEXT, "state": _TEXT}
_RECEIVER_ADDRESS = Model("InvoiceReceiverAddressSubModel", _ADDRESS_FIELDS)
_SENDER_ADDRESS = Model("InvoiceSenderAddressSubModel", _ADDRESS_FIELDS)
_STATUS = Model(
    "InvoiceStatusSubModel",
    {
        "guid": Field("string", nullable=False, min_length=1),
        "isPaid": _FLAG,
        "isSent": _FLAG,
        "isWaitingPayment": _FLAG,
        "name": _READ_ONLY_TEXT,
    },
    frozenset({"guid"}),
)

INVOICE_OUTPUT = Model(
    "InvoiceOutputModel",
    {
        **_stamps(),
        "billingCustomer": Field("object", model=_INVOICE_CUSTOMER),
        "canBeDeleted": _FLAG,
        "creditNoteInvoice": Field("object", model=_RELATED_INVOICE),
        "culture": Field("object", model=_CULTURE),
        "currency": Field("object", model=_CURRENCY),
        "currencyRate": Field("number", nullable=False),
        "customer": Field("object", model=_INVOICE_CUSTOMER),
        "date": Field("date", nullable=False),
        "dueDate": Field("date", nullable=False),
        "entryDate": _DATE,
        "flatRatesTotalExcludingTax": _MONEY,
        "freeText1": Field("object", model=_FREE_TEXT),
        "freeText2": Field("object", model=_FREE_TEXT),
        "invoiceNumberBusinessUnitGuid": _TEXT,
        "invoiceTemplate": Field("object", model=MODEL_WITH_NAME),
        "isCreditNote": _FLAG,
        "language": Field("object", model=_LANGUAGE),
        "notes": _TEXT,
        "number": Field("int32"),
        "orderNumber": _TEXT,
        "ourReference": _TEXT,
        "overdueInterest": Field("number", nullable=False),
        "paymentDate": _DATE,
        "paymentTerm": Field("int32", nullable=False),
        "projectFeesTotalExcludingTax": _MONEY,
        "projectTravelExpensesTotalExcludingTax": _MONEY,
        "projects": Field("object-array", model=_PROJECT),
        "receiverAddress": Field("object", model=_RECEIVER_ADDRESS),
        "receiverContactEmail": _TEXT,
        "receiverContactGuid": _TEXT,
        "receiverContactName": _TEXT,
        "receiverCustomerName": _TEXT,
        "receiverKvkNumber": _TEXT,
        "receiverVatNumber": _TEXT,
        "referenceNumber": _TEXT,
        "reimburseInvoice": Field("object", model=_RELATED_INVOICE),
        "senderAddress": Field("object", model=_SENDER_ADDRESS),
        "senderContactGuid": _TEXT,
        "senderContactName": _TEXT,
        "senderKvkNumber": _TEXT,
        "senderName": _TEXT,
        "senderVatNumber": _TEXT,
        "status": Field("object", model=_STATUS),
        "totalExcludingTax": _MONEY,
        "totalIncludingTax": _MONEY,
        "totalTax": _MONEY,
        "workHourValueAddedTax": Field("number"),
        "workHoursQuantity": Field("number", nullable=False),
        "workHoursTotalExcludingTax": _MONEY,
        "yourReference": _TEXT,
    },
)

_ACCOUNTING = Field("object", model=Model("InvoiceRowAccountingSubModel", {"name": _TEXT, "number": _TEXT}))

INVOICE_ROW_OUTPUT = Model(
    "InvoiceRowOutputModel",
    {
        **_stamps(),
        "category": Field("string", nullable=False, enum=INVOICE_ROW_CATEGORIES),
        "code": Field("string-array"),
        "costCenter": _ACCOUNTING,
        "description": _TEXT,
        "flatRateGuid": _TEXT,
        "hasInvoiceComment": _FLAG,
        "invoiceGuid": _TEXT,
        "measurementUnit": _TEXT,
        "quantity": Field("number", nullable=False),
        "recurringSalesAccount": _ACCOUNTING,
        "rowType": Field("string", nullable=False, enum=INVOICE_ROW_TYPES),
        "salesAccount": _ACCOUNTING,
        "salesReceivableAccount": _ACCOUNTING,
        "sortOrder": Field("int32", nullable=False),
        "unitPrice": _MONEY,
        "vatAccount": _ACCOUNTING,
        "vatRate": Field("number"),
    },
)
