"""The spec's models the emulator accepts as request bodies, property by property.

Copied from ``severa-rest-v1.openapi.yaml`` (components/schemas); a test compares each one with the
spec. Sub-models are the spec's own (``CustomerCurrency``, ``AddressCountry`` …), not shared shapes.
"""

from __future__ import annotations

from .schema import Field, Model

__all__ = [
    "ADDRESS",
    "CLIENT_CREDENTIALS",
    "CONTACT",
    "CONTACT_COMMUNICATION",
    "CUSTOMER",
    "PATCH_OPERATION",
]

COMMUNICATION_METHOD_TYPES = ("Phone", "Fax", "MobilePhone", "IPPhone", "InstantMessenger", "EmailAddress")
COUNTRY_REGIONS_STATUS = ("NoRegion", "Unknown", "HasRegions")
PATCH_OPERATION_TYPES = ("Add", "Copy", "Move", "Remove", "Replace")

_TEXT = Field("string")
_READ_ONLY_TEXT = Field("string", read_only=True)
_GUID = Field("string")
_CREATED = Field("date-time", nullable=False, read_only=True)
_UPDATED = Field("date-time", read_only=True)

USER_REFERENCE = Model(
    "UserWithFirstNameLastNameAndPhotoFileModel",
    {"code": _READ_ONLY_TEXT, "firstName": _TEXT, "guid": _GUID, "lastName": _TEXT, "name": _TEXT},
)
_USER = Field("object", model=USER_REFERENCE)
_USER_READ_ONLY = Field("object", read_only=True, model=USER_REFERENCE)
MODEL_WITH_NAME = Model("ModelWithName", {"guid": _GUID, "name": _TEXT})
_NAMED = Field("object", model=MODEL_WITH_NAME)

CLIENT_CREDENTIALS = Model(
    "ClientCredentials",
    {
        "client_id": Field("string", nullable=False, min_length=1),
        "client_secret": Field("string", nullable=False, min_length=1),
        "scope": _TEXT,
    },
    frozenset({"client_id", "client_secret"}),
)

PATCH_OPERATION = Model(
    "PatchOperation",
    {
        "from": _TEXT,
        "op": Field("string", nullable=False, enum=PATCH_OPERATION_TYPES),
        "path": _TEXT,
        "value": _TEXT,
    },
    frozenset({"op"}),
)

CUSTOMER_CURRENCY = Model("CustomerCurrency", {"code": _TEXT, "guid": _GUID, "name": _TEXT, "symbol": _TEXT})
CUSTOMER_HEADQUARTER_ADDRESS = Model(
    "CustomerHeadquarterAddress",
    {
        "addressline": _READ_ONLY_TEXT,
        "city": _READ_ONLY_TEXT,
        "country": _READ_ONLY_TEXT,
        "guid": _GUID,
        "postalCode": _READ_ONLY_TEXT,
    },
)
CUSTOMER_INVOICING_VAT = Model(
    "CustomerInvoicingVat", {"code": _TEXT, "guid": _GUID, "percentage": Field("number", nullable=False)}
)
CUSTOMER_LANGUAGE = Model(
    "CustomerLanguage", {"code": _READ_ONLY_TEXT, "englishName": _READ_ONLY_TEXT, "guid": _GUID, "name": _TEXT}
)

CUSTOMER = Model(
    "CustomerModel",
    {
        "annualRevenue": Field("int64"),
        "createdBy": _USER_READ_ONLY,
        "createdDateTime": _CREATED,
        "currency": Field("object", model=CUSTOMER_CURRENCY),
        "eInvoiceAddress": _TEXT,
        "eInvoiceOperator": _TEXT,
        "email": _TEXT,
        "guid": _READ_ONLY_TEXT,
        "headquarterAddress": Field("object", model=CUSTOMER_HEADQUARTER_ADDRESS),
        "industry": _NAMED,
        "invoiceTemplate": _NAMED,
        "invoicingVat": Field("object", model=CUSTOMER_INVOICING_VAT),
        "isActive": Field("boolean", nullable=False, default=True),
        "isInternal": Field("boolean", nullable=False, read_only=True),
        "kvkNumber": Field("string", min_length=0, max_length=25),
        "language": Field("object", model=CUSTOMER_LANGUAGE),
        "lastUpdatedBy": _USER_READ_ONLY,
        "lastUpdatedDateTime": _UPDATED,
        "name": Field("string", nullable=False, min_length=1),
        "notes": _TEXT,
        "number": Field("int64"),
        "numberOfEmployees": Field("int32"),
        "overdueInterest": Field("number"),
        "owner": _USER,
        "paymentTerm": Field("int32"),
        "pricelist": _NAMED,
        "timezone": _NAMED,
        "vatNumber": _TEXT,
        "website": _TEXT,
    },
    frozenset({"name"}),
)

