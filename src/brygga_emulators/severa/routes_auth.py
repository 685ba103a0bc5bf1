"""``POST /v1/token`` and ``POST /v1/refreshtoken``: the only routes that need no bearer token."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .endpoint import Context, json_response, read_json, route
from .models import CLIENT_CREDENTIALS
from .problems import ApiProblem
from .schema import validate_model

__all__ = ["auth_routes"]


def auth_routes(ctx: Context) -> list[Route]:
    return [
        route(ctx, "POST", "/v1/token", login, authenticated=False),
        route(ctx, "POST", "/v1/refreshtoken", refresh, authenticated=False),
    ]


async def login(request: Request, ctx: Context) -> Response:
    credentials = validate_model(CLIENT_CREDENTIALS, await read_json(request))
    issued = ctx.tokens.login(credentials["client_id"], credentials["client_secret"], credentials["scope"])
    return json_response(issued)


async def refresh(request: Request, ctx: Context) -> Response:
    """The body is the refresh token as a bare JSON string, e.g. ``"abc…"``."""
    token = await read_json(request)
    if not isinstance(token, str) or not token:
        raise ApiProblem.invalid_request("The body must be the refresh token as a JSON string.")
    return json_response(ctx.tokens.refresh(token))
