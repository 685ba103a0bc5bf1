"""The ASGI app: all routes, ExceptionModel for unknown paths, wrapped in the "apply then drop" middleware."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from brygga_emulators.faults import ASGIApp, DropResponseMiddleware, Faults

from .auth import TokenIssuer
from .endpoint import Context, problem_response
from .problems import ApiProblem, Detail
from .routes_addresses import address_routes
from .routes_auth import auth_routes
from .routes_communications import communication_routes
from .routes_contacts import contact_routes
from .routes_customers import customer_routes
from .routes_invoices import invoice_routes
from .routes_invoicestatuses import invoice_status_routes
from .routes_organization import organization_routes
from .routes_pricelists import pricelist_routes
from .routes_prices import price_routes
from .routes_products import product_routes
from .routes_projectfees import project_fee_routes
from .routes_projects import project_routes
from .routes_settings import settings_routes
from .routes_travelexpensetypes import travel_expense_type_routes
from .routes_worktypes import work_type_routes
from .store import SeveraStore
from .wire import Clock, utc_now

__all__ = ["create_app"]


def create_app(store: SeveraStore, faults: Faults, clock: Clock | None = None) -> ASGIApp:
    """The emulator as an ASGI app. ``clock`` returns an aware UTC datetime (default: real time)."""
    now = clock or utc_now
    ctx = Context(store=store, faults=faults, clock=now, tokens=TokenIssuer(store, faults, now))
    routes = [
        *auth_routes(ctx),
        *customer_routes(ctx),
        *address_routes(ctx),
        *contact_routes(ctx),
        *communication_routes(ctx),
        *settings_routes(ctx),
        *organization_routes(ctx),
        *product_routes(ctx),
        *work_type_routes(ctx),
        *travel_expense_type_routes(ctx),
        *project_routes(ctx),
        *pricelist_routes(ctx),
        *price_routes(ctx),
        *invoice_status_routes(ctx),
        *invoice_routes(ctx),
        *project_fee_routes(ctx),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_exception})
    return DropResponseMiddleware(app, faults)


async def _http_exception(request: Request, exc: Exception) -> Response:
    """Starlette's own 404/405 answers, in Severa's error body."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    message = f"No route for {request.method} {request.url.path}."
    kind = "InvalidRequest" if status < 500 else "InternalSystemError"
    return problem_response(ApiProblem(status, kind, [Detail(message)]))
