"""``/connect/authorize``, ``/connect/token`` and ``/connect/revocation`` at the server root.

Authorize shows a browser that asks for ``prompt=select_account`` a company picker (every emulated company,
one chosen and approved with a button, as Visma's page forces a choice); a program is approved at once (there
is no login page) and sent straight back with a code. The grant belongs to the company picked, or, for a
program, to the one named by the emulator's own extra parameter ``company=<number or organisation number>``
(``company=2``, ``company=556700-0024``; Visma has no such parameter), by default company 1. An unknown
company is an error page, never a silent fallback. The token endpoint takes ``application/x-www-form-urlencoded``
bodies and client credentials in HTTP Basic (or, as a fallback, ``client_id``/``client_secret`` in the form).
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

from .companies import CompanyDirectory
from .context import EmulatorContext
from .jsonio import DecimalJSONResponse
from .oauth import DEFAULT_SCOPE, OAuthError, TokenIssuer, is_loopback_uri
from .problems import ApiProblem, problem_response

__all__ = ["oauth_routes"]

_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}

Endpoint = Callable[[Request], Awaitable[Response]]


def oauth_routes(context: EmulatorContext) -> list[Route]:
    issuer = TokenIssuer(context.identity, context.faults, context.clock)
    return [
        Route(
            "/connect/authorize",
            _faulty(context, "/connect/authorize", _authorize(issuer, context)),
            methods=["GET", "POST"],
        ),
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


def _authorize(issuer: TokenIssuer, context: EmulatorContext) -> Endpoint:
    async def authorize(request: Request) -> Response:
        params = dict(request.query_params) if request.method == "GET" else await _form(request)
        problem = _authorize_problem(issuer, params)
        if problem is not None:
            return _error_page(400, problem)
        company = context.companies.find(params["company"]) if params.get("company") else context.companies.first
        if company is None:
            return _error_page(400, f"invalid_request: unknown company '{params['company']}'.")
        if request.method == "GET" and _wants_picker(request, params):
            return _company_picker(params, context.companies, company.key)
        scope = params.get("scope") or DEFAULT_SCOPE
        code = issuer.issue_code(params["client_id"], params["redirect_uri"], scope, company.key)
        answer = {"code": code, "scope": scope}
        if params.get("state") is not None:
            answer["state"] = params["state"]
        redirect_uri = params["redirect_uri"]
        separator = "&" if "?" in redirect_uri else "?"
        # 302 as Visma answers a GET; 303 after the picker's POST so that the browser follows with a GET.
        status = 302 if request.method == "GET" else 303
        return RedirectResponse(redirect_uri + separator + urlencode(answer), status_code=status)

    return authorize


def _authorize_problem(issuer: TokenIssuer, params: dict[str, str]) -> str | None:
    client_id = params.get("client_id", "")
    if not client_id or not issuer.knows_client(client_id):
        return f"unauthorized_client: unknown client '{client_id}'."
    if not is_loopback_uri(params.get("redirect_uri", "")):
        return "invalid_request: redirect_uri is not registered for this client."
    if params.get("response_type") != "code":
        return "unsupported_response_type: only response_type=code is supported."
    return None


def _wants_picker(request: Request, params: dict[str, str]) -> bool:
    """A browser asked to pick a company (``prompt=select_account``) gets the picker, as at Visma; a program
    (``brygga connect`` against the emulator, the tests) is approved at once, for the ``company`` it names."""
    prompts = params.get("prompt", "").replace("+", " ").split()
    return "select_account" in prompts and "text/html" in request.headers.get("accept", "")


_PICKER_FIELDS = ("client_id", "redirect_uri", "scope", "state", "response_type")


def _company_picker(params: dict[str, str], companies: CompanyDirectory, chosen: str) -> HTMLResponse:
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{html.escape(params[name])}">'
        for name in _PICKER_FIELDS
        if name in params
    )
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Select company - Visma (emulator)</title>'
        "<style>body{font-family:sans-serif;margin:2rem;color:#111;background:#fff}"
        "button{margin-top:1rem;padding:.5rem 1rem;background:#0a4d8c;color:#fff;border:0}"
        "button:focus,input:focus{outline:3px solid #e07b00;outline-offset:2px}</style></head>"
        '<body><main><h1>Select company</h1><form method="post" action="/connect/authorize">'
        "<fieldset><legend>Companies you can connect</legend>"
        f"{_company_choices(companies, chosen)}</fieldset>"
        f'{hidden}<button type="submit">Approve</button></form></main></body></html>'
    )
    return HTMLResponse(body, headers=_NO_STORE)


def _company_choices(companies: CompanyDirectory, chosen: str) -> str:
    choices = []
    for company in companies.all():
        checked = " checked" if company.key == chosen else ""
        org_number = f" <small>{html.escape(company.org_number)}</small>" if company.org_number else ""
        choices.append(
            f'<div><input type="radio" id="company-{company.key}" name="company" value="{company.key}"{checked} '
            f'required><label for="company-{company.key}">{html.escape(company.name)}</label>{org_number}</div>'
        )
    return "".join(choices)


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
