"""Model validation as eEkonomi's .NET backend does it: type conversion, [Required], [StringLength], [Range].

Field tables are hard-coded from ``components.schemas`` of the official spec (a test proves they still
match it). Messages use the .NET data-annotation wording, because clients and humans read them:

* ``The Name field is required.``
* ``The field Name must be a string with a maximum length of 50.``
* ``The field DiscountPercentage must be between 0 and 1.``
* ``Error converting value "abc" to type 'System.Guid'. Path 'TermsOfPaymentId'.`` (Newtonsoft)

Tables: customers (``CustomerApi``), articles (``ArticleApi``), cost centers and their items; the sales
documents' tables live in ``invoice_fields``, the purchase side's in ``purchase_fields``.
"""

from __future__ import annotations

import enum
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .clock import format_utc, parse_utc
from .jsonio import dumps
from .problems import FieldProblem

__all__ = [
    "ARTICLE_BARCODE_FIELDS",
    "ARTICLE_FIELDS",
    "ARTICLE_LABEL_FIELDS",
    "CODING_ID_NULL_MESSAGE",
    "COST_CENTER_FIELDS",
    "COST_CENTER_ITEM_FIELDS",
    "CUSTOMER_FIELDS",
    "DIRECT_DEBIT_FIELDS",
    "FieldRule",
    "Kind",
    "blank_document",
    "validate_fields",
]

_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)


class Kind(enum.Enum):
    STRING = "System.String"
    UUID = "System.Guid"
    BOOLEAN = "System.Boolean"
    INTEGER = "System.Int32"
    LONG = "System.Int64"
    NUMBER = "System.Decimal"
    DATETIME = "System.DateTime"
    STRING_LIST = "System.Collections.Generic.List`1[System.String]"
    UUID_LIST = "System.Collections.Generic.List`1[System.Guid]"
    OBJECT = "object"
    OBJECT_LIST = "list"


@dataclass(frozen=True)
class FieldRule:
    name: str
    kind: Kind
    nullable: bool = True
    required: bool = False
    max_length: int | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    max_decimals: int | None = None
    pattern: str | None = None  # the spec's regular expression, checked as [RegularExpression] does
    read_only: bool = False
    # Filled by the server from another field (TermsOfPayment from TermsOfPaymentId) although the
    # spec does not mark it readOnly; like read-only fields it is ignored in requests.
    derived: bool = False
    nested: tuple[FieldRule, ...] = ()
    type_name: str = ""  # .NET type named in conversion errors of OBJECT/OBJECT_LIST fields
    # Newtonsoft's text for a null or missing value, reported instead of [Required]'s and ahead of every
    # other problem: ASP.NET records deserialization errors before it runs the validation attributes.
    null_message: str | None = None


def _s(name: str, max_length: int | None = None, **kw: Any) -> FieldRule:
    return FieldRule(name, Kind.STRING, max_length=max_length, **kw)


DIRECT_DEBIT_FIELDS: tuple[FieldRule, ...] = (
    _s("MandateId", 35),
    FieldRule("MandateType", Kind.INTEGER, nullable=False),
    FieldRule("SequenceType", Kind.INTEGER, nullable=False),
    FieldRule("SigningDate", Kind.DATETIME),
    FieldRule("EndDate", Kind.DATETIME),
    FieldRule("LatestDirectDebit", Kind.DATETIME),
    _s("Bic", 11),
)

CUSTOMER_LABEL_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("Id", Kind.UUID, nullable=False, read_only=True),
    _s("Name", 50, nullable=False, required=True),
    _s("Description", 400),
)

