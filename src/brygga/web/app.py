"""The FastAPI app: ``create_app(store_factory, settings)``; ``serve`` runs it with uvicorn.

Besides the order intake, ``/healthz``, ``/readyz`` and ``/metrics`` (``health_views``) it serves the admin pages
(Dataöverföring, Felmeddelanden, Körningshistorik, Anslutningar, Orderinkorg, Checklista) behind the admin password,
with htmx and plain CSS from ``static/``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from brygga.config import Settings
from brygga.web.alert_views import alert_router
from brygga.web.audit_views import audit_router
from brygga.web.auth_views import auth_router
from brygga.web.checklist_views import checklist_router
from brygga.web.company_views import company_router
from brygga.web.company_watch import CompanyWatch
from brygga.web.connection_views import connection_router
from brygga.web.health_views import health_router
from brygga.web.history_views import history_router
from brygga.web.jobs import TransferJobs
from brygga.web.oauth_flow import PendingConnections
from brygga.web.object_views import object_router
from brygga.web.order_views import order_router
from brygga.web.orders_api import orders_router
from brygga.web.overview_views import overview_router
from brygga.web.pages import PageKit, Redirect, redirect_response
from brygga.web.reconcile_jobs import ReconcileJobs
from brygga.web.reconcile_views import reconcile_router
from brygga.web.report_views import report_router
from brygga.web.security_headers import add_security_headers
from brygga.web.stores import StoreFactory, StoreHolder
from brygga.web.transfer_views import transfer_router

__all__ = ["StoreFactory", "create_app"]


def create_app(store_factory: StoreFactory, settings: Settings) -> FastAPI:
    """The app for every company of the store ``store_factory(settings)`` opens on first use (its database)."""
    stores = StoreHolder(store_factory, settings)
    watch = CompanyWatch(settings)
    kit = PageKit(stores, settings, watch)
    jobs = TransferJobs(settings)
    reconciles = ReconcileJobs(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await jobs.wait_all()
        await reconciles.wait_all()
        stores.close()

    app = FastAPI(title="brygga", version="1", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(health_router(stores, settings))  # /healthz, /readyz, /metrics
    app.include_router(orders_router(stores))
    app.include_router(auth_router(kit))
    app.include_router(transfer_router(kit, jobs))
    app.include_router(history_router(kit))
    app.include_router(object_router(kit))
    app.include_router(connection_router(kit, PendingConnections()))
    app.include_router(order_router(kit))
    app.include_router(checklist_router(kit))
    app.include_router(company_router(kit))
    app.include_router(alert_router(kit))
    app.include_router(overview_router(kit))
    app.include_router(audit_router(kit))
    app.include_router(report_router(kit))
    app.include_router(reconcile_router(kit, reconciles))
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")
    app.middleware("http")(kit.middleware)
    app.middleware("http")(add_security_headers)

    @app.exception_handler(Redirect)
    async def follow_redirect(request: Request, exc: Redirect) -> Response:
        return redirect_response(request, exc.location)

    return app
