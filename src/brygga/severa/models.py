"""Severa wire models (REST API v1), camelCase exactly as the spec names the fields.

Numbers with a fraction are ``Decimal`` (bodies are parsed by :mod:`brygga.http.jsonio`), times are
timezone-aware, and unknown fields are kept (``extra="allow"``) so a newer Severa does not break a
read. Each model lists the fields its spec schema marks ``readOnly``; :meth:`SeveraModel.to_create_body`
leaves those out, together with every unset (``None``) value, because Severa would either refuse them
or reset the field to null. Where a route reads one schema (``*OutputModel``) and writes another
(``*InputModel``), ``OUTPUT_ONLY`` lists the fields only the output has, and they are left out too.

Models of the other resources live beside this module: :mod:`brygga.severa.article_models`
(products, work types, travel expense types, VAT rates), :mod:`brygga.severa.project_models` and
:mod:`brygga.severa.price_models`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict

__all__ = [
    "Address",
    "AddressCountry",
    "AddressCustomer",
    "CommunicationType",
    "CommunicationTypeRef",
    "ContactCommunication",
    "ContactCustomer",
    "ContactPerson",
    "ContactRef",
    "Country",
    "CountryCurrency",
    "Currency",
    "CurrencyRef",
    "Customer",
    "GuidRef",
    "HeadquarterAddress",
    "InvoicingVat",
    "LanguageRef",
    "Money",
    "MultiCurrencyInfo",
    "NamedRef",
    "RequiredCurrencyRef",
    "SeveraModel",
    "UserRef",
    "UtcDateTime",
    "wire_value",
]


def _assume_utc(value: datetime) -> datetime:
    # Severa writes its timestamps in UTC; a value without an offset is read as UTC rather than
    # as the local time of whoever runs brygga.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


UtcDateTime = Annotated[datetime, AfterValidator(_assume_utc)]


def wire_value(value: Any) -> Any:
    """A value as it goes into a JSON body: models become dicts, dates ISO text, Decimals stay exact."""
    if isinstance(value, SeveraModel):
        return value.to_create_body()
    if isinstance(value, list | tuple):
        return [wire_value(item) for item in value]
    if isinstance(value, dict):
        return {key: wire_value(item) for key, item in value.items()}
    if isinstance(value, datetime):
        return _assume_utc(value).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


class SeveraModel(BaseModel):
    """Base of every Severa model: keeps unknown fields, knows its read-only and output-only fields."""

    model_config = ConfigDict(extra="allow")

    READ_ONLY: ClassVar[frozenset[str]] = frozenset()
    OUTPUT_ONLY: ClassVar[frozenset[str]] = frozenset()
    """Fields the output schema has and the route's input schema lacks (e.g. ``multiCurrencyInfo``)."""

    def to_create_body(self) -> dict[str, Any]:
        """The JSON body for a POST: no read-only or output-only fields, no unset values, no empty sub-objects."""
        body: dict[str, Any] = {}
        skipped = self.READ_ONLY | self.OUTPUT_ONLY
        for name, value in self:
            if name in skipped or value is None:
                continue
            wire = wire_value(value)
            if isinstance(value, SeveraModel) and not wire:
                continue
            body[name] = wire
        return body


# --- references to other objects (sub-models) -------------------------------------------------


class NamedRef(SeveraModel):
    """``ModelWithName``: a reference by guid, with the name for display."""

    guid: str | None = None
    name: str | None = None


class GuidRef(SeveraModel):
    """``ModelBase``: a reference by guid only."""

    guid: str | None = None


class UserRef(SeveraModel):
    """``UserWithFirstNameLastNameAndPhotoFileModel`` (owner, createdBy, ...)."""

    READ_ONLY = frozenset({"code"})

    guid: str | None = None
    name: str | None = None
    firstName: str | None = None
    lastName: str | None = None
    code: str | None = None


class CurrencyRef(SeveraModel):
    """``CustomerCurrency``."""

    guid: str | None = None
    code: str | None = None
    name: str | None = None
    symbol: str | None = None


class InvoicingVat(SeveraModel):
    """``CustomerInvoicingVat``: the customer's default VAT rate; ``percentage`` is a percent, e.g. 25."""

    guid: str | None = None
    code: str | None = None
    percentage: Decimal | None = None


class LanguageRef(SeveraModel):
    """``CustomerLanguage``."""

    READ_ONLY = frozenset({"code", "englishName"})

    guid: str | None = None
    name: str | None = None
    code: str | None = None
    englishName: str | None = None


class HeadquarterAddress(SeveraModel):
    """``CustomerHeadquarterAddress``: only ``guid`` is writable; the rest mirrors that address."""

    READ_ONLY = frozenset({"addressline", "postalCode", "city", "country"})

    guid: str | None = None
    addressline: str | None = None
    postalCode: str | None = None
    city: str | None = None
    country: str | None = None


class AddressCountry(SeveraModel):
    """``AddressCountry``: set ``guid`` (from ``GET /v1/localization/countries``) when writing."""

    READ_ONLY = frozenset({"hasRegions"})

    guid: str | None = None
    name: str | None = None
    englishName: str | None = None
    hasRegions: str | None = None


class AddressCustomer(SeveraModel):
    """``AddressCustomer``."""

    READ_ONLY = frozenset({"number"})

    guid: str | None = None
    name: str | None = None
    number: int | None = None


class ContactCustomer(SeveraModel):
    """``ContactCustomer``: the customer a contact person belongs to (required on create)."""

    READ_ONLY = frozenset({"name", "number"})

    guid: str
    name: str | None = None
    number: int | None = None


