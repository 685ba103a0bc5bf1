"""The ASGI app: all routes, ExceptionModel for unknown paths, wrapped in the "apply then drop" middleware.

Every organisation has an app of its own over its own store (built on its first request), all sharing one
TokenIssuer; ``OrganisationDispatch`` hands each request to the app of its bearer token's organisation, and
everything else (``/v1/token``, ``/v1/refreshtoken``, a missing or unknown token) to organisation 1's.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from brygga_emulators.faults import ASGIApp, DropResponseMiddleware, Faults, Receive, Scope, Send

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

__all__ = ["OrganisationDispatch", "create_app"]


def create_app(
    store: SeveraStore,
    faults: Faults,
    clock: Clock | None = None,
    organisations: Sequence[SeveraStore] | None = None,
) -> ASGIApp:
    """The emulator as an ASGI app over ``organisations`` (default: ``store`` as the only one; else the
    first must be ``store``). ``clock`` returns an aware UTC datetime (default: real time)."""
    dispatch = OrganisationDispatch(list(organisations or [store]), faults, clock or utc_now)
    return DropResponseMiddleware(dispatch, faults)


class OrganisationDispatch:
    def __init__(self, organisations: list[SeveraStore], faults: Faults, clock: Clock) -> None:
        self._organisations = organisations
        self._faults = faults
        self._clock = clock
        self.tokens = TokenIssuer(organisations, faults, clock)
        self._apps: dict[int, Starlette] = {}
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        organisation = 1
        if scope["type"] == "http":
            organisation = self.tokens.organisation_of(_header(scope, b"authorization")) or 1
        await self._app(organisation)(scope, receive, send)

    @property
    def routes(self) -> list[BaseRoute]:
        """The routes every organisation's app serves (organisation 1's, for tests that list them)."""
        return list(self._app(1).routes)

    def _app(self, organisation: int) -> Starlette:
        with self._lock:
            app = self._apps.get(organisation)
            if app is None:
                store = self._organisations[organisation - 1]
                ctx = Context(store, self._faults, self._clock, self.tokens, organisation)
                app = self._apps[organisation] = _organisation_app(ctx)
            return app


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            text: str = value.decode("latin-1")
            return text
    return None


def _organisation_app(ctx: Context) -> Starlette:
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
    return Starlette(routes=routes, exception_handlers={HTTPException: _http_exception})


async def _http_exception(request: Request, exc: Exception) -> Response:
    """Starlette's own 404/405 answers, in Severa's error body."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    message = f"No route for {request.method} {request.url.path}."
    kind = "InvalidRequest" if status < 500 else "InternalSystemError"
    return problem_response(ApiProblem(status, kind, [Detail(message)]))
