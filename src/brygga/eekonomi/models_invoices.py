"""eEkonomi wire models for sales invoices: drafts, booked customer invoices and their payments.

brygga writes PM invoices as **drafts** (``/customerinvoicedrafts``): they can be replaced, deleted and
checked before eEk books them. ``convert`` books a draft into a :class:`CustomerInvoice`, which gets its
``InvoiceNumber`` from eEk's number series and is final. Payments are registered on the booked invoice.

Sales rows carry no VAT code or account: both follow from the article's coding and the customer, so a
row's ``VatRate`` and ``Amount`` are read-only and only known after eEk has stored the row.

The read-only, required and maxLength tables are copied from the official spec;
``tests/eekonomi/test_models_invoices.py`` checks them against it.
"""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum
from typing import ClassVar

from pydantic import Field

from brygga.eekonomi.models import UtcDatetime
from brygga.eekonomi.models_documents import CalendarDate, DocumentModel

__all__ = [
    "CUSTOMER_INVOICE_DRAFT_LIMITS",
    "CUSTOMER_INVOICE_DRAFT_READ_ONLY",
    "CUSTOMER_INVOICE_DRAFT_REQUIRED",
    "CUSTOMER_INVOICE_DRAFT_ROW_LIMITS",
    "CUSTOMER_INVOICE_DRAFT_ROW_READ_ONLY",
    "CUSTOMER_INVOICE_DRAFT_ROW_REQUIRED",
    "CUSTOMER_INVOICE_LIMITS",
    "CUSTOMER_INVOICE_READ_ONLY",
    "CUSTOMER_INVOICE_REQUIRED",
    "CUSTOMER_INVOICE_ROW_LIMITS",
    "CUSTOMER_INVOICE_ROW_READ_ONLY",
    "INVOICE_PAYMENT_LIMITS",
    "INVOICE_PAYMENT_READ_ONLY",
    "INVOICE_PAYMENT_REQUIRED",
    "CustomerInvoice",
    "CustomerInvoiceDraft",
    "CustomerInvoiceDraftRow",
    "CustomerInvoiceDraftValidation",
    "CustomerInvoiceDraftValidationRow",
    "CustomerInvoiceRow",
    "InvoicePayment",
    "InvoicePaymentStatus",
    "PaymentType",
]

# drafts --------------------------------------------------------------------------------------------------
CUSTOMER_INVOICE_DRAFT_READ_ONLY = frozenset(
    {
        "Id",
        "CreatedUtc",
        "MaxAllowedTaxReductionAmount",
        "InvoiceCustomerName",
        "InvoicePostalCode",
        "InvoiceCity",
        "InvoiceCountryCode",
        "InvoiceCurrencyCode",
        "CustomerIsPrivatePerson",
        "ReverseChargeOnConstructionServices",
        "SalesDocumentAttachments",
        "MessageThreads",
        "Notes",
        "TotalAmount",
        "TotalVatAmount",
        "TotalRoundings",
        "TotalAmountBaseCurrency",
        "TotalVatAmountBaseCurrency",
        "CustomerNumber",
        "CustomerName",
        "IncludesVat",
    }
)
"""CustomerInvoiceDraftApi properties marked ``readOnly``: the address beyond lines 1-2, the currency and
the totals come from the customer and the rows, never from the body."""

CUSTOMER_INVOICE_DRAFT_REQUIRED = frozenset({"CustomerId", "EuThirdParty", "RotReducedInvoicingType"})

CUSTOMER_INVOICE_DRAFT_LIMITS: dict[str, int] = {
    "RotReducedInvoicingPropertyName": 40,
    "RotReducedInvoicingOrgNumber": 11,
    "YourReference": 100,
    "OurReference": 100,
    "BuyersOrderReference": 35,
    "ElectronicReference": 100,
    "SubscriptionNumber": 100,
    "ContractNumber": 100,
    "InvoiceCustomerName": 50,
    "InvoiceAddress1": 50,
    "InvoiceAddress2": 50,
    "InvoicePostalCode": 10,
    "InvoiceCity": 50,
    "InvoiceCountryCode": 2,
    "DeliveryCustomerName": 50,
    "DeliveryAddress1": 50,
    "DeliveryAddress2": 50,
    "DeliveryPostalCode": 10,
    "DeliveryCity": 50,
    "DeliveryCountryCode": 2,
    "DeliveryMethodName": 50,
    "DeliveryTermName": 50,
    "DeliveryMethodCode": 20,
    "DeliveryTermCode": 20,
    "CustomerNumber": 16,
}
"""maxLength per CustomerInvoiceDraftApi string property: what brygga pre-validates a draft with (I6)."""

