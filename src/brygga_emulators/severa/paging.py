"""Severa's two paging styles.

- Offset paging (``firstRow``, ``rowCount``): the spec says "Default 20, maximum 100" on these routes.
- Token paging (``pageToken``, ``rowCount``): the next token comes in the ``NextPageToken`` response
  header and is absent on the last page. Severa's help names 1000 as the maximum ``rowCount``.

The emulator's page token is an opaque string holding the offset; clients must not
build it themselves, and a token that does not decode is refused.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from starlette.requests import Request

from .problems import ApiProblem
from .query import int_param, text_param

__all__ = ["DEFAULT_ROW_COUNT", "OFFSET_MAX_ROW_COUNT", "TOKEN_MAX_ROW_COUNT", "TokenPage", "offset_page", "token_page"]

T = TypeVar("T")

DEFAULT_ROW_COUNT = 20
OFFSET_MAX_ROW_COUNT = 100
TOKEN_MAX_ROW_COUNT = 1000
_TOKEN_PREFIX = "severa-page:"  # noqa: S105 - a page cursor, not a credential


@dataclass(frozen=True)
class TokenPage(Generic[T]):
    items: list[T]
    next_token: str | None

    def headers(self) -> dict[str, str]:
        return {"NextPageToken": self.next_token} if self.next_token else {}


def offset_page(
    request: Request,
    items: Sequence[T],
    max_rows: int | None = OFFSET_MAX_ROW_COUNT,
    default_rows: int | None = DEFAULT_ROW_COUNT,
) -> list[T]:
    """``None`` for ``default_rows`` is the spec's "Default all"; for ``max_rows``, no maximum."""
    first_row = int_param(request, "firstRow") or 0
    if first_row < 0:
        raise ApiProblem.invalid_parameter("firstRow must be 0 or greater.", "UriParameter", "firstRow")
    row_count = _row_count(request, max_rows, default_rows)
    end = None if row_count is None else first_row + row_count
    return list(items[first_row:end])


def token_page(request: Request, items: Sequence[T], max_rows: int = TOKEN_MAX_ROW_COUNT) -> TokenPage[T]:
    row_count = _row_count(request, max_rows, DEFAULT_ROW_COUNT)
    assert row_count is not None  # a default was given
    token = text_param(request, "pageToken")
    start = _decode_token(token) if token else 0
    end = start + row_count
    next_token = _encode_token(end) if end < len(items) else None
    return TokenPage(list(items[start:end]), next_token)


def _row_count(request: Request, max_rows: int | None, default_rows: int | None) -> int | None:
    row_count = int_param(request, "rowCount")
    if row_count is None:
        return default_rows
    if row_count < 1 or (max_rows is not None and row_count > max_rows):
        allowed = f"between 1 and {max_rows}" if max_rows is not None else "1 or greater"
        raise ApiProblem.invalid_parameter(f"rowCount must be {allowed}.", "UriParameter", "rowCount", str(row_count))
    return row_count


def _encode_token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_TOKEN_PREFIX}{offset}".encode()).decode("ascii")


def _decode_token(token: str) -> int:
    try:
        text = base64.urlsafe_b64decode(token.encode("ascii")).decode("utf-8")
        if text.startswith(_TOKEN_PREFIX):
            offset = int(text.removeprefix(_TOKEN_PREFIX))
            if offset >= 0:
                return offset
    except (ValueError, binascii.Error, UnicodeError):
        pass
    raise ApiProblem.invalid_parameter("pageToken is not valid.", "UriParameter", "pageToken")