class ContactRef(SeveraModel):
    """``ModelBaseWithRequiredGuid``: the contact person a communication belongs to."""

    READ_ONLY = frozenset({"name"})

    guid: str
    name: str | None = None


class CommunicationTypeRef(SeveraModel):
    """``CommunicationTypeSubModel``.

    ``type`` is Phone, Fax, MobilePhone, IPPhone, InstantMessenger or EmailAddress.
    """

    READ_ONLY = frozenset({"name"})

    guid: str
    name: str | None = None
    type: str | None = None
    isActive: bool | None = None


class CountryCurrency(SeveraModel):
    """``CurrencyBaseModel`` as a country's currency."""

    READ_ONLY = frozenset({"code", "name", "symbol"})

    guid: str | None = None
    code: str | None = None
    name: str | None = None
    symbol: str | None = None


class RequiredCurrencyRef(SeveraModel):
    """``CurrencySubModel2`` / ``PriceListCurrency2``: a currency by guid (required), name read-only."""

    READ_ONLY = frozenset({"name"})

    guid: str
    code: str | None = None
    name: str | None = None
    symbol: str | None = None


class MultiCurrencyInfo(SeveraModel):
    """``MultiCurrencyInfoModel``: the same amount in another currency, for the listed purposes."""

    amount: Decimal | None = None
    currencyCode: str | None = None
    purpose: list[str] | None = None


class Money(SeveraModel):
    """``MoneyOutputModel``; written as ``MoneyInputModelWithNullableAmount`` (``currencyCode`` required there).

    ``amount`` is exact: ``1200.00`` stays ``Decimal("1200.00")`` both ways.
    """

    OUTPUT_ONLY = frozenset({"multiCurrencyInfo"})

    amount: Decimal | None = None
    currencyCode: str | None = None
    multiCurrencyInfo: list[MultiCurrencyInfo] | None = None


# --- resources --------------------------------------------------------------------------------

_AUDIT_FIELDS = frozenset({"createdBy", "createdDateTime", "lastUpdatedBy", "lastUpdatedDateTime"})


class Customer(SeveraModel):
    """``CustomerModel`` (``/v1/customers``). ``number`` is int64: Severa drops leading zeros."""

    READ_ONLY = _AUDIT_FIELDS | {"guid", "isInternal"}

    guid: str | None = None
    number: int | None = None
    name: str
    vatNumber: str | None = None
    email: str | None = None
    website: str | None = None
    notes: str | None = None
    paymentTerm: int | None = None
    overdueInterest: Decimal | None = None
    currency: CurrencyRef | None = None
    invoicingVat: InvoicingVat | None = None
    language: LanguageRef | None = None
    owner: UserRef | None = None
    eInvoiceAddress: str | None = None
    eInvoiceOperator: str | None = None
    isActive: bool = True
    isInternal: bool = False
    headquarterAddress: HeadquarterAddress | None = None
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None


class Address(SeveraModel):
    """``AddressModel`` (``/v1/addresses``, ``/v1/customers/{customerGuid}/addresses``)."""

    READ_ONLY = _AUDIT_FIELDS | {"guid"}

    guid: str | None = None
    addressline: str | None = None
    postalCode: str | None = None
    city: str | None = None
    country: AddressCountry | None = None
    countryRegion: NamedRef | None = None
    isBillingAddress: bool = False
    isPostalAddress: bool = False
    isVisitAddress: bool = False
    phone: str | None = None
    fax: str | None = None
    contacts: list[NamedRef] | None = None
    customer: AddressCustomer | None = None
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None


class ContactPerson(SeveraModel):
    """``ContactModel`` (``/v1/contactpersons``); Severa requires both first and last name."""

    READ_ONLY = _AUDIT_FIELDS | {"guid", "name", "emails", "phoneNumbers", "isDeleted"}

    guid: str | None = None
    customer: ContactCustomer
    firstName: str
    lastName: str
    name: str | None = None
    addressGuid: str | None = None
    jobTitle: str | None = None
    role: NamedRef | None = None
    language: NamedRef | None = None
    isActive: bool = True
    isDeleted: bool = False
    emails: list[str] | None = None
    phoneNumbers: list[str] | None = None
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None


class ContactCommunication(SeveraModel):
    """``ContactCommunicationModel``: one e-mail address or phone number of a contact person."""

    READ_ONLY = _AUDIT_FIELDS | {"guid"}

    guid: str | None = None
    value: str
    contact: ContactRef
    communicationType: CommunicationTypeRef
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None


class CommunicationType(SeveraModel):
    """``CommunicationTypeModel`` (``/v1/communicationtypes``): the guid a communication refers to."""

    READ_ONLY = _AUDIT_FIELDS | {"guid"}

    guid: str | None = None
    name: str
    type: str | None = None
    isActive: bool = True
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None


class Currency(SeveraModel):
    """``CurrencyOutputModel`` (``/v1/currencies``); ``rate`` against the organisation currency."""

    READ_ONLY = _AUDIT_FIELDS

    guid: str | None = None
    code: str | None = None
    name: str | None = None
    symbol: str | None = None
    rate: Decimal | None = None
    isOrganizationCurrency: bool = False
    isActive: bool = True
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None


class Country(SeveraModel):
    """``CountryModel`` (``/v1/localization/countries``); read-only reference data."""

    guid: str | None = None
    code2: str | None = None
    code3: str | None = None
    name: str | None = None
    englishName: str | None = None
    isInEU: bool = False
    currency: CountryCurrency | None = None