CUSTOMER_INVOICE_DRAFT_ROW_READ_ONLY = frozenset(
    {
        "Id",
        "IsServiceArticle",
        "UnitId",
        "IsDiscountInFixedAmount",
        "DiscountFixedAmount",
        "VatRateId",
        "VatRate",
        "PurchasePrice",
        "Amount",
        "FreightCosts",
    }
)
CUSTOMER_INVOICE_DRAFT_ROW_REQUIRED = frozenset({"IsTextRow", "ReversedConstructionServicesVatFree"})
CUSTOMER_INVOICE_DRAFT_ROW_LIMITS: dict[str, int] = {"Text": 2000}


class CustomerInvoiceDraftRow(DocumentModel):
    """CustomerInvoiceDraftRowApi: an article row, or a text row (``is_text_row``, ``text`` only).

    ``ArticleId`` is required unless the row is a text row. ``VatRate`` and ``Amount`` are read-only:
    eEk derives them from the article's coding and the customer.
    """

    id: str | None = None
    line_number: int | None = None
    article_id: str | None = None
    article_number: str | None = None
    is_service_article: bool | None = None
    is_text_row: bool = False
    text: str | None = None
    unit_price: Decimal | None = None
    quantity: Decimal | None = None
    discount_percentage: Decimal | None = None
    reversed_construction_services_vat_free: bool = False
    cost_center_item_id1: str | None = None
    cost_center_item_id2: str | None = None
    cost_center_item_id3: str | None = None
    project_id: str | None = None
    unit_id: str | None = None
    unit_abbreviation: str | None = None
    unit_name: str | None = None
    vat_rate_id: str | None = None
    vat_rate: Decimal | None = None
    amount: Decimal | None = None

    READ_ONLY: ClassVar[frozenset[str]] = CUSTOMER_INVOICE_DRAFT_ROW_READ_ONLY
    ALWAYS_SENT: ClassVar[frozenset[str]] = CUSTOMER_INVOICE_DRAFT_ROW_REQUIRED


class CustomerInvoiceDraft(DocumentModel):
    """CustomerInvoiceDraftApi. Required on write: CustomerId, EuThirdParty, RotReducedInvoicingType;
    the last two are always sent (false and 0 = a normal invoice) unless the caller changes them.

    ``InvoiceAddress1/2`` left out (or null) take the customer's address; postal code, city, country and
    currency always come from the customer. ``ContractNumber`` is where brygga puts its marker (the PM
    invoice number) to find a draft again after a lost answer (rule I8).
    """

    id: str | None = None
    customer_id: str
    created_utc: UtcDatetime | None = None
    is_credit_invoice: bool | None = None
    rot_reduced_invoicing_type: int = 0
    eu_third_party: bool = False
    rows: list[CustomerInvoiceDraftRow] | None = None
    your_reference: str | None = None
    our_reference: str | None = None
    buyers_order_reference: str | None = None
    contract_number: str | None = None
    invoice_customer_name: str | None = None
    invoice_address1: str | None = None
    invoice_address2: str | None = None
    invoice_postal_code: str | None = None
    invoice_city: str | None = None
    invoice_country_code: str | None = None
    invoice_currency_code: str | None = None
    terms_of_payment_id: str | None = None
    invoice_date: CalendarDate | None = None
    due_date: CalendarDate | None = None
    delivery_date: CalendarDate | None = None
    customer_number: str | None = None
    customer_name: str | None = None
    customer_is_private_person: bool | None = None
    includes_vat: bool | None = None
    replace_unit_price_when_zero: bool | None = None
    total_amount: Decimal | None = None
    total_vat_amount: Decimal | None = None
    total_roundings: Decimal | None = None
    total_amount_base_currency: Decimal | None = None
    total_vat_amount_base_currency: Decimal | None = None

    READ_ONLY: ClassVar[frozenset[str]] = CUSTOMER_INVOICE_DRAFT_READ_ONLY
    ALWAYS_SENT: ClassVar[frozenset[str]] = frozenset({"EuThirdParty", "RotReducedInvoicingType"})


class CustomerInvoiceDraftValidationRow(DocumentModel):
    """CustomerInvoiceDraftValidationRowApi: the totals brygga expects for one row, matched on LineNumber."""

    line_number: int
    total_amount_no_vat_invoice_currency: Decimal | None = None
    total_amount_inc_vat_invoice_currency: Decimal | None = None


