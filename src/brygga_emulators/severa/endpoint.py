"""What every route does before its own work: latency, request count, 429, injected 5xx, token check.

The order matters to clients: a 429 or an injected 503 comes before authentication and before anything
is applied, as a gateway in front of the real service would answer.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from brygga_emulators.faults import Faults

from .auth import TokenIssuer
from .problems import ApiProblem, Detail, exception_model
from .store import SeveraStore
from .wire import Clock, dumps, loads

__all__ = ["Context", "Handler", "json_response", "problem_response", "read_json", "route"]


@dataclass(frozen=True)
class Context:
    """What all routes of one organisation's app share; ``tokens`` is shared by all organisations."""

    store: SeveraStore
    faults: Faults
    clock: Clock
    tokens: TokenIssuer
    organisation: int = 1

    def now(self) -> datetime:
        return self.clock()


Handler = Callable[[Request, Context], Awaitable[Response]]


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(dumps(body), status_code=status, headers=headers, media_type="application/json")


def problem_response(problem: ApiProblem) -> Response:
    return json_response(exception_model(problem), problem.status, problem.headers)


async def read_json(request: Request) -> Any:
    """The body as JSON with Decimal numbers; 400 InvalidRequest when it is empty or not JSON."""
    raw = await request.body()
    if not raw.strip():
        raise ApiProblem.invalid_request("Request body is required.")
    try:
        return loads(raw)
    except ValueError as exc:
        raise ApiProblem.invalid_request(f"Request body is not valid JSON: {exc}") from exc


def route(ctx: Context, method: str, template: str, handler: Handler, *, authenticated: bool = True) -> Route:
    """A Starlette route for the spec's path ``template`` (Starlette uses the same ``{name}`` syntax)."""

    async def endpoint(request: Request) -> Response:
        try:
            await ctx.faults.delay()
            ctx.faults.record(method, template)
            _refuse_by_fault(ctx.faults, method, template, request.url.path)
            if authenticated:
                ctx.tokens.authenticate(
                    request.headers.get("Authorization"), request.headers.get("Client_Id"), ctx.organisation
                )
            return await handler(request, ctx)
        except ApiProblem as problem:
            return problem_response(problem)

    return Route(template, endpoint, methods=[method])


def _refuse_by_fault(faults: Faults, method: str, template: str, path: str) -> None:
    wait = faults.rate_limited(template)
    if wait is not None:
        seconds = max(1, math.ceil(wait))
        message = f"Rate limit exceeded. Try again in {seconds} seconds."
        raise ApiProblem(429, "InvalidOperation", [Detail(message)], {"Retry-After": str(seconds)})
    status = faults.failure_status(method, path)
    if status is not None:
        raise ApiProblem(status, "InternalSystemError", [Detail("The service is temporarily unavailable.")])
