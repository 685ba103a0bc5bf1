"""Addresses: per customer (``/v1/customers/{customerGuid}/addresses``) and all (``/v1/addresses``)."""

from __future__ import annotations

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
from .models import ADDRESS
from .paging import offset_page
from .patch import apply_patch
from .query import datetime_param
from .render import render_address
from .schema import validate_model
from .store import Document

__all__ = ["address_routes"]


def address_routes(ctx: Context) -> list[Route]:
    return [
        route(ctx, "GET", "/v1/customers/{customerGuid}/addresses", list_customer_addresses),
        route(ctx, "POST", "/v1/customers/{customerGuid}/addresses", create_address),
        route(ctx, "GET", "/v1/addresses", list_addresses),
        route(ctx, "GET", "/v1/addresses/{guid}", get_address),
        route(ctx, "PATCH", "/v1/addresses/{guid}", patch_address),
    ]


async def list_customer_addresses(request: Request, ctx: Context) -> Response:
    customer_guid = request.path_params["customerGuid"]
    find_or_404(ctx, "customers", customer_guid, "Customer", "customerGuid")
    addresses = ctx.store.select("addresses", among=ctx.store.lookup("addresses", "customer", [customer_guid]))
    return json_response([render_address(ctx.store, doc) for doc in offset_page(request, addresses)])


async def list_addresses(request: Request, ctx: Context) -> Response:
    recent = changed_since(datetime_param(request, "changedSince"))
    addresses = ctx.store.select("addresses", recent, key=filter_key(request))
    return json_response([render_address(ctx.store, doc) for doc in offset_page(request, addresses)])


async def create_address(request: Request, ctx: Context) -> Response:
    customer_guid = request.path_params["customerGuid"]
    body = validate_model(ADDRESS, await read_json(request))
    with ctx.store.locked():
        find_or_404(ctx, "customers", customer_guid, "Customer", "customerGuid")
        # The path names the customer; a customer in the body is ignored, as the route is per customer.
        document = _resolved(ctx, {**body, "guid": new_guid(ctx, "addresses"), "customer": {"guid": customer_guid}})
        stored = ctx.store.put("addresses", stamp_created(ctx, document))
    return json_response(render_address(ctx.store, stored), 201)


async def get_address(request: Request, ctx: Context) -> Response:
    address = find_or_404(ctx, "addresses", request.path_params["guid"], "Address")
    return json_response(render_address(ctx.store, address))


async def patch_address(request: Request, ctx: Context) -> Response:
    operations = await read_json(request)
    with ctx.store.locked():
        current = find_or_404(ctx, "addresses", request.path_params["guid"], "Address")
        patched = validate_model(ADDRESS, apply_patch(ADDRESS, current, operations))
        document = _resolved(ctx, {**current, **patched})
        stored = ctx.store.put("addresses", stamp_updated(ctx, document) if operations else document)
    return json_response([render_address(ctx.store, stored)])


def _resolved(ctx: Context, document: Document) -> Document:
    """References kept as ``{"guid": …}``; ``contacts`` is derived from the contacts' addressGuid."""
    document.pop("contacts", None)
    if document.get("country"):
        country = reference_or_400(ctx, "countries", document["country"], "Country", "country.guid")
        document["country"] = {"guid": country["guid"]}
    customer = reference_or_400(ctx, "customers", document.get("customer"), "Customer", "customer.guid")
    document["customer"] = {"guid": customer["guid"]}
    return document
