"""eEkonomi's paged lists: ``{Meta, Data}`` bodies, ``$page`` (1-based) and ``$pagesize`` (at most 1000)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_pascal

from brygga.eekonomi.models import UtcDatetime

__all__ = ["DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE", "Page", "PageMeta", "iter_pages", "page_params", "parse_page"]

DEFAULT_PAGE_SIZE = 1000
MAX_PAGE_SIZE = 1000

ItemT = TypeVar("ItemT", bound=BaseModel)


class PageMeta(BaseModel):
    """CommonPaginationMetadata. ``server_time_utc`` of a first page is the next incremental cursor:
    the server's clock, not ours, so clock skew cannot make a sync skip changes."""

    model_config = ConfigDict(alias_generator=to_pascal, populate_by_name=True, extra="allow")

    current_page: int
    page_size: int
    total_number_of_pages: int
    total_number_of_results: int
    server_time_utc: UtcDatetime


@dataclass(frozen=True)
class Page(Generic[ItemT]):
    meta: PageMeta
    data: list[ItemT]


def parse_page(body: Any, model: type[ItemT]) -> Page[ItemT]:
    """Validate a ``PaginatedResponseOf<T>`` body into a typed page."""
    if not isinstance(body, dict):
        raise ValueError("a paged eEkonomi answer must be a JSON object with Meta and Data")
    meta = PageMeta.model_validate(body["Meta"])
    return Page(meta=meta, data=[model.model_validate(item) for item in body.get("Data") or []])


def page_params(page: int, page_size: int, filter: str | None = None) -> dict[str, str | int]:
    """Query parameters for one page; rejects sizes eEk would refuse or silently cap."""
    if page < 1:
        raise ValueError(f"pages are 1-based, got {page}")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValueError(f"page size must be 1..{MAX_PAGE_SIZE}, got {page_size}")
    params: dict[str, str | int] = {"$page": page, "$pagesize": page_size}
    if filter:
        params["$filter"] = filter
    return params


async def iter_pages(fetch: Callable[[int], Awaitable[Page[ItemT]]]) -> AsyncIterator[Page[ItemT]]:
    """Fetch page 1, 2, … until the answer says it is the last (``CurrentPage >= TotalNumberOfPages``)."""
    page_number = 1
    while True:
        page = await fetch(page_number)
        yield page
        if page.meta.current_page >= page.meta.total_number_of_pages or not page.data:
            return
        page_number = page.meta.current_page + 1
