"""eEkonomi wire models for the purchase side: bank accounts, suppliers and booked supplier invoices.

brygga reads booked supplier invoices to turn their cost rows into PM project costs (rules SI1-SI4): a
row's ``CostCenterItemId1..3`` points at the PM project, its ``DebetAmount`` is the cost. Bank accounts
are read to register customer payments against one (``InvoicePayment.CompanyBankAccountId``).

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
    "BANK_ACCOUNT_LIMITS",
    "BANK_ACCOUNT_READ_ONLY",
    "BANK_ACCOUNT_REQUIRED",
    "SUPPLIER_INVOICE_LIMITS",
    "SUPPLIER_INVOICE_READ_ONLY",
    "SUPPLIER_INVOICE_REQUIRED",
    "SUPPLIER_INVOICE_ROW_LIMITS",
    "SUPPLIER_INVOICE_ROW_READ_ONLY",
    "SUPPLIER_LIMITS",
    "SUPPLIER_READ_ONLY",
    "SUPPLIER_REQUIRED",
    "BankAccount",
    "BankAccountType",
    "Supplier",
    "SupplierInvoice",
    "SupplierInvoiceRow",
]

# bank accounts -------------------------------------------------------------------------------------------
BANK_ACCOUNT_READ_ONLY = frozenset(
    {
        "Id",
        "BankAccountTypeDescription",
        "CurrencyCode",
        "ModifiedUtc",
        "IsEnabledDirectDebit",
        "DirectDebitCreditorId",
        "DirectDebitBatchBooking",
        "DirectDebitSendDirectlyToBank",
    }
)
BANK_ACCOUNT_REQUIRED = frozenset({"BankAccountType", "LedgerAccountNumber", "Name"})
BANK_ACCOUNT_LIMITS: dict[str, int] = {"Bban": 35, "Iban": 35, "Name": 200, "NameEnglish": 200}


class BankAccountType(IntEnum):
    """``BankAccountApi.BankAccountType`` values brygga cares about: payments go to a cheque account."""

    CHEQUE_ACCOUNT = 1
    CASH_ACCOUNT = 2
    SAVINGS_ACCOUNT = 3
    CURRENCY_ACCOUNT = 4


class BankAccount(DocumentModel):
    """BankAccountApi: the company's accounts ("Företagskonto", ledger account 1930…)."""

    id: str | None = None
    name: str
    name_english: str | None = None
    bank_account_type: int
    bank_account_type_description: str | None = None
    ledger_account_number: int
    bban: str | None = None
    iban: str | None = None
    is_active: bool | None = None
    is_default_cheque_account: bool | None = None
    currency_code: str | None = None
    modified_utc: UtcDatetime | None = None

    READ_ONLY: ClassVar[frozenset[str]] = BANK_ACCOUNT_READ_ONLY


# suppliers -----------------------------------------------------------------------------------------------
SUPPLIER_READ_ONLY = frozenset(
    {
        "Id",
        "UnpaidInvoicesAmount",
        "CreatedUtc",
        "MessageThreads",
        "ModifiedUtc",
        "Notes",
        "ForeignPaymentCodeId",
        "ApprovalOrderType",
        "LastInvoiceDate",
    }
)
SUPPLIER_REQUIRED = frozenset({"Name", "TermsOfPaymentId"})
SUPPLIER_LIMITS: dict[str, int] = {
    "SupplierNumber": 16,
    "Address1": 50,
    "Address2": 50,
    "BankAccountNumber": 50,
    "Clearing": 5,
    "BankBban": 50,
    "BankBic": 50,
    "BankCode": 50,
    "BankCountryCode": 2,
    "BankgiroNumber": 10,
    "BankIban": 50,
    "BankName": 50,
    "City": 50,
    "ContactPersonEmail": 255,
    "ContactPersonMobile": 50,
    "ContactPersonName": 50,
    "ContactPersonPhone": 50,
    "CorporateIdentityNumber": 20,
    "CountryCode": 2,
    "CurrencyCode": 3,
    "EmailAddress": 255,
    "MobilePhone": 50,
    "Name": 50,
    "Note": 4000,
    "PlusgiroNumber": 10,
    "PostalCode": 10,
    "Telephone": 50,
    "VatNumber": 20,
    "WwwAddress": 255,
    "OurCustomerNumber": 40,
    "PurchaseDocumentLanguage": 2,
}


