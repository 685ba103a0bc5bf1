"""Helpers the resource routes share: look-ups that answer 404/400, timestamps, list filters."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime
from typing import Any

from starlette.requests import Request

from .endpoint import Context
from .ids import stable_guid
from .problems import ApiProblem, LocationType
from .store import Document
from .wire import format_datetime, parse_datetime

__all__ = [
    "changed_since",
    "filter_key",
    "find_or_404",
    "new_guid",
    "reference_or_400",
    "stamp_created",
    "stamp_updated",
]

_PAGING_PARAMETERS = frozenset({"pageToken", "rowCount", "firstRow"})


def new_guid(ctx: Context, collection: str) -> str:
    """A GUID for an object created through the API: deterministic per store state, so replaying the
    same requests against the same data set gives the same identifiers."""
    count = ctx.store.count(collection)
    guid = stable_guid(f"{collection}-created", count)
    while ctx.store.get(collection, guid) is not None:
        guid = stable_guid(f"{collection}-created", guid)
    return guid


def find_or_404(ctx: Context, collection: str, guid: str, what: str, parameter: str = "guid") -> Document:
    found = ctx.store.get(collection, guid)
    if found is None:
        raise ApiProblem.not_found(what, guid, parameter)
    return found


def reference_or_400(
    ctx: Context, collection: str, reference: Any, what: str, name: str, location: LocationType = "RequestBody"
) -> Document:
    """The document a ``{"guid": …}`` reference in a request names, or 400 InvalidParameter."""
    guid = reference.get("guid") if isinstance(reference, dict) else None
    found = ctx.store.get(collection, guid) if isinstance(guid, str) else None
    if found is None:
        raise ApiProblem.invalid_parameter(f"{what} '{guid}' was not found.", location, name, guid)
    return found


def stamp_created(ctx: Context, document: Document) -> Document:
    now = format_datetime(ctx.now())
    return {**document, "createdDateTime": now, "lastUpdatedDateTime": now}


def stamp_updated(ctx: Context, document: Document) -> Document:
    return {**document, "lastUpdatedDateTime": format_datetime(ctx.now())}


def filter_key(request: Request) -> Hashable:
    """What a list's filter depends on: the route and every query parameter but the paging ones, so each
    page of one walk finds the filtered list ``SeveraStore.select`` cached for the first."""
    items = request.query_params.multi_items()
    return (request.url.path, tuple((name, value) for name, value in items if name not in _PAGING_PARAMETERS))


def changed_since(since: datetime | None) -> Callable[[Document], bool]:
    """ "Added or changed after this date time (greater or equal)", compared as times, never as text."""

    def keep(document: Document) -> bool:
        if since is None:
            return True
        stamp = document.get("lastUpdatedDateTime") or document["createdDateTime"]
        return parse_datetime(stamp) >= since

    return keep
