"""Field tables of the purchase side: bank accounts, suppliers, supplier invoices and their accounting
rows, in the spec's property order (a test compares them with ``components.schemas``).

Booked supplier-invoice rows spell the debit side ``DebetAmount`` (sic); only drafts say ``DebitAmount``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .validation import FieldRule, Kind

__all__ = [
    "APPROVER_FIELDS",
    "BALANCE_FIELDS",
    "BANK_ACCOUNT_FIELDS",
    "FOREIGN_PAYMENT_CODE_FIELDS",
    "SUPPLIER_FIELDS",
    "SUPPLIER_INVOICE_FIELDS",
    "SUPPLIER_INVOICE_ROW_FIELDS",
]


def _s(name: str, max_length: int | None = None, **kw: Any) -> FieldRule:
    return FieldRule(name, Kind.STRING, max_length=max_length, **kw)


def _ro(name: str, kind: Kind, nullable: bool = True) -> FieldRule:
    return FieldRule(name, kind, nullable=nullable, read_only=True)


def _flag(name: str, **kw: Any) -> FieldRule:
    return FieldRule(name, Kind.BOOLEAN, nullable=False, **kw)


def _amount(name: str) -> FieldRule:
    return FieldRule(name, Kind.NUMBER, nullable=False, max_decimals=2)


BALANCE_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("Balance", Kind.NUMBER, nullable=False),
    FieldRule("Date", Kind.DATETIME, nullable=False),
)

# BankAccountApi.
BANK_ACCOUNT_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("Bank", Kind.UUID),
    FieldRule("BankAccountType", Kind.INTEGER, nullable=False, required=True),
    _ro("BankAccountTypeDescription", Kind.STRING),
    _s("Bban", 35),
    _s("Iban", 35),
    _s("Name", 200, nullable=False, required=True),
    _s("NameEnglish", 200),
    _ro("Id", Kind.UUID, nullable=False),
    _flag("IsActive"),
    FieldRule("LedgerAccountNumber", Kind.LONG, nullable=False, required=True),
    _flag("HasActiveBankAgreement"),
    _flag("IsDefaultChequeAccount"),
    _ro("CurrencyCode", Kind.STRING),
    _ro("ModifiedUtc", Kind.DATETIME, nullable=False),
    FieldRule("Balance", Kind.OBJECT, nullable=False, nested=BALANCE_FIELDS, type_name="BalanceAndDateApi"),
    _s("BankAccountHolderName"),
    _ro("IsEnabledDirectDebit", Kind.BOOLEAN),
    _ro("DirectDebitCreditorId", Kind.STRING),
    _ro("DirectDebitBatchBooking", Kind.BOOLEAN),
    _ro("DirectDebitSendDirectlyToBank", Kind.BOOLEAN),
)

FOREIGN_PAYMENT_CODE_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("Code", Kind.INTEGER, nullable=False),
    _s("Description"),
    FieldRule("Id", Kind.UUID, nullable=False),
    _s("CountryCode"),
)

APPROVER_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("ApproverId", Kind.UUID, nullable=False),
    _ro("Name", Kind.STRING),
    FieldRule("Priority", Kind.INTEGER, nullable=False),
)

# SupplierApi.
SUPPLIER_FIELDS: tuple[FieldRule, ...] = (
    _ro("Id", Kind.UUID, nullable=False),
    _s("SupplierNumber", 16),
    _s("Address1", 50),
    _s("Address2", 50),
    _flag("AutomaticPaymentService"),
    _ro("UnpaidInvoicesAmount", Kind.NUMBER, nullable=False),
    _s("BankAccountNumber", 50),
    _s("Clearing", 5),
    _s("BankBban", 50, pattern=r"^[a-zA-Z0-9]{1,35}$"),
    _s("BankBic", 50, pattern=r"^[a-zA-Z]{6}([a-zA-z0-9]{2}|[a-zA-z0-9]{5})$"),
    _s("BankCode", 50, pattern=r"^([a-zA-Z]{2})[a-zA-Z0-9]{3,}$"),
    _s("BankCountryCode", 2),
    _s("BankgiroNumber", 10),
    _s("BankIban", 50, pattern=r"^[a-zA-Z]{2}[0-9]{2}[a-zA-z0-9]{1,}$"),
    _s("BankName", 50),
    _s("City", 50),
    _s("ContactPersonEmail", 255),
    _s("ContactPersonMobile", 50),
    _s("ContactPersonName", 50),
    _s("ContactPersonPhone", 50),
    _s("CorporateIdentityNumber", 20),
    _s("CountryCode", 2),
    _ro("CreatedUtc", Kind.DATETIME),
    _s("CurrencyCode", 3),
    _s("EmailAddress", 255),
    _ro("MessageThreads", Kind.UUID_LIST),
    _s("MobilePhone", 50),
    _ro("ModifiedUtc", Kind.DATETIME),
    _s("Name", 50, nullable=False, required=True),
    _s("Note", 4000),
    _ro("Notes", Kind.UUID_LIST),
    _s("PlusgiroNumber", 10),
    _s("PostalCode", 10),
    _s("Telephone", 50),
    FieldRule("TermsOfPaymentId", Kind.UUID, nullable=False, required=True),
    _s("VatNumber", 20),
    _s("WwwAddress", 255),
    FieldRule("BankFeeCode", Kind.INTEGER, nullable=False),
    FieldRule("PayFromBankAccountId", Kind.UUID),
    _ro("ForeignPaymentCodeId", Kind.UUID),
    FieldRule(
        "ForeignPaymentCode",
        Kind.OBJECT,
        nullable=False,
        derived=True,  # follows ForeignPaymentCodeId, which only the UI sets
        nested=FOREIGN_PAYMENT_CODE_FIELDS,
        type_name="ForeignPaymentCode",
    ),
    _flag("UsesPaymentReferenceNumbers"),
    _flag("IsActive"),
    _flag("ProportionalVat"),
    _flag("SelfEmployedWithoutFixedAddress"),
    _ro("ApprovalOrderType", Kind.INTEGER, nullable=False),
    _s("OurCustomerNumber", 40),
    _s("PurchaseDocumentLanguage", 2),
    FieldRule("Approvers", Kind.OBJECT_LIST, nested=APPROVER_FIELDS, type_name="SupplierApproverApi"),
    _flag("UsesAutomaticSupplierInvoiceApproval"),
    _ro("LastInvoiceDate", Kind.DATETIME),
    FieldRule("AccountingTemplateId", Kind.UUID),
)

# SupplierInvoiceRowApi: one accounting row.
SUPPLIER_INVOICE_ROW_FIELDS: tuple[FieldRule, ...] = (
    _ro("Id", Kind.UUID, nullable=False),
    FieldRule("AccountNumber", Kind.LONG, nullable=False, minimum=Decimal(1), maximum=Decimal(9_999_999_999)),
    _ro("AccountName", Kind.STRING),
    FieldRule("VatCodeId", Kind.UUID),
    FieldRule("VatAmount", Kind.NUMBER),
    FieldRule("ProportionalVatRateValue", Kind.INTEGER),
    FieldRule("CostCenterItemId1", Kind.UUID),
    FieldRule("CostCenterItemId2", Kind.UUID),
    FieldRule("CostCenterItemId3", Kind.UUID),
    FieldRule("Quantity", Kind.NUMBER, max_decimals=2),
    FieldRule("Weight", Kind.NUMBER, max_decimals=2),
    FieldRule("DeliveryDate", Kind.DATETIME),
    FieldRule("HarvestYear", Kind.INTEGER),
    _amount("DebetAmount"),
    _amount("CreditAmount"),
    _ro("LineNumber", Kind.INTEGER, nullable=False),
    FieldRule("ProjectId", Kind.UUID),
    _s("TransactionText", 100),
)

# SupplierInvoiceApi.
SUPPLIER_INVOICE_FIELDS: tuple[FieldRule, ...] = (
    _ro("Id", Kind.UUID, nullable=False),
    FieldRule("SupplierId", Kind.UUID, nullable=False, required=True),
    _ro("OffsetInvoiceIds", Kind.UUID_LIST),
    _ro("BankAccountId", Kind.UUID, nullable=False),
    FieldRule("InvoiceDate", Kind.DATETIME),
    _ro("PaymentDate", Kind.DATETIME),
    FieldRule("DueDate", Kind.DATETIME),
    FieldRule("InvoiceNumber", Kind.STRING, nullable=False, required=True),
    FieldRule("TotalAmount", Kind.NUMBER, nullable=False, required=True),
    FieldRule("Vat", Kind.NUMBER, nullable=False),
    FieldRule("VatHigh", Kind.NUMBER, nullable=False),
    FieldRule("VatMedium", Kind.NUMBER, nullable=False),
    FieldRule("VatLow", Kind.NUMBER, nullable=False),
    _flag("IsCreditInvoice"),
    _s("CurrencyCode", 3),
    FieldRule("CurrencyRate", Kind.NUMBER, nullable=False),
    _s("OcrNumber"),
    _s("Message"),
    _ro("CreatedUtc", Kind.DATETIME),
    _ro("ModifiedUtc", Kind.DATETIME),
    _ro("PlusGiroNumber", Kind.STRING),
    _ro("BankGiroNumber", Kind.STRING),
    FieldRule("Rows", Kind.OBJECT_LIST, nested=SUPPLIER_INVOICE_ROW_FIELDS, type_name="SupplierInvoiceRowApi"),
    _ro("SupplierName", Kind.STRING),
    _ro("SupplierNumber", Kind.STRING),
    _ro("IsQuickInvoice", Kind.BOOLEAN, nullable=False),
    _ro("IsDomestic", Kind.BOOLEAN, nullable=False),
    _ro("RemainingAmount", Kind.NUMBER, nullable=False),
    _ro("RemainingAmountInvoiceCurrency", Kind.NUMBER, nullable=False),
    _ro("Number", Kind.INTEGER, nullable=False),
    _ro("NumberSeries", Kind.STRING),
    _ro("VoucherNumber", Kind.STRING),
    _ro("VoucherId", Kind.UUID, nullable=False),
    _ro("CreatedFromDraftId", Kind.UUID),
    _ro("SelfEmployedWithoutFixedAddress", Kind.BOOLEAN, nullable=False),
    FieldRule("AllocationPeriods", Kind.OBJECT_LIST, read_only=True, type_name="AllocationPeriodApi"),
    _flag("AutoCreditDebitPairing"),
    FieldRule("SupplierInvoiceOrigin", Kind.INTEGER, nullable=False),
    FieldRule("Attachments", Kind.UUID_LIST),
    _ro("MessageThreads", Kind.UUID_LIST),
    _ro("Notes", Kind.UUID_LIST),
    _ro("SetOffAmountInvoiceCurrency", Kind.NUMBER, nullable=False),
    _ro("Status", Kind.INTEGER, nullable=False),
    _ro("PaymentStatus", Kind.INTEGER, nullable=False),
    _ro("PaymentFileStatus", Kind.INTEGER, nullable=False),
    FieldRule("SkipSendToBank", Kind.BOOLEAN),
    FieldRule("AccountingTemplateId", Kind.UUID),
    _ro("IsIncludedInVatReport", Kind.BOOLEAN, nullable=False),
    _ro("VatReportId", Kind.UUID),
)
