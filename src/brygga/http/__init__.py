"""The shared HTTP core of the API clients: JSON with Decimal, rate limiting, retries, error mapping."""

from brygga.http import jsonio
from brygga.http.backoff import backoff_seconds, default_jitter, no_jitter
from brygga.http.paths import render_path
from brygga.http.transport import (
    RETRY_SAFE_METHODS,
    ApiTransport,
    ErrorMapper,
    address_error,
    network_error,
    request_path,
)

__all__ = [
    "RETRY_SAFE_METHODS",
    "ApiTransport",
    "ErrorMapper",
    "address_error",
    "backoff_seconds",
    "default_jitter",
    "jsonio",
    "network_error",
    "no_jitter",
    "render_path",
    "request_path",
]
