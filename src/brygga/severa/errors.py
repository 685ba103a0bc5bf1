"""The one map from a Severa error response to brygga's exception tree.

Severa answers errors with ``ExceptionModel``::

    {"error": {"httpStatusCode": 400, "type": "InvalidParameter",
               "details": [{"message": "...", "url": "...",
                            "location": {"type": "RequestBody", "name": "name", "identifier": null}}],
               "stack": null}}

The body may also be empty (a bare 404 or a proxy's 502). The spec documents neither 401 nor
429, so both are recognised by status as well as by ``type``.
"""

from __future__ import annotations

import math
import re
from typing import Any

import httpx

from brygga.errors import (
    ApiError,
    ApiFieldError,
    AuthError,
    RateLimitedError,
    RejectedError,
    ServerError,
)
from brygga.http import jsonio
from brygga.http.transport import request_path

__all__ = [
    "DEFAULT_RETRY_AFTER_SECONDS",
    "SETTINGS_ERROR_TYPES",
    "SYSTEM",
    "PagingLoopError",
    "map_error",
]

SYSTEM = "severa"
DEFAULT_RETRY_AFTER_SECONDS = 60.0

SETTINGS_ERROR_TYPES = frozenset({"InsufficientApiScope", "PermissionDenied", "AddonMissing", "FeatureIsNotEnabled"})
"""Error types that mean the Severa organisation or API credentials lack a scope, add-on or right.

They stay :class:`RejectedError` (the object fails, the run goes on) with ``error_code`` set to the
type, so the engine can explain them as a settings problem rather than bad data.
"""

_AUTH_TYPES = frozenset({"AuthenticationRequired"})
_SERVER_TYPES = frozenset({"InternalSystemError"})
_TRY_AGAIN = re.compile(r"try again in (\d+(?:\.\d+)?) seconds?", re.IGNORECASE)


class PagingLoopError(ServerError):
    """Severa sent a page token it had already sent: following it would loop forever."""


def map_error(request: httpx.Request, response: httpx.Response) -> ApiError:
    """Turn a non-2xx Severa response into the ApiError subclass the engine acts on."""
    error = _error_object(response)
    error_type = _text(error.get("type"))
    details = _details(error)
    status = response.status_code
    common: dict[str, Any] = {
        "system": SYSTEM,
        "method": request.method,
        "path": request_path(request),
        "status": status,
        "error_code": error_type,
        "field_errors": [_field_error(detail) for detail in details],
    }
    message = _message(details, status, error_type)
    if status == 429:
        return RateLimitedError(message, retry_after=_retry_after(response, details), **common)
    if status == 401 or error_type in _AUTH_TYPES:
        return AuthError(message, **common)
    if status >= 500 or error_type in _SERVER_TYPES:
        return ServerError(message, **common)
    return RejectedError(message, **common)


def _error_object(response: httpx.Response) -> dict[str, Any]:
    """The ``error`` member of the body, or an empty dict when the body is empty or not ExceptionModel."""
    if not response.content.strip():
        return {}
    try:
        body = jsonio.loads(response.content)
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def _details(error: dict[str, Any]) -> list[dict[str, Any]]:
    raw = error.get("details")
    if not isinstance(raw, list):
        return []
    return [detail for detail in raw if isinstance(detail, dict)]


def _field_error(detail: dict[str, Any]) -> ApiFieldError:
    location = detail.get("location")
    location = location if isinstance(location, dict) else {}
    # location.type says where the offending value was (RequestBody, PathParameter, ...).
    return ApiFieldError(
        field=_text(location.get("name")),
        code=_text(location.get("type")),
        message=_text(detail.get("message")),
    )


def _message(details: list[dict[str, Any]], status: int, error_type: str | None) -> str:
    messages = [text for detail in details if (text := _text(detail.get("message")))]
    if messages:
        return "; ".join(messages)
    suffix = f" ({error_type})" if error_type else ""
    return f"Visma PM svarade HTTP {status}{suffix}"


def _retry_after(response: httpx.Response, details: list[dict[str, Any]]) -> float:
    """Seconds to wait: the Retry-After header, else "Try again in N seconds" in a detail, else 60."""
    header = response.headers.get("Retry-After", "").strip()
    try:
        seconds = float(header)
    except ValueError:
        seconds = -1.0
    if math.isfinite(seconds) and seconds >= 0:
        return seconds
    for detail in details:
        match = _TRY_AGAIN.search(_text(detail.get("message")) or "")
        if match:
            return float(match.group(1))
    return DEFAULT_RETRY_AFTER_SECONDS


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
