"""Severa wire models of invoices: statuses, invoices and invoice rows.

brygga reads invoices (``InvoiceOutputModel``) and their rows (``InvoiceRowOutputModel``) and writes
only two things on an invoice, its status and its number, through one PATCH
(:meth:`~brygga.severa.invoice_services.InvoicesService.set_status`). Invoice statuses are a settings
resource brygga may create (``InvoiceStatusModel`` is both what is read and what is written).

Money on an invoice is a :class:`~brygga.severa.models.Money` (the spec's ``MoneyOutputModel``, also
for the totals) with a ``Decimal`` amount; every ``vatRate`` is a percent (``25``, not ``0.25``). The
two free texts are objects (``FreeTextModel2``), not strings: :attr:`FreeText.display_text` picks
the text to show.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from brygga.severa.models import Money, NamedRef, RequiredCurrencyRef, SeveraModel, UserRef, UtcDateTime

__all__ = [
    "FreeText",
    "Invoice",
    "InvoiceAddress",
    "InvoiceCulture",
    "InvoiceCustomer",
    "InvoiceLanguage",
    "InvoiceProject",
    "InvoiceRow",
    "InvoiceRowAccount",
    "InvoiceStatus",
    "InvoiceStatusRef",
    "RelatedInvoice",
]

_AUDIT_FIELDS = frozenset({"createdBy", "createdDateTime", "lastUpdatedBy", "lastUpdatedDateTime"})


class InvoiceStatus(SeveraModel):
    """``InvoiceStatusModel`` (``/v1/invoicestatuses``): a user-defined step of an invoice's life.

    ``hasInvoiceNumber`` makes Severa number an invoice that enters the status; the flags
    ``isSent``, ``isPaid`` and ``isWaitingPayment`` say what the step means.
    """

    READ_ONLY = _AUDIT_FIELDS | {"guid"}

    guid: str | None = None
    name: str
    isActive: bool = True
    isDefault: bool = False
    isDefaultForCreditNote: bool = False
    isSent: bool = False
    isPaid: bool = False
    isWaitingPayment: bool = False
    hasInvoiceNumber: bool = False
    isReadOnly: bool = False
    sortOrder: int | None = None
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None


class InvoiceStatusRef(SeveraModel):
    """``InvoiceStatusSubModel``: an invoice's current status and the meaning of that status."""

    READ_ONLY = frozenset({"name"})

    guid: str
    name: str | None = None
    isSent: bool = False
    isPaid: bool = False
    isWaitingPayment: bool = False


class InvoiceCustomer(SeveraModel):
    """``InvoiceCustomerSubModel``: the customer or billing customer; ``number`` is int64."""

    guid: str | None = None
    name: str | None = None
    number: int | None = None


class InvoiceAddress(SeveraModel):
    """``InvoiceReceiverAddressSubModel`` (and its twin for the sender): a copy, ``country`` a plain name."""

    addressline: str | None = None
    postalCode: str | None = None
    city: str | None = None
    state: str | None = None
    country: str | None = None


class InvoiceProject(SeveraModel):
    """``InvoiceProjectSubModel``: one project the invoice bills; ``number`` is int64."""

    guid: str | None = None
    name: str | None = None
    number: int | None = None


class RelatedInvoice(SeveraModel):
    """``RelatedInvoiceSubModel``: the invoice a credit note credits (or one reimbursed)."""

    guid: str | None = None
    number: int | None = None


class InvoiceLanguage(SeveraModel):
    """``InvoiceLanguageSubModel``."""

    guid: str | None = None
    code: str | None = None
    name: str | None = None
    englishName: str | None = None


class InvoiceCulture(SeveraModel):
    """``FormattingCultureSubModel2``: how numbers and dates are printed on the invoice."""

    READ_ONLY = frozenset({"code", "name", "englishName"})

    code: str | None = None
    name: str | None = None
    englishName: str | None = None


class FreeText(SeveraModel):
    """``FreeTextModel2``: ``value`` is what the user wrote (it may hold tags), the rest its rendering."""

    READ_ONLY = frozenset({"allowTags", "plainText", "tagContext", "text"})

    value: str | None = None
    plainText: str | None = None
    text: str | None = None
    allowTags: bool = False
    tagContext: str | None = None

    @property
    def display_text(self) -> str | None:
        """The text as the invoice prints it: rendered plain text first, the raw value last.

        ``value`` may still hold unresolved tags when tags are allowed, so it is the last resort.
        """
        for candidate in (self.plainText, self.text, self.value):
            if candidate:
                return candidate
        return None


