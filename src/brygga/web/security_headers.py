"""Headers that tell the browser what brygga's pages may do: only their own scripts and styles, never inside a
frame (clickjacking of the transfer buttons), no sniffing of types, and no address (with an OAuth code in it)
leaked to another site as a referrer.

``form-action`` is left open on purpose: connecting eEkonomi posts a form whose answer redirects to Visma's
identity server, and Chromium applies ``form-action`` to that redirect too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

__all__ = ["SECURITY_HEADERS", "add_security_headers"]

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


async def add_security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