# CustomerApi, in the spec's property order (which is also the order .NET reports problems in).
CUSTOMER_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("Id", Kind.UUID, nullable=False, read_only=True),
    _s("InvoiceCity", 50, nullable=False, required=True),
    _s("InvoicePostalCode", 10, nullable=False, required=True),
    _s("GLN", 255),
    _s("EmailAddressOrder", 255),
    _s("EmailAddressQuote", 255),
    FieldRule("PayToAccountId", Kind.UUID, read_only=True),
    FieldRule("TermsOfPayment", Kind.OBJECT, nullable=False, derived=True),
    FieldRule("LastInvoiceDate", Kind.DATETIME, read_only=True),
    _s("TaxDeductionNumber"),
    FieldRule("PropertyType", Kind.INTEGER, minimum=Decimal(1), maximum=Decimal(2)),
    _s("PropertyReference", 40),
    FieldRule("ChangedUtc", Kind.DATETIME, read_only=True),
    FieldRule("CustomerLabels", Kind.OBJECT_LIST, nested=CUSTOMER_LABEL_FIELDS, type_name="CustomerLabelApi"),
    FieldRule("MessageThreads", Kind.UUID_LIST, read_only=True),
    FieldRule("Notes", Kind.UUID_LIST, read_only=True),
    FieldRule("IsFutureInvoiceDateAllowed", Kind.BOOLEAN, nullable=False, read_only=True),
    _s("Iban", 35),
    FieldRule("IsDirectDebitEnabled", Kind.BOOLEAN),
    FieldRule(
        "DirectDebitCustomerSettings",
        Kind.OBJECT,
        nullable=False,
        nested=DIRECT_DEBIT_FIELDS,
        type_name="DirectDebitCustomerSettingsApi",
    ),
    FieldRule("DiscountAgreementId", Kind.UUID),
    FieldRule("UnpaidInvoicesAmount", Kind.NUMBER, nullable=False, read_only=True),
    _s("CustomerNumber", 16),
    _s("CorporateIdentityNumber", 20),
    _s("ContactPersonEmail", 255),
    _s("ContactPersonMobile", 50),
    _s("ContactPersonName", 100),
    _s("ContactPersonPhone", 50),
    _s("CurrencyCode", 3),
    _s("EmailAddress", 255),
    _s("InvoiceAddress1", 50),
    _s("InvoiceAddress2", 50),
    _s("InvoiceCountryCode", 2),
    _s("DeliveryAddress1", 50),
    _s("DeliveryAddress2", 50),
    _s("DeliveryCity", 50),
    _s("DeliveryCountryCode", 2),
    _s("DeliveryPostalCode", 10),
    _s("DeliveryCustomerName", 100),
    FieldRule("DeliveryMethodId", Kind.UUID),
    FieldRule("DeliveryTermId", Kind.UUID),
    _s("Name", 50, nullable=False, required=True),
    _s("Note", 4000),
    FieldRule("ReverseChargeOnConstructionServices", Kind.BOOLEAN, nullable=False),
    FieldRule("WebshopCustomerNumber", Kind.INTEGER),
    _s("MobilePhone", 50),
    _s("Telephone", 50),
    FieldRule("TermsOfPaymentId", Kind.UUID, nullable=False, required=True),
    _s("VatNumber", 20),
    _s("WwwAddress", 255),
    FieldRule("IsPrivatePerson", Kind.BOOLEAN, nullable=False, required=True),
    FieldRule("IsNorthernIreland", Kind.BOOLEAN),
    FieldRule(
        "DiscountPercentage",
        Kind.NUMBER,
        nullable=False,
        minimum=Decimal(0),
        maximum=Decimal(1),
        max_decimals=4,
    ),
    FieldRule("IsActive", Kind.BOOLEAN, nullable=False, required=True),
    FieldRule("ForceBookkeepVat", Kind.BOOLEAN, nullable=False),
    _s("EdiGlnNumber", 255),
    _s("SalesDocumentLanguage", 2),
    _s("ElectronicAddress", 255),
    _s("ElectronicReference", 35),
    _s("EdiServiceDelivererId", 255),
    FieldRule("AutoInvoiceActivationEmailSentDate", Kind.DATETIME),
    FieldRule("AutoInvoiceRegistrationRequestSentDate", Kind.DATETIME),
    FieldRule("EmailAddresses", Kind.STRING_LIST),
    FieldRule("DeliveryBasedVat", Kind.BOOLEAN, nullable=False),
    FieldRule("SalesPriceListId", Kind.UUID),
)


# The original integration's error table quotes this text for a product without a VAT rate (it sent
# "CodingId": null). Line and position are those of the original's request body, not of the request at
# hand: the emulator repeats the quoted text so that clients are tested against the known wording.
CODING_ID_NULL_MESSAGE = "Error converting value {null} to type 'System.Guid'. Path 'CodingId', line 8, position 18."

