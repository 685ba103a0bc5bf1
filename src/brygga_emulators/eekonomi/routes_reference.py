"""Read-only company data every real company has: terms of payment, currencies, countries, settings."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .context import EmulatorContext
from .jsonio import DecimalJSONResponse
from .paging import ListQuery, list_page
from .pipeline import Handler, Operation, api_route
from .problems import not_found
from .store import Collection

__all__ = ["COUNTRY_FIELDS", "CURRENCY_FIELDS", "TERMS_OF_PAYMENT_FIELDS", "reference_routes"]

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

SALES_READ = ("ea:sales", "ea:sales_readonly")
SALES_PURCHASE_READ = ("ea:sales", "ea:sales_readonly", "ea:purchase", "ea:purchase_readonly")
COUNTRY_READ = ("ea:sales", "ea:sales_readonly", "vls:api")


def reference_routes(context: EmulatorContext) -> list[Route]:
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

    def read(handler: Handler, scopes: Sequence[str]) -> dict[str, Operation]:
        return {"GET": Operation.of(handler, scopes)}

    return [
        api_route(
            context,
            "/v2/termsofpayments",
            read(_lister(context, store.terms_of_payment, TERMS_OF_PAYMENT_FIELDS), SALES_PURCHASE_READ),
        ),
        api_route(context, "/v2/termsofpayments/{id}", read(get_terms, SALES_PURCHASE_READ)),
        api_route(
            context, "/v2/currencies", read(_lister(context, store.currencies, CURRENCY_FIELDS), SALES_PURCHASE_READ)
        ),
        api_route(context, "/v2/countries", read(_lister(context, store.countries, COUNTRY_FIELDS), COUNTRY_READ)),
        api_route(context, "/v2/countries/{countrycode}", read(get_country, COUNTRY_READ)),
        api_route(context, "/v2/companysettings", read(get_company_settings, SALES_READ)),
    ]


def _lister(context: EmulatorContext, collection: Collection, fields: Sequence[str]) -> Handler:
    async def list_documents(request: Request) -> Response:
        query = ListQuery.from_params(request.query_params)
        return DecimalJSONResponse(list_page(collection.all(), query, context.clock(), fields))

    return list_documents


def _by_guid(collection: Collection, raw_id: str, resource: str) -> object:
    try:
        found = collection.get(str(uuid.UUID(raw_id)))
    except ValueError:
        found = None
    if found is None:
        raise not_found(resource)
    return found
