"""Services for sales invoices: drafts (write, book) and booked customer invoices (read, pay)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

from brygga.eekonomi.models_invoices import (
    CustomerInvoice,
    CustomerInvoiceDraft,
    CustomerInvoiceDraftValidation,
    InvoicePayment,
)
from brygga.eekonomi.odata import field, literal
from brygga.eekonomi.pages import DEFAULT_PAGE_SIZE, Page, iter_pages, page_params, parse_page
from brygga.eekonomi.services import ReadableListService, post_one, put_one

__all__ = ["CustomerInvoicesService", "InvoiceDraftsService"]

_DRAFT_TEMPLATE = "/customerinvoicedrafts/{customerInvoiceDraftId}"


class InvoiceDraftsService(ReadableListService[CustomerInvoiceDraft]):
    """``/customerinvoicedrafts``: list, read, create, replace, delete and book (``convert``) drafts.

    Drafts have no modified timestamp (only ``CreatedUtc``): a sync reads them all, which is cheap
    because drafts live only until they are booked.
    """

    path = "/customerinvoicedrafts"
    model = CustomerInvoiceDraft
    item_path = "/customerinvoicedrafts/{invoiceDraftId}"  # the spec names the id differently for GET
    id_param = "invoiceDraftId"

    async def create(self, draft: CustomerInvoiceDraft) -> CustomerInvoiceDraft:
        """POST once; a lost answer raises with ``outcome_unknown``: reconcile with
        ``find_by_contract_number`` (brygga's marker) before any new attempt."""
        return await post_one(self._api, self.path, draft, CustomerInvoiceDraft)

    async def update(self, draft_id: str, draft: CustomerInvoiceDraft) -> CustomerInvoiceDraft:
        """PUT replaces the whole draft, rows included: rows left out are deleted."""
        params = {"customerInvoiceDraftId": draft_id}
        return await put_one(self._api, _DRAFT_TEMPLATE, params, draft, CustomerInvoiceDraft)

    async def delete(self, draft_id: str) -> None:
        """DELETE the draft. The transport may resend a DELETE after a 5xx or a lost answer: the draft is
        gone either way, though a resend can then answer 404 (``RejectedError``)."""
        await self._api.request("DELETE", _DRAFT_TEMPLATE, path_params={"customerInvoiceDraftId": draft_id})

    async def convert(
        self,
        draft_id: str,
        *,
        validation: CustomerInvoiceDraftValidation | None = None,
        keep_original_draft_date: bool | None = None,
    ) -> CustomerInvoice:
        """Book the draft into a customer invoice, which gets its number from eEk's series.

        ``validation`` carries the totals brygga expects; eEk refuses to book when its own differ. The
        body is optional in the spec and left out without one. ``keep_original_draft_date`` True keeps
        the draft's invoice date, False gives the invoice today's date; either way it overrides the
        company setting ``KeepOriginalDraftDate``, which decides when it is None.

        A POST, so never resent: after a lost answer look for an invoice with this ``CreatedFromDraftId``
        (the draft itself is gone once booked).
        """
        params: dict[str, bool] = {}
        if keep_original_draft_date is not None:
            params = {"keepOriginalDraftDate": keep_original_draft_date, "overrideCompanyKeepOriginalDraftDate": True}
        body = await self._api.request_json(
            "POST",
            _DRAFT_TEMPLATE + "/convert",
            path_params={"customerInvoiceDraftId": draft_id},
            params=params,
            json=validation.to_body() if validation is not None else None,
        )
        return CustomerInvoice.model_validate(body)

    async def find_by_contract_number(self, contract_number: str) -> list[CustomerInvoiceDraft]:
        """Drafts whose ``ContractNumber`` is exactly ``contract_number`` (brygga's marker, rule I8).

        Whether eEk can filter drafts on ``ContractNumber`` is unverified. A server that ignores the
        filter still gives the right answer, because every draft is compared here too; one that refuses
        it raises ``RejectedError`` (ErrorCode 6000), and the caller then falls back to a scan with
        ``iter()``.
        """
        wanted = field("ContractNumber").eq(contract_number)
        return [draft async for draft in self.iter(filter=wanted) if draft.contract_number == contract_number]


class CustomerInvoicesService(ReadableListService[CustomerInvoice]):
    """``/customerinvoices``: booked invoices, read-only for brygga apart from registering payments."""

    path = "/customerinvoices"
    model = CustomerInvoice
    item_path = "/customerinvoices/{invoiceId}"
    id_param = "invoiceId"

    async def list(
        self,
        *,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
        filter: str | None = None,
        modified_since: datetime | None = None,
    ) -> Page[CustomerInvoice]:
        """One page; ``modified_since`` (aware) is the official ``modifiedSinceUtc`` parameter.

        Take the next cursor from the first page's ``meta.server_time_utc``: the server's clock, so
        skew between the two clocks cannot make a sync miss a change.
        """
        params: dict[str, str | int] = page_params(page, page_size, filter)
        if modified_since is not None:
            params["modifiedSinceUtc"] = literal(modified_since)  # ISO 8601 in UTC with "Z"
        body = await self._api.request_json("GET", self.path, params=params)
        return parse_page(body, self.model)

    async def iter(
        self,
        *,
        filter: str | None = None,
        modified_since: datetime | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> AsyncIterator[CustomerInvoice]:
        async def fetch(page_number: int) -> Page[CustomerInvoice]:
            return await self.list(page=page_number, page_size=page_size, filter=filter, modified_since=modified_since)

        async for page in iter_pages(fetch):
            for invoice in page.data:
                yield invoice

    async def add_payment(self, invoice_id: str, payment: InvoicePayment) -> InvoicePayment:
        """Register a payment on a booked invoice. A POST, sent once: after a lost answer compare the
        invoice's ``RemainingAmount`` before paying again."""
        template = self.item_path + "/payments"
        return await post_one(self._api, template, payment, InvoicePayment, path_params={self.id_param: invoice_id})
