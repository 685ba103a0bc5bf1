"""``/v2/bankaccounts`` (read), ``/v2/suppliers`` (list, POST, GET, PUT) and ``/v2/supplierinvoices``
(list, POST, GET): the purchase side brygga reads supplier costs from."""

from __future__ import annotations

import uuid

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .bank_accounts import BANK_ACCOUNT_DATETIME_FIELDS, BANK_ACCOUNT_FIELD_NAMES
from .bodies import read_json_object
from .context import EmulatorContext
from .jsonio import DecimalJSONResponse
from .paging import ListQuery, list_page
from .pipeline import Operation, api_route
from .problems import not_found
from .supplier_invoices import SUPPLIER_INVOICE_DATETIME_FIELDS, SUPPLIER_INVOICE_FIELD_NAMES, SupplierInvoiceBook
from .suppliers import SUPPLIER_DATETIME_FIELDS, SUPPLIER_FIELD_NAMES, SupplierBook

__all__ = ["purchase_routes"]

READ = ("ea:purchase", "ea:purchase_readonly")
WRITE = ("ea:purchase",)

# POST /supplierinvoices' flags (useDefaultVatCodes, calculateVatOnCostAccounts,
# duplicateCheckExtendedValidation) are accepted and change nothing: VAT codes on rows only matter in
# DK/NL, and the emulator books the rows the client sends (completing only the supplier-debt row).


def purchase_routes(context: EmulatorContext) -> list[Route]:
    return [*_bank_account_routes(context), *_supplier_routes(context), *_supplier_invoice_routes(context)]


def _bank_account_routes(context: EmulatorContext) -> list[Route]:
    store = context.store

    async def list_accounts(request: Request) -> Response:
        query = ListQuery.from_params(request.query_params)
        documents = store.bank_accounts.all()
        page = list_page(documents, query, context.clock(), BANK_ACCOUNT_FIELD_NAMES, BANK_ACCOUNT_DATETIME_FIELDS)
        return DecimalJSONResponse(page)

    async def get_account(request: Request) -> Response:
        try:
            found = store.bank_accounts.get(str(uuid.UUID(request.path_params["bankAccountId"])))
        except ValueError:
            found = None
        if found is None:
            raise not_found("BankAccount")
        return DecimalJSONResponse(found)

    return [
        api_route(context, "/v2/bankaccounts", {"GET": Operation.of(list_accounts, READ)}),
        api_route(context, "/v2/bankaccounts/{bankAccountId}", {"GET": Operation.of(get_account, READ)}),
    ]


def _supplier_routes(context: EmulatorContext) -> list[Route]:
    book = SupplierBook(context.store, context.clock)

    async def list_suppliers(request: Request) -> Response:
        query = ListQuery.from_params(request.query_params)
        page = list_page(book.all(), query, context.clock(), SUPPLIER_FIELD_NAMES, SUPPLIER_DATETIME_FIELDS)
        return DecimalJSONResponse(page)

    async def create_supplier(request: Request) -> Response:
        body = await read_json_object(request, "SupplierApi")
        return DecimalJSONResponse(book.create(body), status_code=201)

    async def get_supplier(request: Request) -> Response:
        return DecimalJSONResponse(book.get(request.path_params["id"]))

    async def replace_supplier(request: Request) -> Response:
        supplier_id = request.path_params["id"]
        book.get(supplier_id)  # an unknown id is 404 before the body is even looked at
        body = await read_json_object(request, "SupplierApi")
        return DecimalJSONResponse(book.replace(supplier_id, body))

    return [
        api_route(
            context,
            "/v2/suppliers",
            {"GET": Operation.of(list_suppliers, READ), "POST": Operation.of(create_supplier, WRITE)},
        ),
        api_route(
            context,
            "/v2/suppliers/{id}",
            {"GET": Operation.of(get_supplier, READ), "PUT": Operation.of(replace_supplier, WRITE)},
        ),
    ]


def _supplier_invoice_routes(context: EmulatorContext) -> list[Route]:
    book = SupplierInvoiceBook(context.store, context.clock)

    async def list_invoices(request: Request) -> Response:
        query = ListQuery.from_params(request.query_params)
        documents = context.store.supplier_invoices
        fields, dates = SUPPLIER_INVOICE_FIELD_NAMES, SUPPLIER_INVOICE_DATETIME_FIELDS
        return DecimalJSONResponse(list_page(documents, query, context.clock(), fields, dates))

    async def create_invoice(request: Request) -> Response:
        body = await read_json_object(request, "SupplierInvoiceApi")
        return DecimalJSONResponse(book.create(body), status_code=201)

    async def get_invoice(request: Request) -> Response:
        return DecimalJSONResponse(book.get(request.path_params["id"]))

    return [
        api_route(
            context,
            "/v2/supplierinvoices",
            {"GET": Operation.of(list_invoices, READ), "POST": Operation.of(create_invoice, WRITE)},
        ),
        api_route(context, "/v2/supplierinvoices/{id}", {"GET": Operation.of(get_invoice, READ)}),
    ]
