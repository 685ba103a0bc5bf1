"""List queries: ``$page``/``$pagesize`` paging, ``$filter`` and ``$orderby``, and the ``{Meta, Data}`` page."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .clock import format_utc
from .odata import QueryError, parse_filter, parse_orderby, sort_documents
from .problems import ApiProblem, query_error

__all__ = ["DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE", "FilterOnly", "ListQuery", "list_page"]

# Properties a list can be filtered and sorted on although its documents do not carry them (articles'
# CodingType): name -> how to compute the value from a document.
FilterOnly = Mapping[str, Callable[[Any], Any]]

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
    filter_only: FilterOnly | None = None,
) -> dict[str, Any]:
    """Filter, sort and cut one page out of ``documents`` (already in creation order)."""
    views: Sequence[Mapping[str, Any]] = documents
    if filter_only:
        views = [_WithFilterOnly(doc, filter_only) for doc in documents]
        fields = [*fields, *filter_only]
    try:
        selected = _select(views, query, fields, datetime_fields)
    except QueryError as exc:
        raise _as_problem(exc) from exc
    total = len(selected)
    start = (query.page - 1) * query.page_size
    page = [_unwrapped(doc) for doc in selected[start : start + query.page_size]]
    return {
        "Meta": {
            "CurrentPage": query.page,
            "PageSize": query.page_size,
            "TotalNumberOfPages": math.ceil(total / query.page_size),
            "TotalNumberOfResults": total,
            "ServerTimeUtc": format_utc(now),
        },
        "Data": page,
    }


class _WithFilterOnly(Mapping[str, Any]):
    """A document seen with its filter-only properties added; answers still show the document alone."""

    def __init__(self, document: Mapping[str, Any], filter_only: FilterOnly) -> None:
        self.document = document
        self._filter_only = filter_only

    def __getitem__(self, key: str) -> Any:
        compute = self._filter_only.get(key)
        return compute(self.document) if compute is not None else self.document[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.document)

    def __len__(self) -> int:
        return len(self.document)


def _unwrapped(doc: Mapping[str, Any]) -> Mapping[str, Any]:
    return doc.document if isinstance(doc, _WithFilterOnly) else doc


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