_PRICE_MAX = Decimal(99_000_000)
_STOCK_LIMIT = Decimal(10**15)


def _price(name: str, **kw: Any) -> FieldRule:
    return FieldRule(name, Kind.NUMBER, nullable=False, minimum=Decimal(0), maximum=_PRICE_MAX, **kw)


ARTICLE_LABEL_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("Id", Kind.UUID, nullable=False, read_only=True),
    _s("Name", 50, nullable=False, required=True),
    _s("Description", 400),
)

ARTICLE_BARCODE_FIELDS: tuple[FieldRule, ...] = (
    _s("Barcode"),
    FieldRule("BarcodeType", Kind.INTEGER, nullable=False),
)

# ArticleApi, in the spec's property order. Prices carry the spec's two-decimal pattern; the fields
# marked derived are answers (discounts, prices in the purchase currency) the server computes.
ARTICLE_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("Id", Kind.UUID, nullable=False, read_only=True),
    FieldRule("IsActive", Kind.BOOLEAN, nullable=False, required=True),
    _s("Number", 40, nullable=False, required=True),
    _s("Name", 50, nullable=False, required=True),
    _s("NameEnglish", 50),
    _price("NetPrice", max_decimals=2),
    _price("NetPriceWithDiscount", max_decimals=2, derived=True),
    _price("GrossPrice", max_decimals=2),
    FieldRule("CodingId", Kind.UUID, nullable=False, required=True, null_message=CODING_ID_NULL_MESSAGE),
    _s("CodingName", read_only=True),
    FieldRule("UnitId", Kind.UUID, nullable=False, required=True),
    _s("UnitName", read_only=True),
    _s("UnitAbbreviation", read_only=True),
    FieldRule("StockBalance", Kind.NUMBER, nullable=False, minimum=-_STOCK_LIMIT, maximum=_STOCK_LIMIT, max_decimals=2),
    FieldRule("StockBalanceManuallyChangedUtc", Kind.DATETIME, read_only=True),
    FieldRule("StockBalanceReserved", Kind.NUMBER, nullable=False, read_only=True),
    FieldRule("StockBalanceAvailable", Kind.NUMBER, nullable=False, read_only=True),
    FieldRule("CreatedUtc", Kind.DATETIME, nullable=False, read_only=True),
    FieldRule("ChangedUtc", Kind.DATETIME, nullable=False, read_only=True),
    FieldRule("HouseWorkType", Kind.INTEGER),
    _price("PurchasePrice"),
    FieldRule("PurchasePriceManuallyChangedUtc", Kind.DATETIME, read_only=True),
    FieldRule("SendToWebshop", Kind.BOOLEAN, nullable=False),
    FieldRule("UsesMoss", Kind.BOOLEAN, nullable=False),
    FieldRule("ArticleLabels", Kind.OBJECT_LIST, nested=ARTICLE_LABEL_FIELDS, type_name="ArticleLabelApi"),
    FieldRule("MessageThreads", Kind.UUID_LIST, read_only=True),
    FieldRule("Notes", Kind.UUID_LIST, read_only=True),
    _s("Note", 4000),
    FieldRule("IsStock", Kind.BOOLEAN, nullable=False),
    FieldRule("ShowStockInformation", Kind.BOOLEAN, nullable=False, read_only=True),
    FieldRule("IsServiceArticle", Kind.BOOLEAN, nullable=False, read_only=True),
    _s("StockLocationReference"),
    _price("FreightCosts"),
    FieldRule("FreightCostsManuallyChangedUtc", Kind.DATETIME, read_only=True),
    FieldRule("UpdateStockPrices", Kind.BOOLEAN, nullable=False),
    FieldRule("Barcodes", Kind.OBJECT_LIST, nested=ARTICLE_BARCODE_FIELDS, type_name="ArticleBarcodeApi"),
    FieldRule("StockValue", Kind.NUMBER, nullable=False, read_only=True),
    FieldRule("GreenTechnologyType", Kind.INTEGER),
    FieldRule("DiscountPercentage", Kind.NUMBER, nullable=False, derived=True),
    _s("CurrencyCode", 3),
    FieldRule("PurchasePriceWithCurrency", Kind.NUMBER, nullable=False, derived=True),
    FieldRule("FreightCostWithCurrency", Kind.NUMBER, nullable=False, derived=True),
    FieldRule("OrderingPoint", Kind.NUMBER),
    FieldRule("SupplierId", Kind.UUID),
    _s("SupplierArticleNumber", 16),
)

