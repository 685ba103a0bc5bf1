"""Typed query parameters. A malformed value is 400 InvalidParameter naming the parameter, never ignored."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from starlette.requests import Request

from .problems import ApiProblem
from .wire import parse_datetime

__all__ = [
    "bool_param",
    "datetime_param",
    "decimal_param",
    "int_list_param",
    "int_param",
    "text_list_param",
    "text_param",
]


def _bad(name: str, value: str, expected: str) -> ApiProblem:
    return ApiProblem.invalid_parameter(f"The value '{value}' is not a valid {expected}.", "UriParameter", name)


def text_param(request: Request, name: str) -> str | None:
    value = request.query_params.get(name)
    return value if value else None


def text_list_param(request: Request, name: str) -> list[str]:
    """Array filters are ``style: form, explode: true``: the key repeats (``a=1&a=2``)."""
    return [value for value in request.query_params.getlist(name) if value != ""]


def bool_param(request: Request, name: str) -> bool | None:
    value = text_param(request, name)
    if value is None:
        return None
    lowered = value.lower()
    if lowered not in ("true", "false"):
        raise _bad(name, value, "boolean")
    return lowered == "true"


def int_param(request: Request, name: str) -> int | None:
    value = text_param(request, name)
    if value is None:
        return None
    return _parse_int(name, value)


def int_list_param(request: Request, name: str) -> list[int]:
    return [_parse_int(name, value) for value in text_list_param(request, name)]


def datetime_param(request: Request, name: str) -> datetime | None:
    value = text_param(request, name)
    if value is None:
        return None
    try:
        return parse_datetime(value)
    except ValueError:
        raise _bad(name, value, "date-time") from None


def decimal_param(request: Request, name: str) -> Decimal | None:
    value = text_param(request, name)
    if value is None:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise _bad(name, value, "number") from None
    if not number.is_finite():
        raise _bad(name, value, "number")
    return number


def _parse_int(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise _bad(name, value, "integer") from None