class CustomerInvoiceDraftValidation(DocumentModel):
    """CustomerInvoiceDraftValidationApi, the optional body of ``convert``: the totals brygga expects.

    eEk refuses to book the draft when its own totals differ, so VAT or öre rounding surprises stop the
    conversion instead of ending up in the books. Amounts are negative for a credit invoice.
    """

    total_amount_invoice_currency: Decimal | None = None
    total_vat_amount_invoice_currency: Decimal | None = None
    total_roundings_invoice_currency: Decimal | None = None
    rows: list[CustomerInvoiceDraftValidationRow] | None = None


# booked invoices -----------------------------------------------------------------------------------------
CUSTOMER_INVOICE_READ_ONLY = frozenset(
    {
        "Id",
        "CurrencyCode",
        "CreatedByUserId",
        "TotalAmount",
        "TotalVatAmount",
        "TotalRoundings",
        "TotalAmountInvoiceCurrency",
        "TotalVatAmountInvoiceCurrency",
        "SetOffAmountInvoiceCurrency",
        "VatSpecification",
        "MaxAllowedTaxReductionAmount",
        "RotReducedInvoicingPercent",
        "RotReducedInvoicingAutomaticDistribution",
        "ElectronicAddress",
        "InvoiceCustomerName",
        "DeliveryMethodName",
        "DeliveryTermName",
        "DeliveryMethodCode",
        "DeliveryTermCode",
        "CustomerIsPrivatePerson",
        "CustomerEmail",
        "InvoiceNumber",
        "CustomerNumber",
        "CustomerName",
        "PaymentReferenceNumber",
        "SalesDocumentAttachments",
        "MessageThreads",
        "Notes",
        "HasAutoInvoiceError",
        "IsNotDelivered",
        "ReverseChargeOnConstructionServices",
        "RemainingAmount",
        "RemainingAmountInvoiceCurrency",
        "ReferringInvoiceId",
        "CreatedFromOrderId",
        "CreatedFromQuoteId",
        "VoucherNumber",
        "VoucherId",
        "CreatedUtc",
        "ModifiedUtc",
        "ReversedConstructionVatInvoicing",
        "IncludesVat",
        "PaymentReminderIssued",
        "PaymentRemindersCount",
        "LastPaymentReminderSentDate",
        "IsSold",
        "FactoringInvoiceStatus",
        "PaymentDate",
        "PaymentStatus",
        "CreditedBy",
        "IsQuickInvoice",
        "IsCollectiveInvoice",
        "CollectiveCustomerInvoiceRowsRelationToOrders",
        "TaxDeductionStatus",
    }
)
"""CustomerInvoiceApi properties marked ``readOnly``. ``CreatedFromDraftId`` is *not* among them: a POST
to ``/customerinvoices`` with it books that draft (brygga uses ``convert`` instead)."""

CUSTOMER_INVOICE_REQUIRED = frozenset({"CustomerId", "EuThirdParty", "RotReducedInvoicingType", "Rows"})

CUSTOMER_INVOICE_LIMITS: dict[str, int] = {
    "RotReducedInvoicingOrgNumber": 11,
    "SubscriptionNumber": 100,
    "ContractNumber": 100,
    "EdiServiceDelivererId": 50,
    "OurReference": 100,
    "YourReference": 100,
    "BuyersOrderReference": 35,
    "InvoiceAddress1": 50,
    "InvoiceAddress2": 50,
    "InvoicePostalCode": 50,
    "InvoiceCity": 50,
    "InvoiceCountryCode": 2,
    "DeliveryCustomerName": 100,
    "DeliveryAddress1": 50,
    "DeliveryAddress2": 50,
    "DeliveryPostalCode": 10,
    "DeliveryCity": 50,
    "DeliveryCountryCode": 2,
}

CUSTOMER_INVOICE_ROW_READ_ONLY = frozenset(
    {
        "Id",
        "ArticleNumber",
        "IsServiceArticle",
        "AmountNoVat",
        "PercentVat",
        "VatRate",
        "LineNumber",
        "IsTextRow",
        "UnitAbbreviation",
        "UnitAbbreviationEnglish",
        "IsDiscountInFixedAmount",
        "DiscountFixedAmount",
        "IsWorkCost",
        "UnitId",
        "PurchasePrice",
        "FreightCosts",
        "Amount",
    }
)
CUSTOMER_INVOICE_ROW_LIMITS: dict[str, int] = {"Text": 2000}


class InvoicePaymentStatus(IntEnum):
    """``CustomerInvoiceApi.PaymentStatus``. Kept as a plain ``int`` on the model, so a value eEk adds
    later still reads; compare with these."""

    PAID = 0
    UNPAID = 1
    OVERDUE = 2


