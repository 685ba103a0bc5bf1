"""List queries: ``$page``/``$pagesize`` paging, ``$filter`` and ``$orderby``, and the ``{Meta, Data}`` page."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .clock import format_utc
from .odata import QueryError, parse_filter, parse_orderby, sort_documents
from .problems import ApiProblem, query_error

__all__ = ["DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE", "ListQuery", "list_page"]

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True)
class ListQuery:
    """The OData options of one list request. Keys are matched case-insensitively, as .NET does."""

    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    filter_text: str | None = None
    orderby_text: str | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> ListQuery:
        lowered = {key.lower(): value for key, value in params.items()}
        return cls(
            page=_bounded_int(lowered, "$page", 1, 1, None),
            page_size=_bounded_int(lowered, "$pagesize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
            filter_text=lowered.get("$filter") or None,
            orderby_text=lowered.get("$orderby") or None,
        )


def _bounded_int(params: Mapping[str, str], name: str, default: int, low: int, high: int | None) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise query_error(f"The value '{raw}' of {name} is not a valid integer.") from None
    if value < low or (high is not None and value > high):
        allowed = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise query_error(f"{name} must be {allowed}, was {value}.")
    return value


def list_page(
    documents: Sequence[Mapping[str, Any]],
    query: ListQuery,
    now: datetime,
    fields: Collection[str],
    datetime_fields: Collection[str] = (),
) -> dict[str, Any]:
    """Filter, sort and cut one page out of ``documents`` (already in creation order)."""
    try:
        selected = _select(documents, query, fields, datetime_fields)
    except QueryError as exc:
        raise _as_problem(exc) from exc
    total = len(selected)
    start = (query.page - 1) * query.page_size
    return {
        "Meta": {
            "CurrentPage": query.page,
            "PageSize": query.page_size,
            "TotalNumberOfPages": math.ceil(total / query.page_size),
            "TotalNumberOfResults": total,
            "ServerTimeUtc": format_utc(now),
        },
        "Data": list(selected[start : start + query.page_size]),
    }


def _select(
    documents: Sequence[Mapping[str, Any]],
    query: ListQuery,
    fields: Collection[str],
    datetime_fields: Collection[str],
) -> Sequence[Mapping[str, Any]]:
    selected: Sequence[Mapping[str, Any]] = documents
    if query.filter_text is not None:
        condition = parse_filter(query.filter_text, fields, datetime_fields)
        selected = [doc for doc in documents if condition.matches(doc)]
    if query.orderby_text is not None:
        keys = parse_orderby(query.orderby_text, fields)
        selected = sort_documents(selected, keys, datetime_fields)
    return selected


def _as_problem(exc: QueryError) -> ApiProblem:
    return query_error(str(exc), code=exc.code)
