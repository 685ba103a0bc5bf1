"""What every Severa resource service shares: parsing answers into models and the verbs built on it.

A service names its routes and filters; the verbs here send through the one :class:`ApiTransport`
(rate limit, retries, error mapping) and turn each answer into a model, so an answer that breaks the
spec is a :class:`~brygga.errors.ServerError` naming the model, never a bare validation error.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from brygga.errors import ServerError
from brygga.http import ApiTransport, jsonio, request_path
from brygga.severa.errors import SYSTEM
from brygga.severa.models import SeveraModel
from brygga.severa.pages import (
    TOKEN_PAGE_ROWS,
    Query,
    fetch_token_page,
    iter_offset_pages,
    iter_token_pages,
    rows_of,
)
from brygga.severa.patch import build_patch_body

__all__ = ["CrudService", "ModelT", "Page", "Service", "parse_model"]

ModelT = TypeVar("ModelT", bound=SeveraModel)


@dataclass(frozen=True)
class Page(Generic[ModelT]):
    """One page of a token-paged list; pass ``next_page_token`` to ``list`` for the next one."""

    items: list[ModelT]
    next_page_token: str | None


def parse_model(model: type[ModelT], data: Any, method: str, path: str) -> ModelT:
    """Validate one object; an answer that breaks the spec is the server's fault, not the caller's."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ServerError(
            f"Visma PM svarade med en {model.__name__} som inte följer API-beskrivningen: "
            f"{exc.error_count()} fel, första: {exc.errors()[0]['msg']}",
            system=SYSTEM,
            method=method,
            path=path,
            # A POST that got a 2xx was applied even if its answer is unreadable: reconcile, never resend.
            outcome_unknown=method == "POST",
        ) from exc


class Service:
    """The shared verbs; each resource service names its routes and filters."""

    def __init__(self, transport: ApiTransport) -> None:
        self._transport = transport

    async def _send(
        self,
        model: type[ModelT],
        method: str,
        template: str,
        *,
        path_params: Mapping[str, str] | None = None,
        json: Any = None,
    ) -> ModelT:
        response = await self._transport.request(method, template, path_params=path_params, json=json)
        body = jsonio.loads(response.content) if response.content.strip() else None
        # Most PATCH routes answer with an array of updated models (contactcommunications with one).
        if isinstance(body, list) and body:
            body = body[0]
        return parse_model(model, body, method, request_path(response.request))

    async def _get(self, model: type[ModelT], template: str, path_params: Mapping[str, str]) -> ModelT:
        return await self._send(model, "GET", template, path_params=path_params)

    async def _create(self, obj: ModelT, template: str, path_params: Mapping[str, str] | None = None) -> ModelT:
        return await self._send(type(obj), "POST", template, path_params=path_params, json=obj.to_create_body())

    async def _update(self, model: type[ModelT], template: str, guid: str, changes: Mapping[str, Any]) -> ModelT:
        body = build_patch_body(changes)
        return await self._send(model, "PATCH", template, path_params={"guid": guid}, json=body)

    async def _iter_token(
        self,
        model: type[ModelT],
        template: str,
        *,
        path_params: Mapping[str, str] | None = None,
        query: Query = (),
        row_count: int = TOKEN_PAGE_ROWS,
        object_as_row: bool = False,
    ) -> AsyncIterator[ModelT]:
        pages = iter_token_pages(
            self._transport,
            template,
            path_params=path_params,
            query=query,
            row_count=row_count,
            object_as_row=object_as_row,
        )
        async for page in pages:
            for row in page.rows:
                yield parse_model(model, row, "GET", page.path)

    async def _token_page(
        self, model: type[ModelT], template: str, *, query: Query, page_token: str | None, row_count: int
    ) -> Page[ModelT]:
        page = await fetch_token_page(
            self._transport, template, query=query, page_token=page_token, row_count=row_count
        )
        items = [parse_model(model, row, "GET", page.path) for row in page.rows]
        return Page(items=items, next_page_token=page.next_page_token)

    async def _iter_offset(
        self,
        model: type[ModelT],
        template: str,
        *,
        path_params: Mapping[str, str] | None = None,
        query: Query = (),
    ) -> AsyncIterator[ModelT]:
        pages = iter_offset_pages(self._transport, template, path_params=path_params, query=query)
        async for page in pages:
            for row in page.rows:
                yield parse_model(model, row, "GET", page.path)

    async def _all_unpaged(
        self,
        model: type[ModelT],
        template: str,
        path_params: Mapping[str, str] | None = None,
        query: Query = (),
    ) -> list[ModelT]:
        response = await self._transport.request("GET", template, path_params=path_params, params=query or None)
        path = request_path(response.request)
        return [parse_model(model, row, "GET", path) for row in rows_of(response)]


class CrudService(Service, Generic[ModelT]):
    """A resource with one model, created at ``_LIST`` and read and PATCHed at ``_ONE`` (``{guid}``)."""

    _MODEL: type[ModelT]
    _LIST: str
    _ONE: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Declared, not assigned, passes the type check: a forgotten one must fail at import, not mid-transfer.
        missing = [name for name in ("_MODEL", "_LIST", "_ONE") if not hasattr(cls, name)]
        if missing:
            raise TypeError(f"{cls.__name__} must set {', '.join(missing)}")

    async def get(self, guid: str) -> ModelT:
        return await self._get(self._MODEL, self._ONE, {"guid": guid})

    async def create(self, obj: ModelT) -> ModelT:
        return await self._create(obj, self._LIST)

    async def update(self, guid: str, changes: Mapping[str, Any]) -> ModelT:
        """PATCH the given JSON paths, e.g. ``{"name": "Acme AB", "currency/guid": "…"}``."""
        return await self._update(self._MODEL, self._ONE, guid, changes)