class CustomerInvoiceRow(DocumentModel):
    """CustomerInvoiceRowApi: a row of a booked invoice (``IsTextRow`` and ``LineNumber`` are read-only here)."""

    id: str | None = None
    line_number: int | None = None
    article_id: str | None = None
    article_number: str | None = None
    is_text_row: bool | None = None
    text: str | None = None
    unit_price: Decimal | None = None
    quantity: Decimal | None = None
    discount_percentage: Decimal | None = None
    is_vat_free: bool | None = None
    cost_center_item_id1: str | None = None
    cost_center_item_id2: str | None = None
    cost_center_item_id3: str | None = None
    project_id: str | None = None
    unit_abbreviation: str | None = None
    vat_rate: Decimal | None = None
    percent_vat: Decimal | None = None
    amount_no_vat: Decimal | None = None
    amount: Decimal | None = None

    READ_ONLY: ClassVar[frozenset[str]] = CUSTOMER_INVOICE_ROW_READ_ONLY


class CustomerInvoice(DocumentModel):
    """CustomerInvoiceApi: a booked invoice. brygga reads it (number, payment state) and never replaces it.

    ``InvoiceNumber`` comes from eEk's number series when the draft is booked; ``CreatedFromDraftId``
    links it to the draft brygga wrote, which is how a PM invoice finds its booked invoice (rule IS1).
    ``TotalAmount``/``RemainingAmount`` are in the company's currency, the ``…InvoiceCurrency`` twins in
    the invoice's.
    """

    id: str | None = None
    invoice_number: int | None = None
    customer_id: str
    customer_number: str | None = None
    customer_name: str | None = None
    is_credit_invoice: bool | None = None
    eu_third_party: bool = False
    rot_reduced_invoicing_type: int = 0
    rows: list[CustomerInvoiceRow] = Field(default_factory=list)
    currency_code: str | None = None
    currency_rate: Decimal | None = None
    invoice_date: CalendarDate | None = None
    due_date: CalendarDate | None = None
    delivery_date: CalendarDate | None = None
    payment_date: CalendarDate | None = None
    your_reference: str | None = None
    our_reference: str | None = None
    buyers_order_reference: str | None = None
    contract_number: str | None = None
    invoice_customer_name: str | None = None
    invoice_address1: str | None = None
    invoice_address2: str | None = None
    invoice_postal_code: str | None = None
    invoice_city: str | None = None
    invoice_country_code: str | None = None
    terms_of_payment_id: str | None = None
    total_amount: Decimal | None = None
    total_vat_amount: Decimal | None = None
    total_roundings: Decimal | None = None
    total_amount_invoice_currency: Decimal | None = None
    total_vat_amount_invoice_currency: Decimal | None = None
    remaining_amount: Decimal | None = None
    remaining_amount_invoice_currency: Decimal | None = None
    payment_status: int | None = None
    created_from_draft_id: str | None = None
    voucher_number: str | None = None
    voucher_id: str | None = None
    created_utc: UtcDatetime | None = None
    modified_utc: UtcDatetime | None = None

    READ_ONLY: ClassVar[frozenset[str]] = CUSTOMER_INVOICE_READ_ONLY
    ALWAYS_SENT: ClassVar[frozenset[str]] = frozenset({"EuThirdParty", "RotReducedInvoicingType", "Rows"})

    @property
    def is_paid(self) -> bool:
        """True once eEk reports the invoice paid (``PaymentStatus`` 0)."""
        return self.payment_status == InvoicePaymentStatus.PAID


# payments ------------------------------------------------------------------------------------------------
INVOICE_PAYMENT_READ_ONLY = frozenset({"BankTransactionId"})
INVOICE_PAYMENT_REQUIRED = frozenset({"CompanyBankAccountId", "PaymentAmount", "PaymentCurrency", "PaymentType"})
INVOICE_PAYMENT_LIMITS: dict[str, int] = {"Reference": 100}


class PaymentType(IntEnum):
    """``InvoicePaymentApi.PaymentType``: ``ROUNDING`` settles an öre difference."""

    PARTIAL_PAYMENT = 1
    COMPLETE_PAYMENT = 2
    ROUNDING = 3
    BANK_CHARGE = 4


class InvoicePayment(DocumentModel):
    """InvoicePaymentApi. Required: CompanyBankAccountId (from ``/bankaccounts``), PaymentAmount (in the
    invoice currency), PaymentCurrency, PaymentType. ``PaymentDate`` may not lie in the future (4023)."""

    company_bank_account_id: str
    payment_date: CalendarDate | None = None
    reference: str | None = None
    payment_amount: Decimal
    payment_currency: str
    domestic_payment_amount: Decimal | None = None
    bank_fee_amount: Decimal | None = None
    payment_type: int
    bank_transaction_id: str | None = None

    READ_ONLY: ClassVar[frozenset[str]] = INVOICE_PAYMENT_READ_ONLY
