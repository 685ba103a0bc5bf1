"""The FastAPI app: ``create_app(store_factory, settings)``; ``serve`` runs it with uvicorn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from brygga.config import Settings
from brygga.errors import BryggaError
from brygga.web.orders_api import orders_router
from brygga.web.stores import StoreFactory, StoreHolder

__all__ = ["StoreFactory", "create_app"]


def create_app(store_factory: StoreFactory, settings: Settings) -> FastAPI:
    """The app for ``settings``' company; ``store_factory(settings)`` opens its store on first use."""
    stores = StoreHolder(store_factory, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(title="brygga", version="1", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.include_router(orders_router(stores))

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        """200 when the store answers, 503 with the reason when it does not."""
        try:
            await run_in_threadpool(_ping, stores)
        except (BryggaError, SQLAlchemyError) as exc:
            return JSONResponse({"status": "fel", "fel": f"Databasen svarar inte: {exc}"}, status_code=503)
        return JSONResponse({"status": "ok"})

    return app


def _ping(stores: StoreHolder) -> None:
    with stores.get().db.read() as session:
        session.execute(text("SELECT 1"))
