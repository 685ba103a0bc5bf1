"""``/v1/customers``: token-paged list with filters, create, read, JSON Patch."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .common import (
    changed_since,
    filter_key,
    find_or_404,
    new_guid,
    reference_or_400,
    stamp_created,
    stamp_updated,
)
from .endpoint import Context, json_response, read_json, route
from .models import CUSTOMER
from .paging import token_page
from .patch import apply_patch
from .problems import ApiProblem
from .query import bool_param, datetime_param, int_list_param, text_list_param
from .render import render_customer
from .schema import validate_model
from .store import Document

__all__ = ["customer_routes"]


def customer_routes(ctx: Context) -> list[Route]:
    return [
        route(ctx, "GET", "/v1/customers", list_customers),
        route(ctx, "POST", "/v1/customers", create_customer),
        route(ctx, "GET", "/v1/customers/{guid}", get_customer),
        route(ctx, "PATCH", "/v1/customers/{guid}", patch_customer),
    ]


async def list_customers(request: Request, ctx: Context) -> Response:
    matches = _customer_filter(request)
    found = ctx.store.select("customers", matches, key=filter_key(request), among=_indexed(request, ctx))
    page = token_page(request, found)
    return json_response([render_customer(ctx.store, doc) for doc in page.items], headers=page.headers())


def _indexed(request: Request, ctx: Context) -> list[str] | None:
    """The candidates by number or by name when the request filters on either, else None (all)."""
    numbers = int_list_param(request, "numbers")
    if numbers:
        return ctx.store.lookup("customers", "number", numbers)
    names = text_list_param(request, "customerNames")
    if names:
        return ctx.store.lookup("customers", "name", [name.lower() for name in names])
    return None


def _customer_filter(request: Request) -> Any:
    is_active = bool_param(request, "isActive")
    is_internal = bool_param(request, "isInternal")
    numbers = set(int_list_param(request, "numbers"))
    names = {name.lower() for name in text_list_param(request, "customerNames")}
    emails = {email.lower() for email in text_list_param(request, "emailAddresses")}
    owners = set(text_list_param(request, "customerOwnerGuids"))
    recent = changed_since(datetime_param(request, "changedSince"))

    def matches(doc: Document) -> bool:
        return (
            (is_active is None or doc.get("isActive") == is_active)
            and (is_internal is None or bool(doc.get("isInternal")) == is_internal)
            and (not numbers or doc.get("number") in numbers)
            and (not names or str(doc.get("name", "")).lower() in names)
            and (not emails or str(doc.get("email") or "").lower() in emails)
            and (not owners or (doc.get("owner") or {}).get("guid") in owners)
            and recent(doc)
        )

    return matches


async def create_customer(request: Request, ctx: Context) -> Response:
    body = validate_model(CUSTOMER, await read_json(request))
    with ctx.store.locked():
        guid = new_guid(ctx, "customers")
        document = _resolved(ctx, {**body, "guid": guid, "isInternal": False}, guid, None)
        if document.get("number") is None:
            document["number"] = _next_number(ctx)
        _ensure_unique_number(ctx, document["number"], guid)
        stored = ctx.store.put("customers", stamp_created(ctx, document))
    return json_response(render_customer(ctx.store, stored), 201)


async def get_customer(request: Request, ctx: Context) -> Response:
    customer = find_or_404(ctx, "customers", request.path_params["guid"], "Customer")
    return json_response(render_customer(ctx.store, customer))


async def patch_customer(request: Request, ctx: Context) -> Response:
    operations = await read_json(request)
    guid = request.path_params["guid"]
    with ctx.store.locked():
        current = find_or_404(ctx, "customers", guid, "Customer")
        patched = validate_model(CUSTOMER, apply_patch(CUSTOMER, current, operations))
        document = _resolved(ctx, {**current, **patched}, guid, current)
        if document.get("number") is None:
            document["number"] = current.get("number")
        _ensure_unique_number(ctx, document["number"], guid)
        stored = ctx.store.put("customers", stamp_updated(ctx, document) if operations else document)
    return json_response([render_customer(ctx.store, stored)])


def _resolved(ctx: Context, document: Document, customer_guid: str, current: Document | None) -> Document:
    """Check the currency and head-office references and store them as ``{"guid": …}``.

    A currency is checked only when it changes: a customer whose currency was deactivated later (1040)
    can still be patched otherwise, as in Severa.
    """
    unchanged = current is not None and _guid_of(document.get("currency")) == _guid_of(current.get("currency"))
    if unchanged:
        document["currency"] = current.get("currency") if current else None
    elif document.get("currency"):
        currency = _currency(ctx, document["currency"])
        document["currency"] = {"guid": currency["guid"]}
    hq = document.get("headquarterAddress")
    if hq and hq.get("guid"):
        address = reference_or_400(ctx, "addresses", hq, "Address", "headquarterAddress.guid")
        if (address.get("customer") or {}).get("guid") != customer_guid:
            raise ApiProblem.invalid_parameter(
                "The head-office address must be one of the customer's own addresses.",
                "RequestBody",
                "headquarterAddress.guid",
                hq["guid"],
            )
        document["headquarterAddress"] = {"guid": address["guid"]}
    else:
        document["headquarterAddress"] = None
    return document


def _guid_of(reference: Any) -> Any:
    return reference.get("guid") if isinstance(reference, dict) else None


def _currency(ctx: Context, reference: dict[str, Any]) -> Document:
    """By guid, else by code; it must exist and be active (NOK without the add-on is not)."""
    code = reference.get("code")
    if not reference.get("guid") and code:
        by_code = ctx.store.all("currencies", lambda doc: doc.get("code") == code)
        reference = {"guid": by_code[0]["guid"]} if by_code else {"guid": code}
    currency = reference_or_400(ctx, "currencies", reference, "Currency", "currency.guid")
    if not currency.get("isActive"):
        raise ApiProblem.invalid_parameter(
            f"Currency {currency.get('code')} is not active.", "RequestBody", "currency.guid", currency["guid"]
        )
    return currency


def _next_number(ctx: Context) -> int:
    return (ctx.store.max_key("customers", "number") or 0) + 1


def _ensure_unique_number(ctx: Context, number: int, own_guid: str) -> None:
    if any(guid != own_guid for guid in ctx.store.lookup("customers", "number", [number])):
        raise ApiProblem.invalid_parameter(
            f"Customer number {number} is already in use.", "RequestBody", "number", str(number)
        )