COST_CENTER_ITEM_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("CostCenterId", Kind.UUID, nullable=False, required=True),
    FieldRule("Id", Kind.UUID, read_only=True),
    _s("Name", 50, nullable=False, required=True),
    _s("ShortName", 9, nullable=False, required=True),
    FieldRule("IsActive", Kind.BOOLEAN, nullable=False, required=True),
    FieldRule("CreatedUtc", Kind.DATETIME, nullable=False, read_only=True),
)

COST_CENTER_FIELDS: tuple[FieldRule, ...] = (
    _s("Name", 20, nullable=False, required=True),
    FieldRule("Number", Kind.INTEGER, nullable=False, read_only=True),
    FieldRule("IsActive", Kind.BOOLEAN, nullable=False),
    FieldRule("Items", Kind.OBJECT_LIST, read_only=True, nested=COST_CENTER_ITEM_FIELDS, type_name="CostCenterItemApi"),
    FieldRule("Id", Kind.UUID, nullable=False, read_only=True),
)


class _ConversionError(ValueError):
    """A JSON value that .NET could not bind to the property's type."""


def blank_document(rules: Sequence[FieldRule]) -> dict[str, Any]:
    """Every property at the value .NET gives a fresh object: null, false, 0 or an empty object."""
    return {rule.name: _default(rule) for rule in rules}


def _default(rule: FieldRule) -> Any:
    if rule.nullable:
        return None
    if rule.kind is Kind.BOOLEAN:
        return False
    if rule.kind in (Kind.INTEGER, Kind.LONG, Kind.NUMBER):
        return Decimal(0) if rule.kind is Kind.NUMBER else 0
    if rule.kind is Kind.OBJECT:
        return blank_document(rule.nested)
    return None


