"""Contact persons: ``/v1/contactpersons`` and per customer ``/v1/customers/{customerGuid}/contactpersons``."""

from __future__ import annotations

from collections.abc import Callable

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
from .models import CONTACT
from .paging import offset_page
from .patch import apply_patch
from .problems import ApiProblem
from .query import bool_param, datetime_param, text_param
from .render import render_contact
from .schema import validate_model
from .store import Document

__all__ = ["contact_routes"]


def contact_routes(ctx: Context) -> list[Route]:
    return [
        route(ctx, "GET", "/v1/customers/{customerGuid}/contactpersons", list_customer_contacts),
        route(ctx, "GET", "/v1/contactpersons", list_contacts),
        route(ctx, "POST", "/v1/contactpersons", create_contact),
        route(ctx, "GET", "/v1/contactpersons/{guid}", get_contact),
        route(ctx, "PATCH", "/v1/contactpersons/{guid}", patch_contact),
    ]


async def list_customer_contacts(request: Request, ctx: Context) -> Response:
    customer_guid = request.path_params["customerGuid"]
    find_or_404(ctx, "customers", customer_guid, "Customer", "customerGuid")
    wanted = _contact_filter(request, ctx)
    among = ctx.store.lookup("contacts", "customer", [customer_guid])
    contacts = ctx.store.select("contacts", wanted, key=filter_key(request), among=among)
    return json_response([render_contact(ctx.store, doc) for doc in offset_page(request, contacts)])


async def list_contacts(request: Request, ctx: Context) -> Response:
    wanted = _contact_filter(request, ctx)
    recent = changed_since(datetime_param(request, "changedSince"))
    contacts = ctx.store.select("contacts", lambda doc: wanted(doc) and recent(doc), key=filter_key(request))
    return json_response([render_contact(ctx.store, doc) for doc in offset_page(request, contacts)])


def _contact_filter(request: Request, ctx: Context) -> Callable[[Document], bool]:
    """``active`` and ``textToSearch`` (name, or a communication value such as an e-mail address)."""
    active = bool_param(request, "active")
    text = (text_param(request, "textToSearch") or "").lower()
    matching: list[set[str]] = []  # the contacts with a matching communication, found on first need

    def matching_contacts() -> set[str]:
        if not matching:
            found = ctx.store.select("communications", lambda doc: text in str(doc.get("value", "")).lower())
            matching.append({doc["contact"]["guid"] for doc in found})
        return matching[0]

    def wanted(doc: Document) -> bool:
        if active is not None and doc.get("isActive", True) != active:
            return False
        name = f"{doc.get('firstName', '')} {doc.get('lastName', '')}".lower()
        return not text or text in name or doc["guid"] in matching_contacts()

    return wanted


async def create_contact(request: Request, ctx: Context) -> Response:
    body = validate_model(CONTACT, await read_json(request))
    with ctx.store.locked():
        document = _resolved(ctx, {**body, "guid": new_guid(ctx, "contacts")})
        stored = ctx.store.put("contacts", stamp_created(ctx, document))
    return json_response(render_contact(ctx.store, stored), 201)


async def get_contact(request: Request, ctx: Context) -> Response:
    contact = find_or_404(ctx, "contacts", request.path_params["guid"], "Contact")
    return json_response(render_contact(ctx.store, contact))


async def patch_contact(request: Request, ctx: Context) -> Response:
    operations = await read_json(request)
    with ctx.store.locked():
        current = find_or_404(ctx, "contacts", request.path_params["guid"], "Contact")
        patched = validate_model(CONTACT, apply_patch(CONTACT, current, operations))
        document = _resolved(ctx, {**current, **patched})
        stored = ctx.store.put("contacts", stamp_updated(ctx, document) if operations else document)
    return json_response([render_contact(ctx.store, stored)])


def _resolved(ctx: Context, document: Document) -> Document:
    """The customer must exist; ``addressGuid``, when given, must be one of that customer's addresses."""
    customer = reference_or_400(ctx, "customers", document.get("customer"), "Customer", "customer.guid")
    document["customer"] = {"guid": customer["guid"]}
    address_guid = document.get("addressGuid")
    if address_guid:
        address = ctx.store.get("addresses", address_guid)
        if address is None or (address.get("customer") or {}).get("guid") != customer["guid"]:
            raise ApiProblem.invalid_parameter(
                "addressGuid must name an address of the contact's customer.",
                "RequestBody",
                "addressGuid",
                address_guid,
            )
    return document
