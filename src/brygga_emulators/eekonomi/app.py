"""The eEkonomi emulator's ASGI app: ``/connect/*`` (identity server) and ``/v2/*`` (the API)."""

from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from brygga_emulators.faults import Faults

from .clock import Clock, system_clock
from .context import EmulatorContext
from .problems import INTERNAL_SERVER_ERROR, ApiProblem, not_found, problem_response
from .routes_articles import article_routes
from .routes_cost_centers import cost_center_routes
from .routes_customer_invoices import customer_invoice_routes
from .routes_customers import customer_routes
from .routes_invoice_drafts import invoice_draft_routes
from .routes_oauth import oauth_routes
from .routes_purchases import purchase_routes
from .routes_reference import reference_routes
from .store import EekStore

__all__ = ["create_app"]

_log = logging.getLogger(__name__)


def create_app(store: EekStore, faults: Faults, clock: Clock | None = None) -> Starlette:
    """Build the app over an already seeded store. ``clock`` returns aware UTC datetimes."""
    context = EmulatorContext(store, faults, clock or system_clock)
    routes = [
        *oauth_routes(context),
        *customer_routes(context),
        *reference_routes(context),
        *article_routes(context),
        *cost_center_routes(context),
        *invoice_draft_routes(context),
        *customer_invoice_routes(context),
        *purchase_routes(context),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={404: _unknown_path, 405: _method_not_allowed, Exception: _crash},
    )


async def _unknown_path(request: Request, exc: Exception) -> Response:
    return problem_response(not_found("Resource"))


async def _method_not_allowed(request: Request, exc: Exception) -> Response:
    # ASP.NET answers a verb the route lacks with a bare 405 and no body.
    return Response(status_code=405)


async def _crash(request: Request, exc: Exception) -> Response:
    # A bug in the emulator must still look like the API's 500, so clients exercise that path.
    _log.exception("eEkonomi emulator crashed on %s %s", request.method, request.url.path)
    return problem_response(
        ApiProblem(500, INTERNAL_SERVER_ERROR, "InternalServerError - An unexpected error occurred.")
    )
