"""Severa's two paging styles, each walked until the API says there is nothing more.

* Token paging (``/v1/customers``, ``/v1/products``, ``/v1/projects`` ...): send ``pageToken`` and
  ``rowCount`` (at most 100 where the spec says so, else 1000); the next token comes back in the
  ``NextPageToken`` *response header* and the last page has none. A token seen before means the
  server is looping, which is raised rather than followed or silently cut short (that would lose
  rows without anyone noticing).
* Offset paging (``/v1/addresses``, ``/v1/contactpersons``, ``/v1/currencies`` ...): send
  ``firstRow`` (0-based) and ``rowCount``; a page shorter than ``rowCount`` is the last one.

Filters are passed in as query pairs (see :mod:`brygga.severa.query`) and sent unchanged on every
page.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from brygga.errors import ServerError
from brygga.http import ApiTransport, jsonio, request_path
from brygga.severa.errors import SYSTEM, PagingLoopError

__all__ = [
    "LIMITED_TOKEN_PAGE_ROWS",
    "NEXT_PAGE_TOKEN_HEADER",
    "OFFSET_PAGE_ROWS",
    "TOKEN_PAGE_ROWS",
    "RawPage",
    "fetch_offset_page",
    "fetch_token_page",
    "iter_offset_pages",
    "iter_token_pages",
    "rows_of",
]

NEXT_PAGE_TOKEN_HEADER = "NextPageToken"  # noqa: S105 (a header name, not a secret)
TOKEN_PAGE_ROWS = 1000
"""For token routes whose ``rowCount`` has no documented maximum; Severa's help names 1000."""
OFFSET_PAGE_ROWS = 100
"""The spec's "Default 20, maximum 100" on offset routes."""
LIMITED_TOKEN_PAGE_ROWS = 100
"""For token routes whose spec says "maximum 100" (``/v1/projects``, ``…/workhourprices``)."""

Query = Sequence[tuple[str, str]]


@dataclass(frozen=True)
class RawPage:
    """One page of rows as Severa sent them.

    ``path`` is the concrete path it came from (as errors report it); ``next_page_token`` is set
    on token routes when there is another page.
    """

    rows: list[Any]
    path: str
    next_page_token: str | None = None


def rows_of(response: httpx.Response, *, object_as_row: bool = False) -> list[Any]:
    """The JSON array a list route answers with (an empty body counts as no rows).

    ``object_as_row`` accepts a lone object as a one-row page, for the routes whose spec declares a
    single model as the answer of a paged list (``…/workhourprices``); anything else that is not an
    array is a server error.
    """
    if not response.content.strip():
        return []
    body = jsonio.loads(response.content)
    if object_as_row and isinstance(body, dict):
        return [body]
    if not isinstance(body, list):
        raise ServerError(
            f"Visma PM svarade inte med en lista utan med {type(body).__name__}",
            system=SYSTEM,
            method=response.request.method,
            path=request_path(response.request),
            status=response.status_code,
        )
    return body


async def fetch_token_page(
    transport: ApiTransport,
    template: str,
    *,
    path_params: Mapping[str, str] | None = None,
    query: Query = (),
    page_token: str | None = None,
    row_count: int = TOKEN_PAGE_ROWS,
    object_as_row: bool = False,
) -> RawPage:
    """Fetch one token page; the first page is the one without ``page_token``."""
    params = [*query, ("rowCount", str(row_count))]
    if page_token is not None:
        params.append(("pageToken", page_token))
    response = await transport.request("GET", template, path_params=path_params, params=params)
    next_token = response.headers.get(NEXT_PAGE_TOKEN_HEADER) or None
    rows = rows_of(response, object_as_row=object_as_row)
    return RawPage(rows=rows, path=request_path(response.request), next_page_token=next_token)


async def iter_token_pages(
    transport: ApiTransport,
    template: str,
    *,
    path_params: Mapping[str, str] | None = None,
    query: Query = (),
    row_count: int = TOKEN_PAGE_ROWS,
    object_as_row: bool = False,
) -> AsyncIterator[RawPage]:
    """Yield every page, following ``NextPageToken`` until it is absent."""
    seen: set[str] = set()
    token: str | None = None
    while True:
        page = await fetch_token_page(
            transport,
            template,
            path_params=path_params,
            query=query,
            page_token=token,
            row_count=row_count,
            object_as_row=object_as_row,
        )
        yield page
        token = page.next_page_token
        if token is None:
            return
        if token in seen:
            raise _loop_error(page.path, "skickade samma sidtoken två gånger")
        seen.add(token)


async def fetch_offset_page(
    transport: ApiTransport,
    template: str,
    *,
    path_params: Mapping[str, str] | None = None,
    query: Query = (),
    first_row: int = 0,
    row_count: int = OFFSET_PAGE_ROWS,
) -> RawPage:
    """Fetch the ``row_count`` rows starting at ``first_row`` (0-based)."""
    params = [*query, ("firstRow", str(first_row)), ("rowCount", str(row_count))]
    response = await transport.request("GET", template, path_params=path_params, params=params)
    return RawPage(rows=rows_of(response), path=request_path(response.request))


async def iter_offset_pages(
    transport: ApiTransport,
    template: str,
    *,
    path_params: Mapping[str, str] | None = None,
    query: Query = (),
    row_count: int = OFFSET_PAGE_ROWS,
) -> AsyncIterator[RawPage]:
    """Yield every non-empty page, moving ``firstRow`` on until a page comes back short."""
    first_row = 0
    previous: list[Any] | None = None
    while True:
        page = await fetch_offset_page(
            transport,
            template,
            path_params=path_params,
            query=query,
            first_row=first_row,
            row_count=row_count,
        )
        rows = page.rows
        if rows == previous:
            # A server that ignores firstRow returns the same full page forever.
            raise _loop_error(page.path, "skickade samma sida igen trots ny firstRow")
        if rows:
            yield page
        if len(rows) < row_count:
            return
        previous = rows
        first_row += len(rows)


def _loop_error(path: str, what: str) -> PagingLoopError:
    return PagingLoopError(
        f"Visma PM {what}; listningen avbröts för att inte loopa", system=SYSTEM, method="GET", path=path
    )
