"""Read-only company data every real company has: terms of payment, currencies, countries, settings,
and what articles are built from: account codings, units and VAT codes."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .clock import parse_utc
from .context import EmulatorContext
from .jsonio import DecimalJSONResponse
from .paging import ListQuery, list_page
from .pipeline import Handler, Operation, api_route
from .problems import INVALID_INPUT, not_found, query_error
from .store import Collection

__all__ = [
    "CODING_FIELDS",
    "COUNTRY_FIELDS",
    "CURRENCY_FIELDS",
    "TERMS_OF_PAYMENT_FIELDS",
    "UNIT_FIELDS",
    "VAT_CODE_FIELDS",
    "reference_routes",
]

TERMS_OF_PAYMENT_FIELDS = (
    "Id",
    "Name",
    "NameEnglish",
    "NumberOfDays",
    "TermsOfPaymentTypeId",
    "TermsOfPaymentTypeText",
    "AvailableForSales",
    "AvailableForPurchase",
)
CURRENCY_FIELDS = ("Code",)
COUNTRY_FIELDS = ("Name", "NameEnglish", "Code", "IsEuMember")
CODING_FIELDS = (
    "Id",
    "Name",
    "NameEnglish",
    "Type",
    "VatRate",
    "IsActive",
    "VatRatePercent",
    "DomesticSalesSubjectToReversedConstructionVatAccountNumber",
    "DomesticSalesSubjectToVatAccountNumber",
    "DomesticSalesVatExemptAccountNumber",
    "ForeignSalesSubjectToMossAccountNumber",
    "ForeignSalesSubjectToThirdPartySalesAccountNumber",
    "ForeignSalesSubjectToVatWithinEuAccountNumber",
    "ForeignSalesVatExemptOutsideEuAccountNumber",
    "ForeignSalesVatExemptWithinEuAccountNumber",
    "DomesticSalesVatCodeExemptAccountNumber",
    "ChangedUtc",
)
UNIT_FIELDS = ("Id", "Name", "Code", "Abbreviation", "AbbreviationEnglish")
VAT_CODE_FIELDS = ("Id", "Code", "Description", "VatRate", "OssCodeType", "RelatedAccounts")

SALES_READ = ("ea:sales", "ea:sales_readonly")
SALES_PURCHASE_READ = ("ea:sales", "ea:sales_readonly", "ea:purchase", "ea:purchase_readonly")
COUNTRY_READ = ("ea:sales", "ea:sales_readonly", "vls:api")
ACCOUNTING_READ = ("ea:accounting", "ea:accounting_readonly")


def reference_routes(context: EmulatorContext) -> list[Route]:
    return [*_company_routes(context), *_article_reference_routes(context)]


def _read(handler: Handler, scopes: Sequence[str]) -> dict[str, Operation]:
    return {"GET": Operation.of(handler, scopes)}


def _company_routes(context: EmulatorContext) -> list[Route]:
    store = context.store

    async def get_terms(request: Request) -> Response:
        return DecimalJSONResponse(_by_guid(store.terms_of_payment, request.path_params["id"], "TermsOfPayment"))

    async def get_country(request: Request) -> Response:
        found = store.countries.get(request.path_params["countrycode"].upper())
        if found is None:
            raise not_found("Country")
        return DecimalJSONResponse(found)

    async def get_company_settings(request: Request) -> Response:
        return DecimalJSONResponse(store.settings.get("company"))

    return [
        api_route(
            context,
            "/v2/termsofpayments",
            _read(_lister(context, store.terms_of_payment, TERMS_OF_PAYMENT_FIELDS), SALES_PURCHASE_READ),
        ),
        api_route(context, "/v2/termsofpayments/{id}", _read(get_terms, SALES_PURCHASE_READ)),
        api_route(
            context, "/v2/currencies", _read(_lister(context, store.currencies, CURRENCY_FIELDS), SALES_PURCHASE_READ)
        ),
        api_route(context, "/v2/countries", _read(_lister(context, store.countries, COUNTRY_FIELDS), COUNTRY_READ)),
        api_route(context, "/v2/countries/{countrycode}", _read(get_country, COUNTRY_READ)),
        api_route(context, "/v2/companysettings", _read(get_company_settings, SALES_READ)),
    ]


def _article_reference_routes(context: EmulatorContext) -> list[Route]:
    store = context.store
    # vatRateDate picks the rates valid on a date; Swedish rates are the same on every date the emulator
    # serves, so the date is only checked for being one.
    dated = _with_vat_rate_date

    async def get_coding(request: Request) -> Response:
        coding_id = request.path_params["articleAccountCodingId"]
        return DecimalJSONResponse(_by_guid(store.article_codings, coding_id, "ArticleAccountCoding"))

    async def get_unit(request: Request) -> Response:
        return DecimalJSONResponse(_by_guid(store.units, request.path_params["id"], "Unit"))

    async def get_vat_code(request: Request) -> Response:
        return DecimalJSONResponse(_by_guid(store.vat_codes, request.path_params["id"], "VatCode"))

    codings = _lister(context, store.article_codings, CODING_FIELDS, ("ChangedUtc",))
    return [
        api_route(context, "/v2/articleaccountcodings", _read(dated(codings), SALES_READ)),
        api_route(context, "/v2/articleaccountcodings/{articleAccountCodingId}", _read(dated(get_coding), SALES_READ)),
        api_route(context, "/v2/units", _read(_lister(context, store.units, UNIT_FIELDS), SALES_READ)),
        api_route(context, "/v2/units/{id}", _read(get_unit, SALES_READ)),
        api_route(
            context, "/v2/vatcodes", _read(dated(_lister(context, store.vat_codes, VAT_CODE_FIELDS)), ACCOUNTING_READ)
        ),
        api_route(context, "/v2/vatcodes/{id}", _read(dated(get_vat_code), ACCOUNTING_READ)),
    ]


def _with_vat_rate_date(handler: Handler) -> Handler:
    async def checked(request: Request) -> Response:
        lowered = {key.lower(): value for key, value in request.query_params.items()}
        raw = lowered.get("vatratedate")
        if raw:
            try:
                parse_utc(raw)
            except ValueError:
                raise query_error(f"The value '{raw}' is not a valid DateTime.", code=INVALID_INPUT) from None
        return await handler(request)

    return checked


def _lister(
    context: EmulatorContext, collection: Collection, fields: Sequence[str], datetime_fields: Sequence[str] = ()
) -> Handler:
    async def list_documents(request: Request) -> Response:
        query = ListQuery.from_params(request.query_params)
        return DecimalJSONResponse(list_page(collection, query, context.clock(), fields, datetime_fields))

    return list_documents


def _by_guid(collection: Collection, raw_id: str, resource: str) -> object:
    try:
        found = collection.get(str(uuid.UUID(raw_id)))
    except ValueError:
        found = None
    if found is None:
        raise not_found(resource)
    return found
