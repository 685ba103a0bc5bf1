"""Services for the purchase side: bank accounts, suppliers and booked supplier invoices."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta

from brygga.eekonomi.models_purchases import BankAccount, Supplier, SupplierInvoice
from brygga.eekonomi.odata import all_of, field
from brygga.eekonomi.services import ReadableListService, post_one

__all__ = ["BankAccountsService", "SupplierInvoicesService", "SuppliersService"]


class BankAccountsService(ReadableListService[BankAccount]):
    """``/bankaccounts``: read; a payment is registered against one of these (a cheque account)."""

    path = "/bankaccounts"
    model = BankAccount
    item_path = "/bankaccounts/{bankAccountId}"
    id_param = "bankAccountId"


class SuppliersService(ReadableListService[Supplier]):
    """``/suppliers``: list, read and create."""

    path = "/suppliers"
    model = Supplier
    item_path = "/suppliers/{id}"
    id_param = "id"

    async def create(self, supplier: Supplier) -> Supplier:
        """POST once; a lost answer raises with ``outcome_unknown``: reconcile with ``find_by_number``."""
        return await post_one(self._api, self.path, supplier, Supplier)

    async def find_by_number(self, number: str) -> Supplier | None:
        """The supplier with exactly this SupplierNumber, or None."""
        page = await self.list(page_size=10, filter=field("SupplierNumber").eq(number))
        return next((supplier for supplier in page.data if supplier.supplier_number == number), None)


def _midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


class SupplierInvoicesService(ReadableListService[SupplierInvoice]):
    """``/supplierinvoices``: booked supplier invoices; list, read and create."""

    path = "/supplierinvoices"
    model = SupplierInvoice
    item_path = "/supplierinvoices/{id}"
    id_param = "id"

    async def create(self, invoice: SupplierInvoice) -> SupplierInvoice:
        """POST once (booked at once); a lost answer raises with ``outcome_unknown``: reconcile by the
        supplier's ``InvoiceNumber`` before any new attempt."""
        return await post_one(self._api, self.path, invoice, SupplierInvoice)

    async def dated_between(self, start: date, end: date) -> AsyncIterator[SupplierInvoice]:
        """Invoices whose ``InvoiceDate`` lies in ``start``..``end``, both days included (the S7 period).

        The filter is half-open (``ge`` the start's midnight, ``lt`` the midnight after ``end``), so an
        invoice date carrying a time of day still counts on its day. The dates are checked here again: a
        server that ignored the filter could only cost calls, never return a wrong invoice.
        """
        if end < start:
            raise ValueError(f"period ends ({end}) before it starts ({start})")
        in_period = all_of(
            field("InvoiceDate").ge(_midnight_utc(start)),
            field("InvoiceDate").lt(_midnight_utc(end + timedelta(days=1))),
        )
        async for invoice in self.iter(filter=in_period):
            if invoice.invoice_date is not None and start <= invoice.invoice_date <= end:
                yield invoice
