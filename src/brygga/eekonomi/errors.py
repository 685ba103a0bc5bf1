"""The one map from an eEkonomi error response to brygga's exception tree.

eEkonomi answers errors with ``{ErrorCode, DeveloperErrorMessage, ErrorId, Errors[]}`` (the spec's
``CommonExtendedBadRequest``); 401/403/404 may come with an empty or non-JSON body. The message
keeps the original integration's wording, ``ErrorCode: 2000, DeveloperErrorMessage: …``, so the
transfer layer can prefix it with ``Could not add customer 1041 to Visma eAccounting.``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import simplejson

from brygga.errors import (
    ApiError,
    ApiFieldError,
    AuthError,
    RateLimitedError,
    RejectedError,
    ServerError,
)
from brygga.http import jsonio, request_path

__all__ = [
    "DEFAULT_RETRY_AFTER_SECONDS",
    "SYSTEM",
    "ErrorBody",
    "map_error",
    "parse_error_body",
    "retry_after_seconds",
]

SYSTEM = "eekonomi"
DEFAULT_RETRY_AFTER_SECONDS = 60.0

# eEk's 429 body: "API calls quota exceeded! maximum admitted 600 per Minute. Try again in 55 seconds."
_TRY_AGAIN = re.compile(r"Try again in (\d+(?:\.\d+)?) second", re.IGNORECASE)


@dataclass(frozen=True)
class ErrorBody:
    error_code: int | str | None = None
    developer_message: str | None = None
    error_id: str | None = None
    field_errors: list[ApiFieldError] = field(default_factory=list)
    text: str = ""


def _as_error_code(value: Any) -> int | str | None:
    if value is None or isinstance(value, int):
        return value
    text = str(value)
    return int(text) if text.isdigit() else text


def _field_errors(items: Any) -> list[ApiFieldError]:
    if not isinstance(items, list):
        return []
    return [
        ApiFieldError(field=item.get("Field"), code=item.get("ErrorCode"), message=item.get("Message"))
        for item in items
        if isinstance(item, dict)
    ]


def parse_error_body(content: bytes) -> ErrorBody:
    """Read the error fields when the body is eEk's JSON error object; otherwise keep only the text."""
    text = content.decode("utf-8", errors="replace")
    try:
        data = jsonio.loads(content) if content.strip() else None
    except (simplejson.JSONDecodeError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        return ErrorBody(text=text)
    error_id = data.get("ErrorId")
    return ErrorBody(
        error_code=_as_error_code(data.get("ErrorCode")),
        developer_message=data.get("DeveloperErrorMessage"),
        error_id=str(error_id) if error_id is not None else None,
        field_errors=_field_errors(data.get("Errors")),
        text=text,
    )


def _message(body: ErrorBody, response: httpx.Response) -> str:
    if body.error_code is None and body.developer_message is None:
        return f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
    return f"ErrorCode: {body.error_code}, DeveloperErrorMessage: {body.developer_message}"


def _retry_after_header(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(Decimal(value.strip())))
    except InvalidOperation:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # "-0000" in an HTTP-date means UTC without saying so
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def retry_after_seconds(response: httpx.Response, body: ErrorBody) -> float:
    """``Retry-After`` if sent, else the body's "Try again in N seconds", else 60 s."""
    from_header = _retry_after_header(response.headers.get("Retry-After"))
    if from_header is not None:
        return from_header
    match = _TRY_AGAIN.search(body.developer_message or body.text)
    if match:
        return float(match.group(1))
    return DEFAULT_RETRY_AFTER_SECONDS


def map_error(request: httpx.Request, response: httpx.Response) -> ApiError:
    """Turn a non-2xx eEkonomi response into the exception the engine acts on."""
    body = parse_error_body(response.content)
    message = _message(body, response)
    context: dict[str, Any] = {
        "system": SYSTEM,
        "method": request.method,
        "path": request_path(request),
        "status": response.status_code,
        "error_code": body.error_code,
        "error_id": body.error_id,
        "developer_message": body.developer_message,
        "field_errors": body.field_errors,
    }
    status = response.status_code
    if status == 429:
        return RateLimitedError(message, retry_after=retry_after_seconds(response, body), **context)
    if status == 401:
        return AuthError(message, **context)
    if status >= 500:
        return ServerError(message, **context)
    return RejectedError(message, **context)
