"""Create, read and JSON Patch, shared by products, work types and travel expense types.

The three resources differ only in their models, the properties holding money and VAT rates, and
whether their code must be unique; :class:`CatalogResource` names those differences.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .catalog_rules import checked_catalog_item, ensure_unique_code
from .common import find_or_404, new_guid, stamp_created, stamp_updated
from .endpoint import Context, Handler, json_response, read_json
from .patch import apply_patch
from .schema import Model, validate_model
from .store import Document, SeveraStore

__all__ = ["CatalogResource"]

Renderer = Callable[[SeveraStore, Document], dict[str, Any]]
# Runs under the store lock after validation, before the write: (ctx, document, guid) -> document.
BeforeWrite = Callable[[Context, Document, str], Document]


def _unchanged(ctx: Context, document: Document, guid: str) -> Document:
    return document


@dataclass(frozen=True)
class CatalogResource:
    collection: str
    what: str  # "Product": the noun in 404 messages
    input_model: Model
    render: Renderer
    money: tuple[str, ...] = ()
    rates: tuple[str, ...] = ()
    unique_code: bool = False
    before_write: BeforeWrite = _unchanged

    def handlers(self) -> tuple[Handler, Handler, Handler]:
        """``(create, get, patch)`` route handlers for this resource."""
        return self._create, self._get, self._patch

    async def _create(self, request: Request, ctx: Context) -> Response:
        body = validate_model(self.input_model, await read_json(request))
        with ctx.store.locked():
            guid = new_guid(ctx, self.collection)
            document = self._checked(ctx, {**body, "guid": guid})
            stored = ctx.store.put(self.collection, stamp_created(ctx, document))
        return json_response(self.render(ctx.store, stored), 201)

    async def _get(self, request: Request, ctx: Context) -> Response:
        found = find_or_404(ctx, self.collection, request.path_params["guid"], self.what)
        return json_response(self.render(ctx.store, found))

    async def _patch(self, request: Request, ctx: Context) -> Response:
        """Replace operations on the input model; the result is validated like a create."""
        operations = await read_json(request)
        guid = request.path_params["guid"]
        with ctx.store.locked():
            current = find_or_404(ctx, self.collection, guid, self.what)
            patched = validate_model(self.input_model, apply_patch(self.input_model, current, operations))
            document = self._checked(ctx, {**current, **patched})
            stored = ctx.store.put(self.collection, stamp_updated(ctx, document) if operations else document)
        return json_response([self.render(ctx.store, stored)])

    def _checked(self, ctx: Context, document: Document) -> Document:
        checked = checked_catalog_item(ctx, document, self.money, self.rates)
        if self.unique_code:
            ensure_unique_code(ctx, checked.get("code"), checked["guid"])
        return self.before_write(ctx, checked, checked["guid"])
