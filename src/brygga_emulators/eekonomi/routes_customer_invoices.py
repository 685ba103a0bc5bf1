"""``/v2/customerinvoices`` (list with ``modifiedSinceUtc``), ``/{invoiceId}`` and ``/{invoiceId}/payments``.

Invoices are made by converting drafts (``routes_invoice_drafts``); the direct ``POST /customerinvoices``
is not emulated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .bodies import read_json_object
from .clock import parse_utc
from .context import EmulatorContext
from .customer_invoices import INVOICE_DATETIME_FIELDS, INVOICE_FIELD_NAMES, InvoiceBook
from .invoice_payments import PaymentBook
from .jsonio import DecimalJSONResponse
from .paging import ListQuery, list_page
from .pipeline import Operation, api_route
from .problems import INVALID_INPUT, query_error
from .store import Collection

__all__ = ["customer_invoice_routes"]

READ = ("ea:sales", "ea:sales_readonly")
WRITE = ("ea:sales",)


def customer_invoice_routes(context: EmulatorContext) -> list[Route]:
    invoices = InvoiceBook(context.store, context.clock)
    payments = PaymentBook(context.store, context.clock)

    async def list_invoices(request: Request) -> Response:
        query = ListQuery.from_params(request.query_params)
        documents = _modified_since(context.store.customer_invoices, request.query_params)
        page = list_page(documents, query, context.clock(), INVOICE_FIELD_NAMES, INVOICE_DATETIME_FIELDS)
        return DecimalJSONResponse(page)

    async def get_invoice(request: Request) -> Response:
        return DecimalJSONResponse(invoices.get(request.path_params["invoiceId"]))

    async def register_payment(request: Request) -> Response:
        invoice_id = request.path_params["invoiceId"]
        invoices.get(invoice_id)  # an unknown id is 404 before the body is even looked at
        body = await read_json_object(request, "InvoicePaymentApi")
        return DecimalJSONResponse(payments.register(invoice_id, body), status_code=201)

    return [
        api_route(context, "/v2/customerinvoices", {"GET": Operation.of(list_invoices, READ)}),
        api_route(context, "/v2/customerinvoices/{invoiceId}", {"GET": Operation.of(get_invoice, READ)}),
        api_route(
            context, "/v2/customerinvoices/{invoiceId}/payments", {"POST": Operation.of(register_payment, WRITE)}
        ),
    ]


def _modified_since(invoices: Collection, params: Mapping[str, str]) -> Collection | Sequence[Mapping[str, Any]]:
    """Invoices changed at or after ``modifiedSinceUtc``: "at" too, so that a change made in the same
    instant as the client's cursor (``Meta.ServerTimeUtc``) is never skipped. Kept until the next write,
    so the pages of one walk compare the dates once."""
    lowered = {key.lower(): value for key, value in params.items()}
    raw = lowered.get("modifiedsinceutc")
    if not raw:
        return invoices
    try:
        since = parse_utc(raw)
    except ValueError:
        raise query_error(f"The value '{raw}' is not a valid DateTime.", code=INVALID_INPUT) from None

    def changed() -> list[Mapping[str, Any]]:
        return [doc for doc in invoices.all() if doc["ModifiedUtc"] and parse_utc(doc["ModifiedUtc"]) >= since]

    return invoices.memo(("modifiedSinceUtc", since), changed)
