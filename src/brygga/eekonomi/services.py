"""The building blocks of the eEkonomi services: a paged collection, and reading or writing one object.

Every write goes through :class:`~brygga.http.ApiTransport`, so the write protocol holds everywhere: a
POST is sent once (a lost answer raises with ``outcome_unknown`` and the caller reconciles), a PUT may
be resent because replacing twice gives the same result.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Generic, TypeVar

from brygga.eekonomi.models import WireModel
from brygga.eekonomi.pages import DEFAULT_PAGE_SIZE, Page, iter_pages, page_params, parse_page
from brygga.http import ApiTransport

__all__ = ["ListService", "ReadableListService", "get_one", "post_one", "put_one"]

ItemT = TypeVar("ItemT", bound=WireModel)


async def get_one(api: ApiTransport, template: str, path_params: dict[str, str], model: type[ItemT]) -> ItemT:
    """``GET`` one object by its id and validate it."""
    return model.model_validate(await api.request_json("GET", template, path_params=path_params))


async def post_one(
    api: ApiTransport,
    path: str,
    item: WireModel,
    model: type[ItemT],
    *,
    path_params: dict[str, str] | None = None,
) -> ItemT:
    """``POST`` a new object once, without its read-only fields; returns what the API stored.

    ``path`` may be a template such as ``/customerinvoices/{invoiceId}/payments`` filled from ``path_params``.
    """
    body = await api.request_json("POST", path, path_params=path_params, json=item.to_body())
    return model.model_validate(body)


async def put_one(
    api: ApiTransport, template: str, path_params: dict[str, str], item: WireModel, model: type[ItemT]
) -> ItemT:
    """``PUT`` replaces the whole object: pass one read with ``get`` and changed, not a fresh one."""
    body = await api.request_json("PUT", template, path_params=path_params, json=item.to_body())
    return model.model_validate(body)


class ListService(Generic[ItemT]):
    """Paged ``GET`` of one collection: ``list`` is one page, ``iter`` every item of every page."""

    path: str
    model: type[ItemT]

    def __init__(self, api: ApiTransport) -> None:
        self._api = api

    async def list(
        self, *, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE, filter: str | None = None
    ) -> Page[ItemT]:
        body = await self._api.request_json("GET", self.path, params=page_params(page, page_size, filter))
        return parse_page(body, self.model)

    async def iter(self, *, filter: str | None = None, page_size: int = DEFAULT_PAGE_SIZE) -> AsyncIterator[ItemT]:
        async def fetch(page_number: int) -> Page[ItemT]:
            return await self.list(page=page_number, page_size=page_size, filter=filter)

        async for page in iter_pages(fetch):
            for item in page.data:
                yield item


class ReadableListService(ListService[ItemT]):
    """A collection whose objects can also be read one by one at ``item_path`` (one ``{id_param}``)."""

    item_path: str
    id_param: str

    async def get(self, item_id: str) -> ItemT:
        return await get_one(self._api, self.item_path, {self.id_param: item_id}, self.model)