ADDRESS_COUNTRY = Model(
    "AddressCountry",
    {
        "englishName": _TEXT,
        "guid": _GUID,
        "hasRegions": Field("string", nullable=False, read_only=True, enum=COUNTRY_REGIONS_STATUS),
        "name": _TEXT,
    },
)
ADDRESS_CUSTOMER = Model("AddressCustomer", {"guid": _GUID, "name": _TEXT, "number": Field("int64", read_only=True)})

ADDRESS = Model(
    "AddressModel",
    {
        "addressline": _TEXT,
        "city": _TEXT,
        "contacts": Field("object-array", model=MODEL_WITH_NAME),
        "country": Field("object", model=ADDRESS_COUNTRY),
        "countryRegion": _NAMED,
        "createdBy": _USER_READ_ONLY,
        "createdDateTime": _CREATED,
        "customer": Field("object", model=ADDRESS_CUSTOMER),
        "fax": _TEXT,
        "guid": _READ_ONLY_TEXT,
        "isBillingAddress": Field("boolean", nullable=False, default=False),
        "isPostalAddress": Field("boolean", nullable=False, default=False),
        "isVisitAddress": Field("boolean", nullable=False, default=False),
        "lastUpdatedBy": _USER_READ_ONLY,
        "lastUpdatedDateTime": _UPDATED,
        "phone": _TEXT,
        "postalCode": _TEXT,
    },
)

CONTACT_CUSTOMER = Model(
    "ContactCustomer",
    {
        "guid": Field("string", nullable=False, min_length=1),
        "name": _READ_ONLY_TEXT,
        "number": Field("int64", read_only=True),
    },
    frozenset({"guid"}),
)

CONTACT = Model(
    "ContactModel",
    {
        "addressGuid": _TEXT,
        "createdBy": _USER_READ_ONLY,
        "createdDateTime": _CREATED,
        "customer": Field("object", nullable=False, model=CONTACT_CUSTOMER),
        "dateOfBirth": Field("date"),
        "description": _TEXT,
        "emails": Field("string-array", read_only=True),
        "firstName": Field("string", nullable=False, min_length=1),
        "guid": _READ_ONLY_TEXT,
        "isActive": Field("boolean", nullable=False, default=True),
        "isDeleted": Field("boolean", nullable=False, read_only=True),
        "isEmailAllowed": Field("boolean", nullable=False, default=False),
        "jobTitle": _TEXT,
        "language": _NAMED,
        "lastName": Field("string", nullable=False, min_length=1),
        "lastUpdatedBy": _USER_READ_ONLY,
        "lastUpdatedDateTime": _UPDATED,
        "name": _READ_ONLY_TEXT,
        "phoneNumbers": Field("string-array", read_only=True),
        "role": _NAMED,
        "salutation": Field("string", enum=("Mr.", "Mrs.", "Ms.")),
        "satisfactionLevel": Field("string", enum=("Unsatisfied", "Neutral", "Satisfied", "Unknown")),
        "timeZone": _NAMED,
    },
    frozenset({"firstName", "lastName", "customer"}),
)

COMMUNICATION_TYPE_SUB = Model(
    "CommunicationTypeSubModel",
    {
        "guid": Field("string", nullable=False, min_length=1),
        "isActive": Field("boolean", nullable=False, default=True),
        "name": _READ_ONLY_TEXT,
        "type": Field("string", nullable=False, enum=COMMUNICATION_METHOD_TYPES),
    },
    frozenset({"guid"}),
)
MODEL_WITH_REQUIRED_GUID = Model(
    "ModelBaseWithRequiredGuid",
    {"guid": Field("string", nullable=False, min_length=1), "name": _READ_ONLY_TEXT},
    frozenset({"guid"}),
)

CONTACT_COMMUNICATION = Model(
    "ContactCommunicationModel",
    {
        "communicationType": Field("object", nullable=False, model=COMMUNICATION_TYPE_SUB),
        "contact": Field("object", nullable=False, model=MODEL_WITH_REQUIRED_GUID),
        "createdBy": _USER_READ_ONLY,
        "createdDateTime": _CREATED,
        "guid": _READ_ONLY_TEXT,
        # The spec really says default true; the emulator follows the contract, odd as it reads.
        "isForbiddenToUse": Field("boolean", nullable=False, default=True),
        "lastUpdatedBy": _USER_READ_ONLY,
        "lastUpdatedDateTime": _UPDATED,
        "value": Field("string", nullable=False, min_length=1),
    },
    frozenset({"value", "contact", "communicationType"}),
)
