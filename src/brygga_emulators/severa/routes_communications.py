"""Contact communications (e-mail addresses, phone numbers …) and ``/v1/communicationtypes``."""

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
from .models import CONTACT_COMMUNICATION
from .paging import offset_page
from .patch import apply_patch
from .query import bool_param, datetime_param, text_param
from .render import render_communication
from .schema import validate_model
from .store import Document

__all__ = ["communication_routes"]


def communication_routes(ctx: Context) -> list[Route]:
    return [
        route(ctx, "GET", "/v1/contacts/{contactGuid}/contactcommunications", list_contact_communications),
        route(ctx, "GET", "/v1/contactcommunications", list_communications),
        route(ctx, "POST", "/v1/contactcommunications", create_communication),
        route(ctx, "GET", "/v1/contactcommunications/{guid}", get_communication),
        route(ctx, "PATCH", "/v1/contactcommunications/{guid}", patch_communication),
        route(ctx, "GET", "/v1/communicationtypes", list_communication_types),
        route(ctx, "GET", "/v1/communicationtypes/{guid}", get_communication_type),
    ]


async def list_contact_communications(request: Request, ctx: Context) -> Response:
    """Not paged in the spec: every communication of the contact."""
    contact_guid = request.path_params["contactGuid"]
    find_or_404(ctx, "contacts", contact_guid, "Contact", "contactGuid")
    active = _active_filter(request, ctx)
    among = ctx.store.lookup("communications", "contact", [contact_guid])
    found = ctx.store.select("communications", active, among=among)
    return json_response([render_communication(ctx.store, doc) for doc in found])


async def list_communications(request: Request, ctx: Context) -> Response:
    active = _active_filter(request, ctx)
    recent = changed_since(datetime_param(request, "changedSince"))
    text = (text_param(request, "textToSearch") or "").lower()
    found = ctx.store.select(
        "communications",
        lambda doc: active(doc) and recent(doc) and text in str(doc.get("value", "")).lower(),
        key=filter_key(request),
    )
    return json_response([render_communication(ctx.store, doc) for doc in offset_page(request, found)])


def _active_filter(request: Request, ctx: Context) -> Callable[[Document], bool]:
    """A communication is active when its communication type is (the model has no flag of its own)."""
    active = bool_param(request, "active")
    active_types = {doc["guid"] for doc in ctx.store.all("communicationtypes") if doc.get("isActive", True)}
    return lambda doc: active is None or (doc["communicationType"]["guid"] in active_types) == active


async def create_communication(request: Request, ctx: Context) -> Response:
    body = validate_model(CONTACT_COMMUNICATION, await read_json(request))
    with ctx.store.locked():
        document = _resolved(ctx, {**body, "guid": new_guid(ctx, "communications")})
        stored = ctx.store.put("communications", stamp_created(ctx, document))
    return json_response(render_communication(ctx.store, stored), 201)


async def get_communication(request: Request, ctx: Context) -> Response:
    communication = find_or_404(ctx, "communications", request.path_params["guid"], "Contact communication")
    return json_response(render_communication(ctx.store, communication))


async def patch_communication(request: Request, ctx: Context) -> Response:
    """The spec answers this PATCH with one model, not an array as the other PATCH routes do."""
    operations = await read_json(request)
    with ctx.store.locked():
        current = find_or_404(ctx, "communications", request.path_params["guid"], "Contact communication")
        patched = validate_model(CONTACT_COMMUNICATION, apply_patch(CONTACT_COMMUNICATION, current, operations))
        document = _resolved(ctx, {**current, **patched})
        stored = ctx.store.put("communications", stamp_updated(ctx, document) if operations else document)
    return json_response(render_communication(ctx.store, stored))


def _resolved(ctx: Context, document: Document) -> Document:
    contact = reference_or_400(ctx, "contacts", document.get("contact"), "Contact", "contact.guid")
    kind = reference_or_400(
        ctx, "communicationtypes", document.get("communicationType"), "Communication type", "communicationType.guid"
    )
    document["contact"] = {"guid": contact["guid"]}
    document["communicationType"] = {"guid": kind["guid"]}
    return document


async def list_communication_types(request: Request, ctx: Context) -> Response:
    active = bool_param(request, "active")
    text = (text_param(request, "textToSearch") or "").lower()
    found = ctx.store.all(
        "communicationtypes",
        lambda doc: (active is None or doc.get("isActive") == active) and text in str(doc.get("name", "")).lower(),
    )
    return json_response(offset_page(request, found))


async def get_communication_type(request: Request, ctx: Context) -> Response:
    return json_response(find_or_404(ctx, "communicationtypes", request.path_params["guid"], "Communication type"))