class Supplier(DocumentModel):
    """SupplierApi. Required on write: Name (at most 50), TermsOfPaymentId. ``SupplierNumber`` is given
    by eEk when left out."""

    id: str | None = None
    supplier_number: str | None = None
    name: str
    terms_of_payment_id: str
    address1: str | None = None
    address2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country_code: str | None = None
    currency_code: str | None = None
    corporate_identity_number: str | None = None
    vat_number: str | None = None
    email_address: str | None = None
    telephone: str | None = None
    bankgiro_number: str | None = None
    plusgiro_number: str | None = None
    is_active: bool | None = None
    unpaid_invoices_amount: Decimal | None = None
    created_utc: UtcDatetime | None = None
    modified_utc: UtcDatetime | None = None

    READ_ONLY: ClassVar[frozenset[str]] = SUPPLIER_READ_ONLY


# supplier invoices ---------------------------------------------------------------------------------------
SUPPLIER_INVOICE_READ_ONLY = frozenset(
    {
        "Id",
        "OffsetInvoiceIds",
        "BankAccountId",
        "PaymentDate",
        "CreatedUtc",
        "ModifiedUtc",
        "PlusGiroNumber",
        "BankGiroNumber",
        "SupplierName",
        "SupplierNumber",
        "IsQuickInvoice",
        "IsDomestic",
        "RemainingAmount",
        "RemainingAmountInvoiceCurrency",
        "Number",
        "NumberSeries",
        "VoucherNumber",
        "VoucherId",
        "CreatedFromDraftId",
        "SelfEmployedWithoutFixedAddress",
        "AllocationPeriods",
        "MessageThreads",
        "Notes",
        "SetOffAmountInvoiceCurrency",
        "Status",
        "PaymentStatus",
        "PaymentFileStatus",
        "IsIncludedInVatReport",
        "VatReportId",
    }
)
SUPPLIER_INVOICE_REQUIRED = frozenset({"InvoiceNumber", "SupplierId", "TotalAmount"})
SUPPLIER_INVOICE_LIMITS: dict[str, int] = {"CurrencyCode": 3}

SUPPLIER_INVOICE_ROW_READ_ONLY = frozenset({"Id", "AccountName", "LineNumber"})
SUPPLIER_INVOICE_ROW_LIMITS: dict[str, int] = {"TransactionText": 100}


class SupplierInvoiceRow(DocumentModel):
    """SupplierInvoiceRowApi: one accounting line (cost, VAT or the payable) of a booked supplier invoice.

    A cost row is a debit on a cost account (4010 …); ``CostCenterItemId1..3`` tie it to cost center
    items, one of which brygga links to a PM project.
    """

    id: str | None = None
    line_number: int | None = None
    account_number: int | None = None
    account_name: str | None = None
    # The booked row really spells it "DebetAmount" (so since 2018), while supplier invoice *draft* rows
    # and voucher rows say "DebitAmount". Written the usual way, eEk would not know the field and the
    # amount would go missing (an unbalanced invoice, 4032): keep this alias exactly as it is.
    debit_amount: Decimal | None = Field(default=None, alias="DebetAmount")
    credit_amount: Decimal | None = None
    cost_center_item_id1: str | None = None
    cost_center_item_id2: str | None = None
    cost_center_item_id3: str | None = None
    project_id: str | None = None
    transaction_text: str | None = None

    READ_ONLY: ClassVar[frozenset[str]] = SUPPLIER_INVOICE_ROW_READ_ONLY

    @property
    def cost_center_item_ids(self) -> tuple[str, ...]:
        """The row's cost center items, whichever of the three cost centers they belong to."""
        ids = (self.cost_center_item_id1, self.cost_center_item_id2, self.cost_center_item_id3)
        return tuple(item_id for item_id in ids if item_id)


class SupplierInvoice(DocumentModel):
    """SupplierInvoiceApi: a booked supplier invoice. Required on write: SupplierId, InvoiceNumber (the
    supplier's own number), TotalAmount (including VAT); the rows must balance against it (4032)."""

    id: str | None = None
    supplier_id: str
    supplier_name: str | None = None
    supplier_number: str | None = None
    invoice_number: str
    invoice_date: CalendarDate | None = None
    due_date: CalendarDate | None = None
    payment_date: CalendarDate | None = None
    total_amount: Decimal
    vat: Decimal | None = None
    is_credit_invoice: bool | None = None
    currency_code: str | None = None
    currency_rate: Decimal | None = None
    ocr_number: str | None = None
    message: str | None = None
    rows: list[SupplierInvoiceRow] | None = None
    remaining_amount: Decimal | None = None
    number: int | None = None
    voucher_number: str | None = None
    voucher_id: str | None = None
    status: int | None = None
    payment_status: int | None = None
    created_utc: UtcDatetime | None = None
    modified_utc: UtcDatetime | None = None

    READ_ONLY: ClassVar[frozenset[str]] = SUPPLIER_INVOICE_READ_ONLY
