"""``/v1/invoicestatuses``, ``/v1/invoices`` and an invoice's rows.

Invoice statuses are offset-paged (at most 100 rows a page), invoices token-paged (no documented
``rowCount`` limit), an invoice's rows token-paged with at most 100 a page. Array filters repeat
their key (``invoiceStatusGuids=a&invoiceStatusGuids=b``), as the spec's ``form``/``explode`` says.

Writing an invoice is a guess (severa-fit G1/G2): ``PATCH /v1/invoices/{guid}`` takes a "JSON patch
document of InvoiceInputModel", a model the spec does not define. :data:`INVOICE_PATCH_PATHS` holds
the paths brygga guesses, so a staging tenant that wants others changes one constant.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from brygga.errors import ApiFieldError, RejectedError
from brygga.severa.errors import SYSTEM
from brygga.severa.invoice_models import Invoice, InvoiceRow, InvoiceStatus
from brygga.severa.pages import LIMITED_TOKEN_PAGE_ROWS
from brygga.severa.patch import build_patch_body
from brygga.severa.query import query_items
from brygga.severa.service_base import Service

__all__ = [
    "INVOICE_NUMBER_MAX",
    "INVOICE_PATCH_PATHS",
    "PATCH_NOT_APPLIED",
    "InvoicePatchPaths",
    "InvoiceStatusesService",
    "InvoicesService",
    "invoice_patch_body",
]

INVOICE_NUMBER_MAX = 2**31 - 1
"""``InvoiceOutputModel.number`` is int32."""

PATCH_NOT_APPLIED = "PatchNotApplied"
"""``error_code`` of the :class:`RejectedError` raised when Severa answers a PATCH without applying it."""


@dataclass(frozen=True)
class InvoicePatchPaths:
    """JSON Patch paths of the two invoice fields brygga writes."""

    status_guid: str
    number: str


INVOICE_PATCH_PATHS = InvoicePatchPaths(status_guid="/status/guid", number="/number")
"""Unverified: mirrors ``InvoiceOutputModel.status.guid`` and ``.number``. Verify on a staging tenant."""


class InvoiceStatusesService(Service):
    """``/v1/invoicestatuses`` (offset paging, no ``changedSince``: the list is small, read it whole)."""

    _LIST = "/v1/invoicestatuses"
    _ONE = "/v1/invoicestatuses/{guid}"

    def iter(self, *, active: bool | None = None) -> AsyncIterator[InvoiceStatus]:
        return self._iter_offset(InvoiceStatus, self._LIST, query=query_items(active=active))

    async def get(self, guid: str) -> InvoiceStatus:
        return await self._get(InvoiceStatus, self._ONE, {"guid": guid})

    async def create(self, status: InvoiceStatus) -> InvoiceStatus:
        return await self._create(status, self._LIST)


class InvoicesService(Service):
    """``/v1/invoices`` (token paging) and ``/v1/invoices/{invoiceGuid}/invoicerows``."""

    _LIST = "/v1/invoices"
    _ONE = "/v1/invoices/{guid}"
    _ROWS = "/v1/invoices/{invoiceGuid}/invoicerows"

    def iter(
        self,
        *,
        status_guids: Iterable[str] | None = None,
        changed_since: datetime | None = None,
        customer_guids: Iterable[str] | None = None,
        numbers: Iterable[int] | None = None,
    ) -> AsyncIterator[Invoice]:
        """Every matching invoice; ``changed_since`` is inclusive.

        Severa may ignore a filter it does not know, so callers that depend on one (the status
        above all) check it on the invoices they get.
        """
        query = query_items(
            invoiceStatusGuids=status_guids, changedSince=changed_since, customerGuids=customer_guids, numbers=numbers
        )
        return self._iter_token(Invoice, self._LIST, query=query)

    async def get(self, guid: str) -> Invoice:
        return await self._get(Invoice, self._ONE, {"guid": guid})

    async def rows(self, invoice_guid: str) -> list[InvoiceRow]:
        """All rows of one invoice in print order: by ``sortOrder``, rows without one last."""
        pages = self._iter_token(
            InvoiceRow, self._ROWS, path_params={"invoiceGuid": invoice_guid}, row_count=LIMITED_TOKEN_PAGE_ROWS
        )
        rows = [row async for row in pages]
        # sorted() is stable, so rows Severa sent with equal (or no) sortOrder keep its order.
        return sorted(rows, key=lambda row: (row.sortOrder is None, row.sortOrder or 0))

    async def set_status(self, guid: str, status_guid: str, *, number: int | None = None) -> Invoice:
        """Move an invoice to ``status_guid`` and, when given, set its ``number``; one PATCH.

        THIS IS A GUESS to verify on a Severa staging tenant: the spec names the PATCH body
        "InvoiceInputModel" without defining it (severa-fit G1), and whether ``number`` is writable
        at all is undocumented (G2). The paths are :data:`INVOICE_PATCH_PATHS`. Because a server
        may accept unknown paths and change nothing, the answer is checked: an invoice that comes
        back without the requested status (or number) raises :class:`RejectedError` with
        ``error_code`` :data:`PATCH_NOT_APPLIED` and one field error per path not applied.
        """
        body = invoice_patch_body(status_guid, number=number)
        updated = await self._send(Invoice, "PATCH", self._ONE, path_params={"guid": guid}, json=body)
        _check_applied(updated, guid, status_guid, number)
        return updated


def invoice_patch_body(status_guid: str, *, number: int | None = None) -> list[dict[str, Any]]:
    """The JSON Patch ``set_status`` sends: ``Replace`` the status guid, then the number when given."""
    if not status_guid:
        raise ValueError("an invoice status guid is required")
    changes: dict[str, Any] = {INVOICE_PATCH_PATHS.status_guid: status_guid}
    if number is not None:
        # bool is an int in Python; True must not become invoice number 1.
        if isinstance(number, bool) or not 1 <= number <= INVOICE_NUMBER_MAX:
            raise ValueError(f"an invoice number must be an int32 above zero, got {number!r}")
        changes[INVOICE_PATCH_PATHS.number] = number
    return build_patch_body(changes)


def _check_applied(invoice: Invoice, guid: str, status_guid: str, number: int | None) -> None:
    missed: list[ApiFieldError] = []
    got_status = invoice.status.guid if invoice.status else None
    if got_status != status_guid:
        missed.append(_not_applied(INVOICE_PATCH_PATHS.status_guid, status_guid, got_status))
    if number is not None and invoice.number != number:
        missed.append(_not_applied(INVOICE_PATCH_PATHS.number, number, invoice.number))
    if missed:
        raise RejectedError(
            "Visma PM tog emot ändringen av fakturan men sparade den inte: "
            + "; ".join(error.message or "" for error in missed),
            system=SYSTEM,
            method="PATCH",
            path=f"/v1/invoices/{guid}",
            status=200,
            error_code=PATCH_NOT_APPLIED,
            field_errors=missed,
        )


def _not_applied(path: str, wanted: object, got: object) -> ApiFieldError:
    return ApiFieldError(field=path, code=PATCH_NOT_APPLIED, message=f"{path} är {got!r}, inte {wanted!r}")
