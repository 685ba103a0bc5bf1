"""Orderinkorg: upload an order file (JSON or CSV) as ``brygga orders import`` reads one, and list the orders."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from brygga.orders.api_keys import create_api_key, list_api_keys, revoke_api_key
from brygga.orders.commands import ImportReport, orders_import_command
from brygga.store import Store
from brygga.store.orders import OrderStore, StoredOrder
from brygga.web.i18n import translator
from brygga.web.order_lines import draft_link, order_lines
from brygga.web.orders_api import MAX_BODY_BYTES
from brygga.web.pages import PageKit, lang_of, redirect_response

__all__ = ["order_router"]


def order_router(kit: PageKit) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_admin), Depends(kit.require_csrf)])

    async def page(request: Request, status_code: int = 200, **context: object) -> Response:
        store = await kit.store(request)
        orders = order_lines(await run_in_threadpool(_orders, store), lang_of(request))
        keys = await run_in_threadpool(list_api_keys, store)
        base: dict[str, object] = {
            "orders": orders,
            "eekonomi_link": await run_in_threadpool(_eekonomi_link, store),
            "report": None,
            "problem": None,
            "api_keys": keys,
            "new_key": None,
        }
        return kit.render(request, "orders.html", status_code=status_code, **{**base, **context})

    @router.get("/orders")
    async def show(request: Request) -> Response:
        return await page(request)

    @router.post("/orders/upload")
    async def upload(request: Request) -> Response:
        t = translator(lang_of(request))
        file = (await request.form()).get("file")
        if not isinstance(file, UploadFile) or not file.filename:
            return await page(request, 422, problem=t("orders.no_file"))
        content = await file.read(MAX_BODY_BYTES + 1)
        if len(content) > MAX_BODY_BYTES:
            return await page(request, 413, problem=f"Filen är större än {MAX_BODY_BYTES // (1024 * 1024)} MB.")
        report = await run_in_threadpool(_import, await kit.store(request), file.filename, content)
        return await page(request, 200 if report.ok else 422, report=report)

    @router.post("/orders/api-keys")
    async def new_api_key(request: Request) -> Response:
        key = await run_in_threadpool(create_api_key, await kit.store(request))
        # Shown in this answer only; it is stored as a hash and can never be shown again.
        response = await page(request, new_key=key)
        response.headers["Cache-Control"] = "no-store"
        return response

    @router.post("/orders/api-keys/{key_id}/revoke")
    async def revoke(request: Request, key_id: str) -> Response:
        if not await run_in_threadpool(revoke_api_key, await kit.store(request), key_id):
            raise HTTPException(status_code=404, detail="Ingen sådan API-nyckel.")
        return redirect_response(request, "/orders")

    return router


def _import(store: Store, filename: str, content: bytes) -> ImportReport:
    """The same import as the CLI's, from a temporary copy named like the upload (its suffix picks the format)."""
    name = PurePath(filename.replace("\\", "/")).name or "order.json"
    with tempfile.TemporaryDirectory(prefix="brygga-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        return orders_import_command(store, path)


def _orders(store: Store) -> list[StoredOrder]:
    return sorted(OrderStore(store.db, store.tenant).all(), key=lambda o: o.received_at, reverse=True)


def _eekonomi_link(store: Store) -> str | None:
    connection = store.connections.get("eekonomi")
    return draft_link(connection.api_url if connection else None)
