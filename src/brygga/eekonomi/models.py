"""eEkonomi wire models (the spec's ``*Api`` schemas) with PascalCase aliases.

Numbers are ``Decimal`` and timestamps aware datetimes. ``extra="allow"`` keeps every field we do
not model, because PUT replaces the whole object: a field left out of the body may be cleared
(see eaccounting-api.md §9.2), so an update sends back all it received.

The read-only, maxLength and required lists below are copied from the official spec
(``eaccounting-v2.openapi.json``); ``tests/eekonomi/test_models_spec.py`` checks them against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any, ClassVar
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict
from pydantic.alias_generators import to_pascal

__all__ = [
    "COMPANY_SETTINGS_READ_ONLY",
    "CUSTOMER_LIMITS",
    "CUSTOMER_READ_ONLY",
    "CUSTOMER_REQUIRED",
    "CompanySettings",
    "Country",
    "Currency",
    "Customer",
    "TermsOfPayment",
    "WireModel",
    "to_wire",
]


def _assume_utc(value: datetime) -> datetime:
    # eEk's *Utc fields are UTC; a timestamp sent without an offset still means UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_assume_utc)]

CUSTOMER_READ_ONLY = frozenset(
    {
        "Id",
        "PayToAccountId",
        "LastInvoiceDate",
        "ChangedUtc",
        "MessageThreads",
        "Notes",
        "IsFutureInvoiceDateAllowed",
        "UnpaidInvoicesAmount",
    }
)
"""CustomerApi properties marked ``readOnly`` in the spec: never sent in a POST or PUT body."""

CUSTOMER_REQUIRED = frozenset(
    {"InvoiceCity", "InvoicePostalCode", "IsActive", "IsPrivatePerson", "Name", "TermsOfPaymentId"}
)

CUSTOMER_LIMITS: dict[str, int] = {
    "InvoiceCity": 50,
    "InvoicePostalCode": 10,
    "GLN": 255,
    "EmailAddressOrder": 255,
    "EmailAddressQuote": 255,
    "PropertyReference": 40,
    "Iban": 35,
    "CustomerNumber": 16,
    "CorporateIdentityNumber": 20,
    "ContactPersonEmail": 255,
    "ContactPersonMobile": 50,
    "ContactPersonName": 100,
    "ContactPersonPhone": 50,
    "CurrencyCode": 3,
    "EmailAddress": 255,
    "InvoiceAddress1": 50,
    "InvoiceAddress2": 50,
    "InvoiceCountryCode": 2,
    "DeliveryAddress1": 50,
    "DeliveryAddress2": 50,
    "DeliveryCity": 50,
    "DeliveryCountryCode": 2,
    "DeliveryPostalCode": 10,
    "DeliveryCustomerName": 100,
    "Name": 50,
    "Note": 4000,
    "MobilePhone": 50,
    "Telephone": 50,
    "VatNumber": 20,
    "WwwAddress": 255,
    "EdiGlnNumber": 255,
    "SalesDocumentLanguage": 2,
    "ElectronicAddress": 255,
    "ElectronicReference": 35,
    "EdiServiceDelivererId": 255,
}
"""maxLength per CustomerApi string property: what brygga pre-validates with (rule C6)."""

COMPANY_SETTINGS_READ_ONLY = frozenset(
    {
        "CurrencyCode",
        "TermsOfPaymentId",
        "CorporateIdentityNumber",
        "PeppolId",
        "VatCode",
        "BankAccount",
        "Iban",
        "AccountNumberDigits",
        "AccountingLockedTo",
        "AccountingLockInterval",
        "Gln",
        "ProductVariant",
        "TypeOfBusiness",
        "VatPeriod",
        "ActivatedModules",
        "NextCustomerNumber",
        "NextSupplierNumber",
        "NextCustomerInvoiceNumber",
        "NextQuoteNumber",
        "NextOrderNumber",
        "NextArticleNumber",
        "ShowPricesExclVatPC",
        "ShowContributionMargin",
        "HasProportionalVatEnabled",
        "ProportionalVatValue",
        "IsPayslipActivated",
        "UsesCostCenter",
        "UsesProject",
        "DomesticCurrencyRounding",
        "CompanyStatus",
        "CompanyIdentifier",
        "ShowCostCenterReminder",
        "ShowProjectReminder",
        "UsesGreenTechnology",
        "CompanyEmailForUpload",
        "VismaWebshopStatus",
        "UsesTransactionText",
        "InvoicePrintSettingsType",
    }
)


def to_wire(value: Any) -> Any:
    """Make a ``model_dump`` result JSON-ready for :mod:`brygga.http.jsonio`, keeping ``Decimal``."""
    if isinstance(value, Mapping):
        return {key: to_wire(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_wire(item) for item in value]
    if isinstance(value, datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


class WireModel(BaseModel):
    """Base of every eEk DTO: PascalCase on the wire, snake_case in Python, unknown fields kept."""

    model_config = ConfigDict(alias_generator=to_pascal, populate_by_name=True, extra="allow")

    READ_ONLY: ClassVar[frozenset[str]] = frozenset()

    def to_body(self) -> dict[str, Any]:
        """The request body: fields that were set (received or assigned), minus the read-only ones.

        Unset fields are left out rather than sent as null, so a new object only carries what the
        caller gave it; an object read with GET carries everything back, as a full-replace PUT needs.
        """
        dumped = self.model_dump(by_alias=True, exclude_unset=True)
        return {key: to_wire(value) for key, value in dumped.items() if key not in self.READ_ONLY}


class TermsOfPayment(WireModel):
    id: str | None = None
    name: str | None = None
    name_english: str | None = None
    number_of_days: int | None = None
    terms_of_payment_type_id: int | None = None
    terms_of_payment_type_text: str | None = None
    available_for_sales: bool | None = None
    available_for_purchase: bool | None = None

    READ_ONLY: ClassVar[frozenset[str]] = frozenset({"Id"})


class Currency(WireModel):
    code: str | None = None


class Country(WireModel):
    code: str | None = None
    name: str | None = None
    name_english: str | None = None
    is_eu_member: bool | None = None


class Customer(WireModel):
    """CustomerApi. Required on write: Name, InvoiceCity, InvoicePostalCode, IsActive,
    IsPrivatePerson, TermsOfPaymentId (``CUSTOMER_REQUIRED``)."""

    id: str | None = None
    customer_number: str | None = None
    name: str
    is_private_person: bool
    is_active: bool
    corporate_identity_number: str | None = None
    vat_number: str | None = None
    invoice_address1: str | None = None
    invoice_address2: str | None = None
    invoice_postal_code: str
    invoice_city: str
    invoice_country_code: str | None = None
    delivery_customer_name: str | None = None
    delivery_address1: str | None = None
    delivery_address2: str | None = None
    delivery_postal_code: str | None = None
    delivery_city: str | None = None
    delivery_country_code: str | None = None
    telephone: str | None = None
    mobile_phone: str | None = None
    email_address: str | None = None
    email_addresses: list[str] | None = None
    www_address: str | None = None
    note: str | None = None
    contact_person_name: str | None = None
    contact_person_email: str | None = None
    contact_person_phone: str | None = None
    contact_person_mobile: str | None = None
    terms_of_payment_id: str
    currency_code: str | None = None
    sales_document_language: str | None = None
    electronic_address: str | None = None
    electronic_reference: str | None = None
    edi_gln_number: str | None = None
    reverse_charge_on_construction_services: bool | None = None
    force_bookkeep_vat: bool | None = None
    delivery_based_vat: bool | None = None
    discount_percentage: Decimal | None = None
    unpaid_invoices_amount: Decimal | None = None
    last_invoice_date: UtcDatetime | None = None
    changed_utc: UtcDatetime | None = None

    READ_ONLY: ClassVar[frozenset[str]] = CUSTOMER_READ_ONLY

    def to_body(self) -> dict[str, Any]:
        """As the base, without the nested ``TermsOfPayment`` a GET returns: its ``Id`` is read-only, and
        ``TermsOfPaymentId`` is what sets the terms."""
        body = super().to_body()
        body.pop("TermsOfPayment", None)
        return body


class CompanySettings(WireModel):
    """CompanySettingsApi: identifies the connected company and its numbering and rounding."""

    name: str | None = None
    corporate_identity_number: str | None = None
    company_identifier: str | None = None
    country_code: str | None = None
    currency_code: str | None = None
    address1: str | None = None
    postal_code: str | None = None
    city: str | None = None
    terms_of_payment_id: str | None = None
    domestic_currency_rounding: int | None = None
    next_customer_number: int | None = None
    next_customer_invoice_number: int | None = None
    product_variant: int | None = None
    company_status: int | None = None
    uses_cost_center: bool | None = None
    uses_project: bool | None = None
    activated_modules: list[str] | None = None

    READ_ONLY: ClassVar[frozenset[str]] = COMPANY_SETTINGS_READ_ONLY
