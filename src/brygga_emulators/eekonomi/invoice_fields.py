"""Field tables of the sales documents: invoice drafts and their rows, booked invoices and their rows,
the convert validation body and invoice payments, in the spec's property order (a test compares them
with ``components.schemas``).

Drafts and invoices are answered with every property; the tables also drive request validation
(``validation.validate_fields``), so writable fields carry the spec's limits.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .validation import FieldRule, Kind

__all__ = [
    "CONTRIBUTION_MARGIN_FIELDS",
    "DRAFT_FIELDS",
    "DRAFT_ROW_FIELDS",
    "DRAFT_VALIDATION_FIELDS",
    "DRAFT_VALIDATION_ROW_FIELDS",
    "INVOICE_FIELDS",
    "INVOICE_ROW_FIELDS",
    "PAYMENT_FIELDS",
    "ROT_PERSON_FIELDS",
    "field_names",
]


def field_names(rules: tuple[FieldRule, ...]) -> tuple[str, ...]:
    return tuple(rule.name for rule in rules)


def _s(name: str, max_length: int | None = None, **kw: Any) -> FieldRule:
    return FieldRule(name, Kind.STRING, max_length=max_length, **kw)


def _ro(name: str, kind: Kind, nullable: bool = True) -> FieldRule:
    return FieldRule(name, kind, nullable=nullable, read_only=True)


def _n(name: str, **kw: Any) -> FieldRule:
    """A non-nullable decimal (``number`` without ``null`` in the spec)."""
    return FieldRule(name, Kind.NUMBER, nullable=False, **kw)


def _flag(name: str, **kw: Any) -> FieldRule:
    return FieldRule(name, Kind.BOOLEAN, nullable=False, **kw)


def _id(name: str) -> FieldRule:
    return FieldRule(name, Kind.UUID)


CONTRIBUTION_MARGIN_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("Amount", Kind.NUMBER),
    FieldRule("Percentage", Kind.NUMBER),
)

ROT_PERSON_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("Id", Kind.UUID, nullable=False, read_only=True),
    _s("Ssn", 50),
    _n("Amount"),
)


def _margin() -> FieldRule:
    # Computed by the server; the company does not show contribution margins (ShowContributionMargin false).
    return FieldRule(
        "ContributionMargin",
        Kind.OBJECT,
        nullable=False,
        derived=True,
        nested=CONTRIBUTION_MARGIN_FIELDS,
        type_name="ContributionMarginApi",
    )


_COST_CENTER_ITEMS = (_id("CostCenterItemId1"), _id("CostCenterItemId2"), _id("CostCenterItemId3"))

# CustomerInvoiceDraftRowApi. ArticleNumber is not marked readOnly in the spec, but it "returns the
# article number from the entered ArticleId": the server fills it.
DRAFT_ROW_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("Id", Kind.UUID, nullable=False, read_only=True),
    FieldRule("LineNumber", Kind.INTEGER, minimum=Decimal(0), maximum=Decimal(1000)),
    _id("ArticleId"),
    _ro("IsServiceArticle", Kind.BOOLEAN, nullable=False),
    _ro("UnitId", Kind.UUID),
    _s("ArticleNumber", derived=True),
    _flag("IsTextRow", required=True),
    _s("Text", 2000),
    _n("UnitPrice"),
    _ro("IsDiscountInFixedAmount", Kind.BOOLEAN, nullable=False),
    FieldRule("DiscountFixedAmount", Kind.NUMBER, read_only=True),
    _n("DiscountPercentage", minimum=Decimal(0), maximum=Decimal(1), max_decimals=4),
    _n("Quantity", max_decimals=2),
    FieldRule("WorkCostType", Kind.INTEGER, nullable=False),
    _flag("IsWorkCost"),
    FieldRule("WorkHours", Kind.NUMBER),
    FieldRule("MaterialCosts", Kind.NUMBER),
    _flag("ReversedConstructionServicesVatFree", required=True),
    *_COST_CENTER_ITEMS,
    _s("UnitAbbreviation"),
    _s("UnitAbbreviationEnglish"),
    _ro("VatRateId", Kind.STRING),
    _ro("VatRate", Kind.NUMBER),
    _s("UnitName"),
    _id("ProjectId"),
    FieldRule("GreenTechnologyType", Kind.INTEGER, nullable=False, minimum=Decimal(0), maximum=Decimal(3)),
    _margin(),
    _ro("PurchasePrice", Kind.NUMBER, nullable=False),
    _ro("Amount", Kind.NUMBER, nullable=False),
    _ro("FreightCosts", Kind.NUMBER, nullable=False),
)

# CustomerInvoiceDraftApi.
DRAFT_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("Id", Kind.UUID, nullable=False, read_only=True),
    FieldRule("CustomerId", Kind.UUID, nullable=False, required=True),
    _ro("CreatedUtc", Kind.DATETIME),
    _flag("IsCreditInvoice"),
    FieldRule("RotReducedInvoicingType", Kind.INTEGER, nullable=False, required=True),
    _s("RotReducedInvoicingPropertyName", 40),
    _s("RotReducedInvoicingOrgNumber", 11),
    _ro("MaxAllowedTaxReductionAmount", Kind.NUMBER, nullable=False),
    _n("RotReducedInvoicingAmount", max_decimals=2),
    _flag("RotReducedInvoicingAutomaticDistribution"),
    FieldRule("RotPropertyType", Kind.INTEGER),
    FieldRule("HouseWorkOtherCosts", Kind.NUMBER),
    FieldRule("Rows", Kind.OBJECT_LIST, nested=DRAFT_ROW_FIELDS, type_name="CustomerInvoiceDraftRowApi"),
    FieldRule("Persons", Kind.OBJECT_LIST, nested=ROT_PERSON_FIELDS, type_name="SalesDocumentRotRutReductionPersonApi"),
    _s("YourReference", 100),
    _s("OurReference", 100),
    _s("BuyersOrderReference", 35),
    _s("ElectronicReference", 100),
    _s("SubscriptionNumber", 100),
    _s("ContractNumber", 100),
    FieldRule("InvoiceCustomerName", Kind.STRING, max_length=50, read_only=True),
    _s("InvoiceAddress1", 50),
    _s("InvoiceAddress2", 50),
    FieldRule("InvoicePostalCode", Kind.STRING, max_length=10, read_only=True),
    FieldRule("InvoiceCity", Kind.STRING, max_length=50, read_only=True),
    FieldRule("InvoiceCountryCode", Kind.STRING, max_length=2, read_only=True),
    _ro("InvoiceCurrencyCode", Kind.STRING),
    _s("DeliveryCustomerName", 50),
    _s("DeliveryAddress1", 50),
    _s("DeliveryAddress2", 50),
    _s("DeliveryPostalCode", 10),
    _s("DeliveryCity", 50),
    _s("DeliveryCountryCode", 2),
    _s("DeliveryMethodName", 50),
    _s("DeliveryTermName", 50),
    _id("TermsOfPaymentId"),
    _s("DeliveryMethodCode", 20),
    _s("DeliveryTermCode", 20),
    _flag("EuThirdParty", required=True),
    _ro("CustomerIsPrivatePerson", Kind.BOOLEAN, nullable=False),
    _ro("ReverseChargeOnConstructionServices", Kind.BOOLEAN, nullable=False),
    _ro("SalesDocumentAttachments", Kind.UUID_LIST),
    _ro("MessageThreads", Kind.UUID_LIST),
    _ro("Notes", Kind.UUID_LIST),
    FieldRule("InvoiceDate", Kind.DATETIME),
    FieldRule("DueDate", Kind.DATETIME),
    FieldRule("DeliveryDate", Kind.DATETIME),
    _ro("TotalAmount", Kind.NUMBER, nullable=False),
    _ro("TotalVatAmount", Kind.NUMBER, nullable=False),
    _ro("TotalRoundings", Kind.NUMBER, nullable=False),
    _ro("TotalAmountBaseCurrency", Kind.NUMBER, nullable=False),
    _ro("TotalVatAmountBaseCurrency", Kind.NUMBER, nullable=False),
    FieldRule("CustomerNumber", Kind.STRING, max_length=16, read_only=True),
    _ro("CustomerName", Kind.STRING),
    _ro("IncludesVat", Kind.BOOLEAN, nullable=False),
    _flag("ReplaceUnitPriceWhenZero"),
    _flag("UsesGreenTechnology"),
    _margin(),
    FieldRule("IsDirectDebit", Kind.BOOLEAN),
    _id("BackgroundId"),
)

DRAFT_VALIDATION_ROW_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("LineNumber", Kind.INTEGER, nullable=False),
    FieldRule("TotalAmountNoVatInvoiceCurrency", Kind.NUMBER),
    FieldRule("TotalAmountIncVatInvoiceCurrency", Kind.NUMBER),
)

# CustomerInvoiceDraftValidationApi: the totals a client expects the booked invoice to have.
DRAFT_VALIDATION_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("TotalAmountInvoiceCurrency", Kind.NUMBER),
    FieldRule("TotalVatAmountInvoiceCurrency", Kind.NUMBER),
    FieldRule("TotalRoundingsInvoiceCurrency", Kind.NUMBER),
    FieldRule(
        "Rows",
        Kind.OBJECT_LIST,
        nested=DRAFT_VALIDATION_ROW_FIELDS,
        type_name="CustomerInvoiceDraftValidationRowApi",
    ),
)

# CustomerInvoiceRowApi: only read here (invoices are made by converting drafts).
INVOICE_ROW_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("Id", Kind.UUID, nullable=False, read_only=True),
    _ro("ArticleNumber", Kind.STRING),
    _id("ArticleId"),
    _ro("IsServiceArticle", Kind.BOOLEAN, nullable=False),
    _ro("AmountNoVat", Kind.NUMBER, nullable=False),
    _ro("PercentVat", Kind.NUMBER, nullable=False),
    _ro("VatRate", Kind.NUMBER),
    _ro("LineNumber", Kind.INTEGER, nullable=False),
    _ro("IsTextRow", Kind.BOOLEAN, nullable=False),
    _s("Text", 2000),
    _n("UnitPrice"),
    _ro("UnitAbbreviation", Kind.STRING),
    _ro("UnitAbbreviationEnglish", Kind.STRING),
    _ro("IsDiscountInFixedAmount", Kind.BOOLEAN, nullable=False),
    FieldRule("DiscountFixedAmount", Kind.NUMBER, read_only=True),
    _n("DiscountPercentage", minimum=Decimal(0), maximum=Decimal(1), max_decimals=4),
    _n("Quantity", max_decimals=2),
    _ro("IsWorkCost", Kind.BOOLEAN, nullable=False),
    _flag("IsVatFree"),
    *_COST_CENTER_ITEMS,
    _ro("UnitId", Kind.UUID),
    _id("ProjectId"),
    FieldRule("WorkCostType", Kind.INTEGER, nullable=False),
    FieldRule("WorkHours", Kind.NUMBER),
    FieldRule("MaterialCosts", Kind.NUMBER),
    FieldRule("GreenTechnologyType", Kind.INTEGER, nullable=False, minimum=Decimal(0), maximum=Decimal(3)),
    _margin(),
    _ro("PurchasePrice", Kind.NUMBER, nullable=False),
    _ro("FreightCosts", Kind.NUMBER, nullable=False),
    _ro("Amount", Kind.NUMBER, nullable=False),
)


def _ro_list(name: str, kind: Kind, type_name: str = "") -> FieldRule:
    return FieldRule(name, kind, read_only=True, type_name=type_name)


# CustomerInvoiceApi.
INVOICE_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("Id", Kind.UUID, nullable=False, read_only=True),
    _flag("EuThirdParty", required=True),
    _flag("IsCreditInvoice"),
    _ro("CurrencyCode", Kind.STRING),
    FieldRule("CurrencyRate", Kind.NUMBER),
    _ro("CreatedByUserId", Kind.UUID),
    _ro("TotalAmount", Kind.NUMBER, nullable=False),
    _ro("TotalVatAmount", Kind.NUMBER, nullable=False),
    _ro("TotalRoundings", Kind.NUMBER, nullable=False),
    _ro("TotalAmountInvoiceCurrency", Kind.NUMBER, nullable=False),
    _ro("TotalVatAmountInvoiceCurrency", Kind.NUMBER, nullable=False),
    _ro("SetOffAmountInvoiceCurrency", Kind.NUMBER, nullable=False),
    FieldRule("CustomerId", Kind.UUID, nullable=False, required=True),
    FieldRule(
        "Rows",
        Kind.OBJECT_LIST,
        nullable=False,
        required=True,
        nested=INVOICE_ROW_FIELDS,
        type_name="CustomerInvoiceRowApi",
    ),
    _ro_list("VatSpecification", Kind.OBJECT_LIST, "CustomerInvoiceVatApi"),
    FieldRule("InvoiceDate", Kind.DATETIME),
    FieldRule("DueDate", Kind.DATETIME),
    FieldRule("DeliveryDate", Kind.DATETIME),
    FieldRule(
        "RotReducedInvoicingType", Kind.INTEGER, nullable=False, required=True, minimum=Decimal(0), maximum=Decimal(2)
    ),
    _ro("MaxAllowedTaxReductionAmount", Kind.NUMBER, nullable=False),
    FieldRule("RotReducedInvoicingAmount", Kind.NUMBER, max_decimals=2),
    _ro("RotReducedInvoicingPercent", Kind.NUMBER, nullable=False),
    _s("RotReducedInvoicingPropertyName"),
    _s("RotReducedInvoicingOrgNumber", 11),
    FieldRule("Persons", Kind.OBJECT_LIST, nested=ROT_PERSON_FIELDS, type_name="SalesDocumentRotRutReductionPersonApi"),
    _ro("RotReducedInvoicingAutomaticDistribution", Kind.BOOLEAN, nullable=False),
    _s("ElectronicReference"),
    _s("SubscriptionNumber", 100),
    _s("ContractNumber", 100),
    _ro("ElectronicAddress", Kind.STRING),
    _s("EdiServiceDelivererId", 50),
    _s("OurReference", 100),
    _s("YourReference", 100),
    _s("BuyersOrderReference", 35),
    _ro("InvoiceCustomerName", Kind.STRING),
    _s("InvoiceAddress1", 50),
    _s("InvoiceAddress2", 50),
    _s("InvoicePostalCode", 50),
    _s("InvoiceCity", 50),
    _s("InvoiceCountryCode", 2),
    _s("DeliveryCustomerName", 100),
    _s("DeliveryAddress1", 50),
    _s("DeliveryAddress2", 50),
    _s("DeliveryPostalCode", 10),
    _s("DeliveryCity", 50),
    _s("DeliveryCountryCode", 2),
    _ro("DeliveryMethodName", Kind.STRING),
    _ro("DeliveryTermName", Kind.STRING),
    _ro("DeliveryMethodCode", Kind.STRING),
    _ro("DeliveryTermCode", Kind.STRING),
    _ro("CustomerIsPrivatePerson", Kind.BOOLEAN, nullable=False),
    FieldRule("TermsOfPaymentId", Kind.UUID, nullable=False),
    _ro("CustomerEmail", Kind.STRING),
    _ro("InvoiceNumber", Kind.INTEGER, nullable=False),
    _ro("CustomerNumber", Kind.STRING),
    _ro("CustomerName", Kind.STRING),
    _ro("PaymentReferenceNumber", Kind.STRING),
    FieldRule("RotPropertyType", Kind.INTEGER, minimum=Decimal(1), maximum=Decimal(2)),
    _ro("SalesDocumentAttachments", Kind.UUID_LIST),
    _ro("MessageThreads", Kind.UUID_LIST),
    _ro("Notes", Kind.UUID_LIST),
    _ro("HasAutoInvoiceError", Kind.BOOLEAN, nullable=False),
    _ro("IsNotDelivered", Kind.BOOLEAN, nullable=False),
    _ro("ReverseChargeOnConstructionServices", Kind.BOOLEAN, nullable=False),
    FieldRule("WorkHouseOtherCosts", Kind.NUMBER),
    _ro("RemainingAmount", Kind.NUMBER, nullable=False),
    _ro("RemainingAmountInvoiceCurrency", Kind.NUMBER, nullable=False),
    _ro("ReferringInvoiceId", Kind.UUID),
    _ro("CreatedFromOrderId", Kind.UUID),
    _ro("CreatedFromQuoteId", Kind.UUID),
    _id("CreatedFromDraftId"),
    _ro("VoucherNumber", Kind.STRING),
    _ro("VoucherId", Kind.UUID, nullable=False),
    _ro("CreatedUtc", Kind.DATETIME),
    _ro("ModifiedUtc", Kind.DATETIME),
    _ro("ReversedConstructionVatInvoicing", Kind.BOOLEAN, nullable=False),
    _ro("IncludesVat", Kind.BOOLEAN, nullable=False),
    FieldRule("SendType", Kind.INTEGER),
    _ro("PaymentReminderIssued", Kind.BOOLEAN, nullable=False),
    _ro("PaymentRemindersCount", Kind.INTEGER, nullable=False),
    _ro("LastPaymentReminderSentDate", Kind.DATETIME),
    _flag("UsesGreenTechnology"),
    _ro("IsSold", Kind.BOOLEAN, nullable=False),
    _ro("FactoringInvoiceStatus", Kind.INTEGER, nullable=False),
    _ro("PaymentDate", Kind.DATETIME),
    _ro("PaymentStatus", Kind.INTEGER, nullable=False),
    _ro_list("CreditedBy", Kind.OBJECT_LIST, "CreditedByApi"),
    _margin(),
    FieldRule("IsDirectDebit", Kind.BOOLEAN),
    _ro("IsQuickInvoice", Kind.BOOLEAN, nullable=False),
    _ro("IsCollectiveInvoice", Kind.BOOLEAN, nullable=False),
    _ro_list(
        "CollectiveCustomerInvoiceRowsRelationToOrders", Kind.OBJECT_LIST, "CollectiveCustomerInvoiceRelationToOrderApi"
    ),
    _flag("ReplaceUnitPriceWhenZero"),
    _ro("TaxDeductionStatus", Kind.INTEGER, nullable=False),
    _id("BackgroundId"),
)

# InvoicePaymentApi.
PAYMENT_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("CompanyBankAccountId", Kind.UUID, nullable=False, required=True),
    FieldRule("PaymentDate", Kind.DATETIME, nullable=False),
    _s("Reference", 100),
    _n("PaymentAmount", required=True),
    FieldRule("PaymentCurrency", Kind.STRING, nullable=False, required=True),
    _n("DomesticPaymentAmount"),
    _n("BankFeeAmount", minimum=Decimal(0), maximum=Decimal(1_000_000_000)),
    FieldRule("PaymentType", Kind.INTEGER, nullable=False, required=True, minimum=Decimal(1), maximum=Decimal(4)),
    _n("FactoringFeeAmount"),
    FieldRule("FactoringFeeAccountNumber", Kind.LONG, nullable=False),
    FieldRule("BankTransactionId", Kind.UUID, nullable=False, read_only=True),
)
