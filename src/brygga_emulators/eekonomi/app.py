"""The eEkonomi emulator's ASGI app: ``/connect/*`` (identity server) and ``/v2/*`` (the API).

Every company has an app of its own (built on its first request) over its own store; ``CompanyDispatch``
hands each request to the app of its bearer token's company, and everything without a known token (the
identity server, a missing or unknown token, which the gate then answers with 401) to company 1's.
"""

from __future__ import annotations

import logging
import threading

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from brygga_emulators.faults import ASGIApp, Faults, Receive, Scope, Send

from .clock import Clock, system_clock
from .companies import Company, CompanyDirectory
from .context import EmulatorContext
from .oauth import TokenIssuer
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

__all__ = ["CompanyDispatch", "create_app"]

_log = logging.getLogger(__name__)


def create_app(
    store: EekStore, faults: Faults, clock: Clock | None = None, companies: CompanyDirectory | None = None
) -> ASGIApp:
    """Build the app over already seeded stores: ``companies`` (default: ``store`` as the only company).
    ``clock`` returns aware UTC datetimes."""
    return CompanyDispatch(companies or CompanyDirectory([Company(1, store)]), faults, clock or system_clock)


class CompanyDispatch:
    """Picks the company app by the request's bearer token; the gate in ``pipeline`` then checks it fully."""

    def __init__(self, companies: CompanyDirectory, faults: Faults, clock: Clock) -> None:
        self._companies = companies
        self._faults = faults
        self._clock = clock
        self._issuer = TokenIssuer(companies.first.store, faults, clock)
        self._apps: dict[str, Starlette] = {}
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        company = self._companies.first
        if scope["type"] == "http":
            token_company = self._issuer.company_of(_bearer_token(scope))
            company = self._companies.get(token_company or "") or company
        await self._app(company)(scope, receive, send)

    @property
    def routes(self) -> list[BaseRoute]:
        """The routes every company's app serves (company 1's, for tests that list them)."""
        return list(self._app(self._companies.first).routes)

    def _app(self, company: Company) -> Starlette:
        with self._lock:
            app = self._apps.get(company.key)
            if app is None:
                context = EmulatorContext(company.store, self._faults, self._clock, self._companies, company.key)
                app = self._apps[company.key] = _company_app(context)
            return app


def _bearer_token(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            return token.strip() if scheme.lower() == "bearer" else ""
    return ""


def _company_app(context: EmulatorContext) -> Starlette:
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
