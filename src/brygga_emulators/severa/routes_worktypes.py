"""``/v1/worktypes``: offset-paged list with filters, create, read, JSON Patch.

A work type carries its hour cost only; its sales price lives in the price lists.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .catalog_endpoints import CatalogResource
from .catalog_models import WORK_TYPE_INPUT
from .common import changed_since, stamp_updated
from .endpoint import Context, json_response, route
from .paging import offset_page
from .query import bool_param, datetime_param, text_param
from .render_catalog import render_work_type
from .store import Document

__all__ = ["work_type_routes"]


def _single_default(ctx: Context, document: Document, guid: str) -> Document:
    """The organisation has one default work type: a new default takes the flag from the old one."""
    if document.get("isDefault"):
        for other in ctx.store.all("worktypes", lambda doc: bool(doc.get("isDefault")) and doc["guid"] != guid):
            ctx.store.put("worktypes", stamp_updated(ctx, {**other, "isDefault": False}))
    return document


WORK_TYPES = CatalogResource(
    "worktypes",
    "Work type",
    WORK_TYPE_INPUT,
    render_work_type,
    money=("hourCost",),
    unique_code=True,
    before_write=_single_default,
)


def work_type_routes(ctx: Context) -> list[Route]:
    create, get, patch = WORK_TYPES.handlers()
    return [
        route(ctx, "GET", "/v1/worktypes", list_work_types),
        route(ctx, "POST", "/v1/worktypes", create),
        route(ctx, "GET", "/v1/worktypes/{guid}", get),
        route(ctx, "PATCH", "/v1/worktypes/{guid}", patch),
    ]


async def list_work_types(request: Request, ctx: Context) -> Response:
    work_types = offset_page(request, ctx.store.all("worktypes", _work_type_filter(request)))
    return json_response([render_work_type(ctx.store, doc) for doc in work_types])


def _work_type_filter(request: Request) -> Callable[[Document], bool]:
    active = bool_param(request, "active")
    productive = bool_param(request, "productive")
    code = text_param(request, "code")
    text = (text_param(request, "textToSearch") or "").lower()
    recent = changed_since(datetime_param(request, "changedSince"))

    def matches(doc: Document) -> bool:
        searchable = f"{doc.get('code') or ''} {doc.get('name') or ''}".lower()
        return (
            (active is None or bool(doc.get("isActive")) == active)
            and (productive is None or bool(doc.get("isProductive")) == productive)
            and (code is None or doc.get("code") == code)
            and text in searchable
            and recent(doc)
        )

    return matches
