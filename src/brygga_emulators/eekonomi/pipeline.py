"""The gate every ``/v2`` request passes before its handler, in the order the real stack applies it:

latency -> request count -> rate limit (429, per endpoint template) -> injected failure (5xx)
-> bearer token (401) -> scope (403) -> handler.

Each company has its own app; ``app.CompanyDispatch`` chose it by the bearer token before this gate runs.

Limits and failures are decided before any handler runs, so a refused write is never applied.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .context import EmulatorContext
from .oauth import AccessGrant, TokenIssuer
from .problems import (
    INTERNAL_SERVER_ERROR,
    NO_ACCESS_TO_SCOPES,
    NOT_AUTHORIZED,
    TOO_MANY_REQUESTS,
    ApiProblem,
    problem_response,
)

__all__ = ["Handler", "Operation", "api_route"]

Handler = Callable[[Request], Awaitable[Response]]

# Used in the 429 text when a test forces a burst without configuring a limit.
_DEFAULT_LIMIT = 600


@dataclass(frozen=True)
class Operation:
    """One method of one endpoint: the handler and the scopes of which the token needs any one."""

    handler: Handler
    scopes: frozenset[str]

    @classmethod
    def of(cls, handler: Handler, scopes: Iterable[str]) -> Operation:
        return cls(handler, frozenset(scopes))


def api_route(context: EmulatorContext, template: str, operations: dict[str, Operation]) -> Route:
    """A Starlette route for ``template`` (Starlette's ``{param}`` syntax doubles as the bucket key)."""
    issuer = TokenIssuer(context.identity, context.faults, context.clock)

    async def endpoint(request: Request) -> Response:
        # Starlette answers HEAD on GET routes; it is a GET without a body.
        operation = operations["GET" if request.method == "HEAD" else request.method]
        try:
            await _admit(context, issuer, template, request, operation)
            return await operation.handler(request)
        except ApiProblem as problem:
            return problem_response(problem)

    return Route(template, endpoint, methods=list(operations))


async def _admit(
    context: EmulatorContext, issuer: TokenIssuer, template: str, request: Request, operation: Operation
) -> None:
    faults = context.faults
    await faults.delay()
    faults.record(request.method, template)
    wait = faults.rate_limited(template)
    if wait is not None:
        raise _rate_limited(context, wait)
    status = faults.failure_status(request.method, request.url.path)
    if status is not None:
        raise ApiProblem(status, INTERNAL_SERVER_ERROR, "InternalServerError - An unexpected error occurred.")
    grant = _authenticate(issuer, request)
    if grant.company != context.company:
        # The dispatcher routes by the token's company, so this is a bug in the emulator, never a client's.
        raise ApiProblem(500, INTERNAL_SERVER_ERROR, "InternalServerError - An unexpected error occurred.")
    if operation.scopes and not operation.scopes & grant.scopes:
        needed = ", ".join(sorted(operation.scopes))
        raise ApiProblem(403, NO_ACCESS_TO_SCOPES, f"NoAccessToScopes - Requires any of the scopes: {needed}.")


def _rate_limited(context: EmulatorContext, wait: float) -> ApiProblem:
    limit = context.faults.config.rate_limit_per_minute or _DEFAULT_LIMIT
    seconds = max(1, math.ceil(wait))
    message = f"API calls quota exceeded! maximum admitted {limit} per Minute. Try again in {seconds} seconds."
    headers = {"Retry-After": str(seconds)} if context.faults.config.send_retry_after_header else {}
    return ApiProblem(429, TOO_MANY_REQUESTS, message, headers=headers)


def _authenticate(issuer: TokenIssuer, request: Request) -> AccessGrant:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    grant = issuer.verify_access_token(token.strip()) if scheme.lower() == "bearer" and token else None
    if grant is None:
        raise ApiProblem(
            401,
            NOT_AUTHORIZED,
            "NotAuthorized - The access token is missing, invalid or expired.",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    return grant
