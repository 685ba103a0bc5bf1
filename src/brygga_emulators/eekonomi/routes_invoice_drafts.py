"""``/v2/customerinvoicedrafts`` (list, POST), ``/{id}`` (GET, PUT, DELETE) and ``/{id}/convert``.

The spec names the draft id ``{invoiceDraftId}`` on GET and ``{customerInvoiceDraftId}`` elsewhere; two
routes keep both names, so every template is spelled exactly as in the spec.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .bodies import read_json_object
from .context import EmulatorContext
from .customer_invoices import ConvertOptions, InvoiceBook, read_expected
from .invoice_drafts import DRAFT_DATETIME_FIELDS, DRAFT_FIELD_NAMES, DraftBook
from .jsonio import DecimalJSONResponse
from .paging import ListQuery, list_page
from .pipeline import Operation, api_route

__all__ = ["invoice_draft_routes"]

READ = ("ea:sales", "ea:sales_readonly")
WRITE = ("ea:sales",)

# ``overrideCustomerIsPrivatePerson`` is accepted and changes nothing: every customer brygga writes is a
# company, and the emulator applies no private-person rules to drafts.


def invoice_draft_routes(context: EmulatorContext) -> list[Route]:
    drafts = DraftBook(context.store, context.clock)
    invoices = InvoiceBook(context.store, context.clock)

    async def list_drafts(request: Request) -> Response:
        query = ListQuery.from_params(request.query_params)
        documents = context.store.customer_invoice_drafts
        page = list_page(documents, query, context.clock(), DRAFT_FIELD_NAMES, DRAFT_DATETIME_FIELDS)
        return DecimalJSONResponse(page)

    async def create_draft(request: Request) -> Response:
        body = await read_json_object(request, "CustomerInvoiceDraftApi")
        return DecimalJSONResponse(drafts.create(body), status_code=201)

    async def get_draft(request: Request) -> Response:
        return DecimalJSONResponse(drafts.get(request.path_params["invoiceDraftId"]))

    async def replace_draft(request: Request) -> Response:
        draft_id = request.path_params["customerInvoiceDraftId"]
        drafts.get(draft_id)  # an unknown id is 404 before the body is even looked at
        body = await read_json_object(request, "CustomerInvoiceDraftApi")
        return DecimalJSONResponse(drafts.replace(draft_id, body))

    async def delete_draft(request: Request) -> Response:
        drafts.delete(request.path_params["customerInvoiceDraftId"])
        return Response(status_code=200)

    async def convert_draft(request: Request) -> Response:
        draft_id = request.path_params["customerInvoiceDraftId"]
        drafts.get(draft_id)
        # The validation body is optional: an empty body converts without checking totals.
        raw = await request.body()
        expected = None
        if raw.strip():
            expected = read_expected(await read_json_object(request, "CustomerInvoiceDraftValidationApi"))
        invoice = invoices.convert(draft_id, expected, ConvertOptions(request.query_params))
        return DecimalJSONResponse(invoice, status_code=201)

    return [
        api_route(
            context,
            "/v2/customerinvoicedrafts",
            {"GET": Operation.of(list_drafts, READ), "POST": Operation.of(create_draft, WRITE)},
        ),
        api_route(context, "/v2/customerinvoicedrafts/{invoiceDraftId}", {"GET": Operation.of(get_draft, READ)}),
        api_route(
            context,
            "/v2/customerinvoicedrafts/{customerInvoiceDraftId}",
            {"PUT": Operation.of(replace_draft, WRITE), "DELETE": Operation.of(delete_draft, WRITE)},
        ),
        api_route(
            context,
            "/v2/customerinvoicedrafts/{customerInvoiceDraftId}/convert",
            {"POST": Operation.of(convert_draft, WRITE)},
        ),
    ]
