"""``/v1/invoicestatuses``: offset-paged list (``active``, ``textToSearch``), create and read by GUID.

Statuses are listed in their ``sortOrder``. The spec has no ``changedSince`` here (severa-fit G4), and
``calculateRowCount`` is validated but changes nothing: the spec does not say where a count would go.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .catalog_endpoints import CatalogResource
from .common import stamp_updated
from .endpoint import Context, json_response, route
from .invoice_models import INVOICE_STATUS
from .paging import offset_page
from .query import bool_param, text_param
from .render_invoices import render_invoice_status
from .store import Document

__all__ = ["invoice_status_routes"]

# An organisation has one default status and one default for credit notes: a new one takes the flag.
_SINGLE_FLAGS = ("isDefault", "isDefaultForCreditNote")


def _before_write(ctx: Context, document: Document, guid: str) -> Document:
    for flag in _SINGLE_FLAGS:
        if document.get(flag):
            _take_flag(ctx, flag, guid)
    if document.get("sortOrder") is None:
        # Without a sortOrder a new status goes last, as one added in Severa's settings does.
        orders = [int(doc.get("sortOrder") or 0) for doc in ctx.store.all("invoicestatuses")]
        document["sortOrder"] = max(orders, default=0) + 1
    return document


def _take_flag(ctx: Context, flag: str, new_holder: str) -> None:
    def holds(doc: Document) -> bool:
        return bool(doc.get(flag)) and doc["guid"] != new_holder

    for other in ctx.store.all("invoicestatuses", holds):
        ctx.store.put("invoicestatuses", stamp_updated(ctx, {**other, flag: False}))


INVOICE_STATUSES = CatalogResource(
    "invoicestatuses", "Invoice status", INVOICE_STATUS, render_invoice_status, before_write=_before_write
)


def invoice_status_routes(ctx: Context) -> list[Route]:
    create, get, _ = INVOICE_STATUSES.handlers()
    return [
        route(ctx, "GET", "/v1/invoicestatuses", list_invoice_statuses),
        route(ctx, "POST", "/v1/invoicestatuses", create),
        route(ctx, "GET", "/v1/invoicestatuses/{guid}", get),
    ]


async def list_invoice_statuses(request: Request, ctx: Context) -> Response:
    active = bool_param(request, "active")
    bool_param(request, "calculateRowCount")
    text = (text_param(request, "textToSearch") or "").lower()

    def wanted(doc: Document) -> bool:
        return (active is None or bool(doc.get("isActive")) == active) and text in str(doc.get("name") or "").lower()

    statuses = sorted(ctx.store.all("invoicestatuses", wanted), key=lambda doc: int(doc.get("sortOrder") or 0))
    return json_response([render_invoice_status(ctx.store, doc) for doc in offset_page(request, statuses)])
