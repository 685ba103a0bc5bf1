"""Registering a payment on a booked customer invoice (``POST /customerinvoices/{invoiceId}/payments``).

* ``CompanyBankAccountId`` must name a bank account (400 ErrorCode 3000).
* ``PaymentCurrency`` must be the invoice's currency; ``PaymentAmount`` is positive and at most what
  remains (over- and underpayments go through ``/voucherwithoverunderpayment`` in the real API).
* ``PaymentType`` 2 (CompletePayment) must settle the invoice; 1 (PartialPayment) may leave a rest.
* ``PaymentDate`` (default today) may not lie in the future: 400 ErrorCode 4023 (eaccounting-api.md §9.4).
  Dates are compared in UTC; the real API uses the company's time zone.
* ``DomesticPaymentAmount`` is only for foreign-currency invoices (ErrorCode 4039).

The invoice's remaining amounts drop, ``PaymentStatus`` becomes 0 (Paid) when nothing remains,
``PaymentDate`` is set and ``ModifiedUtc`` moves, so ``modifiedSinceUtc`` polling sees the change.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from .clock import Clock, format_utc, parse_utc
from .customer_invoices import FUTURE_DATE, InvoiceBook
from .invoice_fields import PAYMENT_FIELDS
from .invoice_totals import round_ore
from .problems import RESOURCE_NOT_FOUND, ApiProblem, FieldProblem, bad_request
from .store import EekStore
from .validation import blank_document, validate_fields

__all__ = ["PaymentBook"]

PAID = 0
COMPLETE_PAYMENT = 2
NO_DOMESTIC_AMOUNT_ON_DOMESTIC_INVOICES = 4039


class PaymentBook:
    def __init__(self, store: EekStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._invoices = InvoiceBook(store, clock)

    def register(self, invoice_id: str, body: dict[str, Any]) -> dict[str, Any]:
        values, problems = validate_fields(body, PAYMENT_FIELDS)
        if problems:
            raise bad_request(problems)
        if self._store.bank_accounts.get(values["CompanyBankAccountId"]) is None:
            message = f"ResourceNotFoundException - BankAccount with id {values['CompanyBankAccountId']} was not found."
            raise ApiProblem(400, RESOURCE_NOT_FOUND, message)
        payment_date = self._payment_date(values.get("PaymentDate"))
        with self._store.atomic():
            invoice = self._invoices.get(invoice_id)
            _check_payment(invoice, values)
            self._store.customer_invoices.put(invoice["Id"], self._paid(invoice, values, payment_date))
        payment = blank_document(PAYMENT_FIELDS)
        payment.update(values)
        payment.update(PaymentDate=payment_date, BankTransactionId=str(uuid.uuid4()))
        return payment

    def _payment_date(self, given: str | None) -> str:
        today = self._clock().replace(hour=0, minute=0, second=0, microsecond=0)
        date = parse_utc(given).replace(hour=0, minute=0, second=0, microsecond=0) if given else today
        if date > today:
            message = f"FutureDateCannotBeSetException - The payment date {date.date().isoformat()} is in the future."
            raise ApiProblem(400, FUTURE_DATE, message)
        return format_utc(date)

    def _paid(self, invoice: dict[str, Any], values: dict[str, Any], payment_date: str) -> dict[str, Any]:
        amount: Decimal = values["PaymentAmount"]
        remaining = invoice["RemainingAmountInvoiceCurrency"] - amount
        domestic = values.get("DomesticPaymentAmount") or round_ore(amount * invoice["CurrencyRate"])
        invoice.update(
            RemainingAmountInvoiceCurrency=remaining,
            # Once the invoice currency is settled nothing remains in SEK either, whatever the rates did.
            RemainingAmount=invoice["RemainingAmount"] - domestic if remaining else Decimal(0),
            PaymentStatus=PAID if remaining == 0 else invoice["PaymentStatus"],
            PaymentDate=payment_date,
            ModifiedUtc=format_utc(self._clock()),
        )
        return invoice


def _check_payment(invoice: dict[str, Any], values: dict[str, Any]) -> None:
    amount: Decimal = values["PaymentAmount"]
    remaining: Decimal = invoice["RemainingAmountInvoiceCurrency"]
    if values["PaymentCurrency"].upper() != (invoice["CurrencyCode"] or "").upper():
        message = (
            f"The payment currency {values['PaymentCurrency']} is not the invoice currency {invoice['CurrencyCode']}."
        )
        raise bad_request([FieldProblem("PaymentCurrency", "CurrencyMismatch", message)])
    if values.get("DomesticPaymentAmount") and invoice["CurrencyRate"] == 1:
        message = (
            "NoDomesticAmountAllowedOnDomesticInvoicesException - DomesticPaymentAmount is only for foreign invoices."
        )
        raise ApiProblem(400, NO_DOMESTIC_AMOUNT_ON_DOMESTIC_INVOICES, message)
    if amount <= 0 or amount > remaining:
        message = f"The payment amount {amount} must be above 0 and at most the remaining amount {remaining}."
        raise bad_request([FieldProblem("PaymentAmount", "Range", message)])
    if values["PaymentType"] == COMPLETE_PAYMENT and amount != remaining:
        message = f"A complete payment must pay the remaining amount {remaining}, not {amount}."
        raise bad_request([FieldProblem("PaymentAmount", "CompletePayment", message)])