class Invoice(SeveraModel):
    """``InvoiceOutputModel`` (``/v1/invoices``), read only: brygga PATCHes just status and number.

    ``number`` is int32 and stays null until the invoice is numbered. The totals are
    :class:`Money` in the invoice currency; ``currencyRate`` converts to the organisation's.
    ``freeText1`` is printed before the rows, ``freeText2`` after them.
    """

    READ_ONLY = _AUDIT_FIELDS | {"guid"}

    guid: str | None = None
    number: int | None = None
    # ``dt.date``: a bare ``date`` would be read as this very field once the annotations are evaluated.
    date: dt.date | None = None
    dueDate: dt.date | None = None
    entryDate: dt.date | None = None
    paymentDate: dt.date | None = None
    paymentTerm: int | None = None
    overdueInterest: Decimal | None = None
    status: InvoiceStatusRef | None = None
    customer: InvoiceCustomer | None = None
    billingCustomer: InvoiceCustomer | None = None
    receiverAddress: InvoiceAddress | None = None
    receiverCustomerName: str | None = None
    receiverContactGuid: str | None = None
    receiverContactName: str | None = None
    receiverContactEmail: str | None = None
    receiverVatNumber: str | None = None
    receiverKvkNumber: str | None = None
    senderAddress: InvoiceAddress | None = None
    senderName: str | None = None
    senderContactGuid: str | None = None
    senderContactName: str | None = None
    senderVatNumber: str | None = None
    senderKvkNumber: str | None = None
    yourReference: str | None = None
    ourReference: str | None = None
    orderNumber: str | None = None
    referenceNumber: str | None = None
    currency: RequiredCurrencyRef | None = None
    currencyRate: Decimal | None = None
    totalExcludingTax: Money | None = None
    totalTax: Money | None = None
    totalIncludingTax: Money | None = None
    workHoursQuantity: Decimal | None = None
    workHourValueAddedTax: Decimal | None = None
    workHoursTotalExcludingTax: Money | None = None
    projectFeesTotalExcludingTax: Money | None = None
    projectTravelExpensesTotalExcludingTax: Money | None = None
    flatRatesTotalExcludingTax: Money | None = None
    projects: list[InvoiceProject] | None = None
    isCreditNote: bool = False
    creditNoteInvoice: RelatedInvoice | None = None
    reimburseInvoice: RelatedInvoice | None = None
    notes: str | None = None
    freeText1: FreeText | None = None
    freeText2: FreeText | None = None
    language: InvoiceLanguage | None = None
    culture: InvoiceCulture | None = None
    invoiceTemplate: NamedRef | None = None
    invoiceNumberBusinessUnitGuid: str | None = None
    canBeDeleted: bool | None = None
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None


class InvoiceRowAccount(SeveraModel):
    """``InvoiceRowAccountingSubModel``: a cost center or account by its ``number`` (text) and name."""

    number: str | None = None
    name: str | None = None


class InvoiceRow(SeveraModel):
    """``InvoiceRowOutputModel`` (``/v1/invoices/{invoiceGuid}/invoicerows``).

    ``code`` is a list: a grouped row can combine the codes of several products or work types, and a
    row of free text has none. ``rowType`` is FlatRate, Hours, ProjectFees or TravelExpenses;
    ``category`` Hours, ProjectFees or Travels. A row has no project, no discount and no line total:
    the total is ``quantity`` × ``unitPrice.amount``.
    """

    READ_ONLY = _AUDIT_FIELDS | {"guid"}

    guid: str | None = None
    invoiceGuid: str | None = None
    code: list[str] | None = None
    description: str | None = None
    quantity: Decimal | None = None
    measurementUnit: str | None = None
    unitPrice: Money | None = None
    vatRate: Decimal | None = None
    costCenter: InvoiceRowAccount | None = None
    salesAccount: InvoiceRowAccount | None = None
    salesReceivableAccount: InvoiceRowAccount | None = None
    recurringSalesAccount: InvoiceRowAccount | None = None
    vatAccount: InvoiceRowAccount | None = None
    rowType: str | None = None
    category: str | None = None
    sortOrder: int | None = None
    flatRateGuid: str | None = None
    hasInvoiceComment: bool | None = None
    createdBy: UserRef | None = None
    createdDateTime: UtcDateTime | None = None
    lastUpdatedBy: UserRef | None = None
    lastUpdatedDateTime: UtcDateTime | None = None
