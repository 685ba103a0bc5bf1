"""``/v1/vatrates`` and ``/v1/organizationsettings``: the organisation's VAT rates and settings.

VAT rates have no paging and no ``changedSince``; without ``countryGuid`` the list holds the rates of
the organisation's own (registration) country, as the spec says.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .common import find_or_404
from .endpoint import Context, json_response, route
from .organization_data import organization_settings
from .problems import ApiProblem
from .query import bool_param, text_param
from .store import Document

__all__ = ["organization_routes"]

_VAT_RATE_KEYS = ("code", "countryGuid", "createdDateTime", "guid", "isActive", "isDefault", "lastUpdatedDateTime")
_SETTINGS_NULLS = (
    "defaultFooterColumn1",
    "defaultFooterColumn2",
    "defaultFooterColumn3",
    "flextimeCalculationStartDate",
    "lastFlextimeCalculationEndTime",
    "lastFlextimeCalculationUser",
    "lastInvoiceNumber",
    "lastPurchaseOrderNumber",
    "lastTravelReimbursementNumber",
    "maxFlextimeBalanceLimit",
    "minFlextimeBalanceLimit",
    "nextPurchaseOrderNumber",
    "purchaseOrderNumberPrefix",
    "travelEntryClosingDate",
    "travelExpenseReimbursementStartDate",
    "travelReimbursementInstructions",
    "worktimeEntryClosingDate",
)
_SETTINGS_FLAGS = (
    "displayProjectNumber",
    "isAddingNewKeywordsFromProjectAllowed",
    "isCustomerSearchAllowed",
    "isEnteringHourPlannedInvoiceQuantityAllowed",
    "isIdenticalPhaseCodesAllowed",
    "isWorkHourDescriptionMandatory",
    "setCreditNoteInvoiceNumber",
    "uniqueIdentifierForProductsAndWorktypes",
)


def organization_routes(ctx: Context) -> list[Route]:
    return [
        route(ctx, "GET", "/v1/vatrates", list_vat_rates),
        route(ctx, "GET", "/v1/vatrates/{guid}", get_vat_rate),
        route(ctx, "GET", "/v1/organizationsettings", get_organization_settings),
    ]


async def list_vat_rates(request: Request, ctx: Context) -> Response:
    country = text_param(request, "countryGuid")
    if country is None:
        country = _registration_country(ctx)
    elif ctx.store.get("countries", country) is None:
        raise ApiProblem.invalid_parameter(
            f"Country '{country}' was not found.", "UriParameter", "countryGuid", country
        )
    active = bool_param(request, "active")

    def wanted(doc: Document) -> bool:
        return doc.get("countryGuid") == country and (active is None or bool(doc.get("isActive")) == active)

    return json_response([_vat_rate(doc) for doc in ctx.store.all("vatrates", wanted)])


async def get_vat_rate(request: Request, ctx: Context) -> Response:
    return json_response(_vat_rate(find_or_404(ctx, "vatrates", request.path_params["guid"], "VAT rate")))


async def get_organization_settings(request: Request, ctx: Context) -> Response:
    settings = organization_settings(ctx.store)
    body: dict[str, Any] = {key: value for key, value in settings.items() if key != "guid"}
    body.update(dict.fromkeys(_SETTINGS_NULLS))
    body.update({name: bool(settings.get(name)) for name in _SETTINGS_FLAGS})
    last_customer = _highest_number(ctx, "customers")
    last_project = _highest_number(ctx, "projects")
    body["lastCustomerNumber"] = last_customer
    body["nextCustomerNumber"] = last_customer + 1
    body["lastProjectNumber"] = last_project or None
    body["nextProjectNumber"] = last_project + 1
    return json_response(body)


def _vat_rate(doc: Document) -> dict[str, Any]:
    body: dict[str, Any] = {key: doc.get(key) for key in _VAT_RATE_KEYS}
    body.update({"percentage": doc["percentage"], "createdBy": None, "lastUpdatedBy": None})
    return body


def _registration_country(ctx: Context) -> str | None:
    found = ctx.store.all("countries", lambda doc: bool(doc.get("isRegistrationCountry")))
    return found[0]["guid"] if found else None


def _highest_number(ctx: Context, collection: str) -> int:
    """The highest int ``number`` of ``collection`` (customers, projects), from its index: no scan."""
    return ctx.store.max_key(collection, "number") or 0
