"""``/v1/invoices``: token-paged list with filters, read by GUID, the rows of one invoice, and PATCH.

Filters on things the emulator does not model (project owners, business units, sales people, creators)
match no invoice when given, as for a tenant whose invoices have none of them. ``startDate``/``endDate``
bound the invoice date (both inclusive); ``minimumTotalExcludingTax``/``maximumTotalExcludingTax`` are
in the organisation currency (the invoice total times the currency's rate). The spec names no maximum
``rowCount`` for the invoice list ("Default 20, maximum 100" for the rows). What the PATCH accepts is a
guess, documented in :mod:`invoice_patch`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .common import changed_since, filter_key, find_or_404, stamp_updated
from .endpoint import Context, json_response, read_json, route
from .invoice_models import INVOICE_ROW_TYPES
from .invoice_patch import apply_invoice_patch
from .invoice_totals import invoice_totals
from .paging import OFFSET_MAX_ROW_COUNT, token_page
from .problems import ApiProblem
from .query import datetime_param, decimal_param, int_list_param, text_list_param, text_param
from .render_invoices import render_invoice, render_invoice_row
from .store import Document, SeveraStore

__all__ = ["invoice_routes"]

_UNMODELLED_LISTS = ("projectOwnerGuids", "projectBusinessUnitGuids", "salesPersonGuids", "createdByUserGuids")


def invoice_routes(ctx: Context) -> list[Route]:
    return [
        route(ctx, "GET", "/v1/invoices", list_invoices),
        route(ctx, "GET", "/v1/invoices/{guid}", get_invoice),
        route(ctx, "PATCH", "/v1/invoices/{guid}", patch_invoice),
        route(ctx, "GET", "/v1/invoices/{invoiceGuid}/invoicerows", list_invoice_rows),
    ]


async def list_invoices(request: Request, ctx: Context) -> Response:
    matches = _invoice_filter(request, ctx.store)
    numbers = int_list_param(request, "numbers")
    among = ctx.store.lookup("invoices", "number", numbers) if numbers else None
    page = token_page(request, ctx.store.select("invoices", matches, key=filter_key(request), among=among))
    return json_response([render_invoice(ctx.store, doc) for doc in page.items], headers=page.headers())


async def get_invoice(request: Request, ctx: Context) -> Response:
    return json_response(
        render_invoice(ctx.store, find_or_404(ctx, "invoices", request.path_params["guid"], "Invoice"))
    )


async def patch_invoice(request: Request, ctx: Context) -> Response:
    operations = await read_json(request)
    with ctx.store.locked():
        current = find_or_404(ctx, "invoices", request.path_params["guid"], "Invoice")
        patched = apply_invoice_patch(ctx, current, operations)
        # Every accepted change moves lastUpdatedDateTime, so a changedSince poll sees the invoice again.
        stored = ctx.store.put("invoices", stamp_updated(ctx, patched) if operations else patched)
    return json_response([render_invoice(ctx.store, stored)])


async def list_invoice_rows(request: Request, ctx: Context) -> Response:
    invoice = find_or_404(ctx, "invoices", request.path_params["invoiceGuid"], "Invoice", "invoiceGuid")
    row_type = text_param(request, "rowType")
    if row_type is not None and row_type not in INVOICE_ROW_TYPES:
        message = f"The value '{row_type}' is not valid for rowType: {', '.join(INVOICE_ROW_TYPES)}."
        raise ApiProblem.invalid_parameter(message, "UriParameter", "rowType", row_type)
    rows = [row for row in invoice.get("rows") or [] if row_type is None or row["rowType"] == row_type]
    page = token_page(request, rows, OFFSET_MAX_ROW_COUNT)
    return json_response([render_invoice_row(row) for row in page.items], headers=page.headers())


def _invoice_filter(request: Request, store: SeveraStore) -> Callable[[Document], bool]:
    statuses = set(text_list_param(request, "invoiceStatusGuids"))
    customers = set(text_list_param(request, "customerGuids"))
    projects = set(text_list_param(request, "projectGuids"))
    numbers = set(int_list_param(request, "numbers"))
    references = set(text_list_param(request, "referenceNumbers"))
    recent = changed_since(datetime_param(request, "changedSince"))
    dated = _date_window(datetime_param(request, "startDate"), datetime_param(request, "endDate"))
    paid_since = datetime_param(request, "paymentDateStart")
    in_range = _total_range(
        store, decimal_param(request, "minimumTotalExcludingTax"), decimal_param(request, "maximumTotalExcludingTax")
    )
    nothing = any(text_list_param(request, name) for name in _UNMODELLED_LISTS)

    def matches(doc: Document) -> bool:
        return (
            not nothing
            and (not statuses or doc["status"]["guid"] in statuses)
            and (not customers or doc["customer"]["guid"] in customers)
            and (not projects or any(ref["guid"] in projects for ref in doc.get("projects") or []))
            and (not numbers or doc.get("number") in numbers)
            and (not references or doc.get("referenceNumber") in references)
            and (paid_since is None or (doc.get("paymentDate") or "") >= paid_since.date().isoformat())
            and dated(doc)
            and recent(doc)
            and in_range(doc)
        )

    return matches


def _date_window(start: datetime | None, end: datetime | None) -> Callable[[Document], bool]:
    first = start.date().isoformat() if start else None
    last = end.date().isoformat() if end else None

    def within(doc: Document) -> bool:
        # ISO dates compare correctly as text.
        return (first is None or doc["date"] >= first) and (last is None or doc["date"] <= last)

    return within


def _total_range(store: SeveraStore, low: Decimal | None, high: Decimal | None) -> Callable[[Document], bool]:
    def within(doc: Document) -> bool:
        if low is None and high is None:
            return True
        currency = store.get("currencies", doc["currency"]["guid"]) or {}
        total = invoice_totals(doc.get("rows") or []).excluding_tax * Decimal(currency.get("rate") or 1)
        return (low is None or total >= low) and (high is None or total <= high)

    return within
