"""List queries: ``$page``/``$pagesize`` paging, ``$filter`` and ``$orderby``, and the ``{Meta, Data}`` page.

Given a store ``Collection`` (rather than a list of documents), a page costs what it holds, not what the
collection holds: a ``Field eq 'text'`` filter reads the collection's index (see ``odata_plan``), and the
filtered, sorted list is kept until the next write, so the pages of one walk filter and sort once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .clock import format_utc
from .odata import Filter, QueryError, parse_filter, parse_orderby, sort_documents
from .odata_plan import equality_terms
from .problems import ApiProblem, query_error
from .store import Collection as StoreCollection

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
    documents: Sequence[Mapping[str, Any]] | StoreCollection,
    query: ListQuery,
    now: datetime,
    fields: Collection[str],
    datetime_fields: Collection[str] = (),
    filter_only: FilterOnly | None = None,
) -> dict[str, Any]:
    """Filter, sort and cut one page out of ``documents`` (already in creation order)."""
    try:
        if isinstance(documents, StoreCollection):
            selected = _select_from(documents, query, fields, datetime_fields, filter_only)
        else:
            selected = _select_views(documents, query, fields, datetime_fields, filter_only)
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


def _select_from(
    collection: StoreCollection,
    query: ListQuery,
    fields: Collection[str],
    datetime_fields: Collection[str],
    filter_only: FilterOnly | None,
) -> Sequence[Mapping[str, Any]]:
    if query.filter_text is None and query.orderby_text is None:
        return collection.all()
    key = ("list", query.filter_text, query.orderby_text, tuple(fields), tuple(datetime_fields), *(filter_only or ()))

    def compute() -> Sequence[Mapping[str, Any]]:
        condition = _parsed(query, fields, datetime_fields, filter_only)
        terms = equality_terms(condition, filter_only or ()) if condition is not None else None
        if terms is not None and all(collection.holds_only_text(field) for field, _ in terms):
            documents = collection.find_any(terms)
        else:
            documents = collection.all()
        return _select_views(documents, query, fields, datetime_fields, filter_only, condition)

    return collection.memo(key, compute)


def _parsed(
    query: ListQuery, fields: Collection[str], datetime_fields: Collection[str], filter_only: FilterOnly | None
) -> Filter | None:
    if query.filter_text is None:
        return None
    return parse_filter(query.filter_text, [*fields, *(filter_only or ())], datetime_fields)


def _select_views(
    documents: Sequence[Mapping[str, Any]],
    query: ListQuery,
    fields: Collection[str],
    datetime_fields: Collection[str],
    filter_only: FilterOnly | None,
    condition: Filter | None = None,
) -> Sequence[Mapping[str, Any]]:
    views: Sequence[Mapping[str, Any]] = documents
    if filter_only:
        views = [_WithFilterOnly(doc, filter_only) for doc in documents]
        fields = [*fields, *filter_only]
    return _select(views, query, fields, datetime_fields, condition)


def _select(
    documents: Sequence[Mapping[str, Any]],
    query: ListQuery,
    fields: Collection[str],
    datetime_fields: Collection[str],
    condition: Filter | None = None,
) -> Sequence[Mapping[str, Any]]:
    selected: Sequence[Mapping[str, Any]] = documents
    if query.filter_text is not None:
        condition = condition or parse_filter(query.filter_text, fields, datetime_fields)
        selected = [doc for doc in documents if condition.matches(doc)]
    if query.orderby_text is not None:
        keys = parse_orderby(query.orderby_text, fields)
        selected = sort_documents(selected, keys, datetime_fields)
    return selected


def _as_problem(exc: QueryError) -> ApiProblem:
    return query_error(str(exc), code=exc.code)