def validate_fields(
    body: Mapping[str, Any], rules: Sequence[FieldRule], path: str = ""
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Convert and check the writable fields present in ``body``.

    Returns the converted values (only fields the client sent; read-only and unknown properties are
    ignored, as the real API ignores them) and the problems, in property order.
    """
    values: dict[str, Any] = {}
    conversions: list[FieldProblem] = []
    problems: list[FieldProblem] = []
    for rule in rules:
        if rule.read_only or rule.derived:
            continue
        present = rule.name in body
        raw = body.get(rule.name)
        if rule.null_message is not None and raw is None:
            conversions.append(FieldProblem(path + rule.name, "Conversion", rule.null_message))
            continue
        if rule.required and _is_blank(raw):
            problems.append(FieldProblem(path + rule.name, "Required", f"The {rule.name} field is required."))
            continue
        if not present:
            continue
        try:
            value = _convert(rule, raw, path + rule.name)
        except _ConversionError as exc:
            problems.append(FieldProblem(path + rule.name, "Conversion", str(exc)))
            continue
        if isinstance(value, _Nested):
            problems.extend(value.problems)
            value = value.value
        problems.extend(_check_limits(rule, value, path))
        values[rule.name] = value
    return values, conversions + problems


@dataclass
class _Nested:
    value: Any
    problems: list[FieldProblem]


def _is_blank(raw: Any) -> bool:
    # [Required] rejects null, and for strings also "" and whitespace (AllowEmptyStrings = false).
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _convert(rule: FieldRule, raw: Any, path: str) -> Any:
    if raw is None:
        if rule.nullable:
            return None
        raise _conversion_error(rule, raw, path)
    converter = _CONVERTERS[rule.kind]
    try:
        return converter(rule, raw, path)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, _ConversionError):
            raise
        raise _conversion_error(rule, raw, path) from exc


def _conversion_error(rule: FieldRule, raw: Any, path: str) -> _ConversionError:
    shown = "{null}" if raw is None else dumps(raw)
    type_name = rule.type_name or rule.kind.value
    return _ConversionError(f"Error converting value {shown} to type '{type_name}'. Path '{path}'.")


def _to_string(rule: FieldRule, raw: Any, path: str) -> str:
    # Newtonsoft turns a JSON number into its text (CustomerNumber 1001 -> "1001"); anything else fails.
    if isinstance(raw, str):
        return raw
    if isinstance(raw, int | Decimal) and not isinstance(raw, bool):
        return str(raw)
    raise TypeError(raw)


def _to_uuid(rule: FieldRule, raw: Any, path: str) -> str:
    if not isinstance(raw, str):
        raise TypeError(raw)
    return str(uuid.UUID(raw))


def _to_bool(rule: FieldRule, raw: Any, path: str) -> bool:
    if not isinstance(raw, bool):
        raise TypeError(raw)
    return raw


def _to_int(rule: FieldRule, raw: Any, path: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal) or int(raw) != raw:
        raise TypeError(raw)
    low, high = _INT64 if rule.kind is Kind.LONG else _INT32
    if not low <= int(raw) <= high:
        raise ValueError(raw)
    return int(raw)


def _to_decimal(rule: FieldRule, raw: Any, path: str) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal):
        raise TypeError(raw)
    return Decimal(raw)


def _to_datetime(rule: FieldRule, raw: Any, path: str) -> str:
    if not isinstance(raw, str):
        raise TypeError(raw)
    return format_utc(parse_utc(raw))


def _to_string_list(rule: FieldRule, raw: Any, path: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise TypeError(raw)
    if rule.kind is Kind.UUID_LIST:
        return [str(uuid.UUID(item)) for item in raw]
    return list(raw)


def _to_object(rule: FieldRule, raw: Any, path: str) -> _Nested:
    if not isinstance(raw, dict):
        raise TypeError(raw)
    values, problems = validate_fields(raw, rule.nested, path + ".")
    return _Nested({**blank_document(rule.nested), **values}, problems)


def _to_object_list(rule: FieldRule, raw: Any, path: str) -> _Nested:
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise TypeError(raw)
    items: list[dict[str, Any]] = []
    problems: list[FieldProblem] = []
    for index, item in enumerate(raw):
        values, item_problems = validate_fields(item, rule.nested, f"{path}[{index}].")
        items.append({**blank_document(rule.nested), **values})
        problems.extend(item_problems)
    return _Nested(items, problems)


_CONVERTERS: dict[Kind, Any] = {
    Kind.STRING: _to_string,
    Kind.UUID: _to_uuid,
    Kind.BOOLEAN: _to_bool,
    Kind.INTEGER: _to_int,
    Kind.LONG: _to_int,
    Kind.NUMBER: _to_decimal,
    Kind.DATETIME: _to_datetime,
    Kind.STRING_LIST: _to_string_list,
    Kind.UUID_LIST: _to_string_list,
    Kind.OBJECT: _to_object,
    Kind.OBJECT_LIST: _to_object_list,
}


def _check_limits(rule: FieldRule, value: Any, path: str) -> list[FieldProblem]:
    field = path + rule.name
    if rule.max_length is not None and isinstance(value, str) and len(value) > rule.max_length:
        message = f"The field {rule.name} must be a string with a maximum length of {rule.max_length}."
        return [FieldProblem(field, "StringLength", message)]
    if rule.pattern is not None and isinstance(value, str) and re.search(rule.pattern, value) is None:
        message = f"The field {rule.name} must match the regular expression '{rule.pattern}'."
        return [FieldProblem(field, "RegularExpression", message)]
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return _check_range(rule, Decimal(value), field)
    return []


def _check_range(rule: FieldRule, value: Decimal, field: str) -> list[FieldProblem]:
    low, high = rule.minimum, rule.maximum
    if low is not None and high is not None and not low <= value <= high:
        message = f"The field {rule.name} must be between {low} and {high}."
        return [FieldProblem(field, "Range", message)]
    exponent = value.as_tuple().exponent
    if rule.max_decimals is not None and isinstance(exponent, int) and -exponent > rule.max_decimals:
        pattern = r"[-]?\d+(\.\d{1," + str(rule.max_decimals) + "})?"
        message = f"The field {rule.name} must match the regular expression '{pattern}'."
        return [FieldProblem(field, "RegularExpression", message)]
    return []
