"""``/connect/authorize``, ``/connect/token`` and ``/connect/revocation`` at the server root.

Authorize approves unattended for the one emulated company (there is no login page): it redirects
straight back with a code. The token endpoint takes ``application/x-www-form-urlencoded`` bodies and
client credentials in HTTP Basic (or, as a fallback, ``client_id``/``client_secret`` in the form).
"""

from __future__ import annotations

import base64
import binascii
import html
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl, unquote_plus, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from .context import EmulatorContext
from .jsonio import DecimalJSONResponse
from .oauth import DEFAULT_SCOPE, OAuthError, TokenIssuer, is_loopback_uri
from .problems import ApiProblem, problem_response

__all__ = ["oauth_routes"]

_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}

Endpoint = Callable[[Request], Awaitable[Response]]


def oauth_routes(context: EmulatorContext) -> list[Route]:
    issuer = TokenIssuer(context.store, context.faults, context.clock)
    return [
        Route("/connect/authorize", _faulty(context, "/connect/authorize", _authorize(issuer)), methods=["GET"]),
        Route("/connect/token", _faulty(context, "/connect/token", _token(issuer)), methods=["POST"]),
        Route(
            "/connect/revocation",
            _faulty(context, "/connect/revocation", _revocation(issuer)),
            methods=["POST"],
        ),
    ]


def _faulty(context: EmulatorContext, template: str, endpoint: Endpoint) -> Endpoint:
    """Latency, counting and injected failures apply to the identity server too (no rate limit)."""

    async def guarded(request: Request) -> Response:
        await context.faults.delay()
        context.faults.record(request.method, template)
        status = context.faults.failure_status(request.method, request.url.path)
        if status is not None:
            return problem_response(ApiProblem(status, 5000, "InternalServerError - injected failure"))
        return await endpoint(request)

    return guarded


def _error_page(status: int, message: str) -> HTMLResponse:
    body = f"<!doctype html><title>Error</title><h1>Sorry, there was an error</h1><p>{html.escape(message)}</p>"
    return HTMLResponse(body, status_code=status)


def _authorize(issuer: TokenIssuer) -> Endpoint:
    async def authorize(request: Request) -> Response:
        params = request.query_params
        client_id = params.get("client_id", "")
        redirect_uri = params.get("redirect_uri", "")
        if not client_id or not issuer.knows_client(client_id):
            return _error_page(400, f"unauthorized_client: unknown client '{client_id}'.")
        if not is_loopback_uri(redirect_uri):
            return _error_page(400, "invalid_request: redirect_uri is not registered for this client.")
        if params.get("response_type") != "code":
            return _error_page(400, "unsupported_response_type: only response_type=code is supported.")
        scope = params.get("scope") or DEFAULT_SCOPE
        answer = {"code": issuer.issue_code(client_id, redirect_uri, scope), "scope": scope}
        if params.get("state") is not None:
            answer["state"] = params["state"]
        separator = "&" if "?" in redirect_uri else "?"
        return RedirectResponse(redirect_uri + separator + urlencode(answer), status_code=302)

    return authorize


async def _form(request: Request) -> dict[str, str]:
    # Parsed by hand: Starlette's form parser needs python-multipart, which the emulator can do without.
    return dict(parse_qsl((await request.body()).decode("utf-8"), keep_blank_values=True))


def _client_credentials(request: Request, form: dict[str, str]) -> tuple[str | None, str | None]:
    header = request.headers.get("authorization", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() == "basic" and encoded:
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None, None
        client_id, _, secret = decoded.partition(":")
        # RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined.
        return unquote_plus(client_id), unquote_plus(secret)
    return form.get("client_id"), form.get("client_secret")


def _oauth_error(error: OAuthError) -> DecimalJSONResponse:
    body = {"error": error.error, "error_description": error.description}
    return DecimalJSONResponse(body, status_code=error.status, headers=_NO_STORE)


def _token(issuer: TokenIssuer) -> Endpoint:
    async def token(request: Request) -> Response:
        form = await _form(request)
        try:
            client_id = issuer.authenticate_client(*_client_credentials(request, form))
            grant_type = form.get("grant_type")
            if grant_type == "authorization_code":
                answer = issuer.redeem_code(client_id, form.get("code"), form.get("redirect_uri"))
            elif grant_type == "refresh_token":
                answer = issuer.redeem_refresh_token(client_id, form.get("refresh_token"))
            else:
                raise OAuthError("unsupported_grant_type", f"grant_type '{grant_type}' is not supported.")
        except OAuthError as error:
            return _oauth_error(error)
        return DecimalJSONResponse(answer, headers=_NO_STORE)

    return token


def _revocation(issuer: TokenIssuer) -> Endpoint:
    async def revocation(request: Request) -> Response:
        form = await _form(request)
        try:
            client_id = issuer.authenticate_client(*_client_credentials(request, form))
        except OAuthError as error:
            return _oauth_error(error)
        # RFC 7009: unknown tokens are not an error; the answer is 200 either way.
        issuer.revoke(client_id, form.get("token", ""))
        return Response(status_code=200)

    return revocation
