"""``POST /api/orders``: the order system sends one order or a list, with its API key in ``X-API-Key``.

Answers (all JSON, messages in Swedish):
- 401 without a valid key;
- the orders go to the company the key belongs to, and only there: nothing in the request can name another;
- 400 when the body is not UTF-8 JSON, 413 when it is larger than ``MAX_BODY_BYTES``;
- 422 when any order breaks the order schema: every refused order with its index and reasons, and
  nothing is stored, so the sender can fix the list and send all of it again;
- 200 with one result per order, in the order sent: ``stored``, ``unchanged``, ``replaced`` or
  ``conflict`` (already transferred and now changed: the message says what to do).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from brygga.orders.api_keys import company_of_key
from brygga.orders.documents import BrokenInput, CheckedDocuments, check_documents, decode_json, read_text
from brygga.orders.models import Order
from brygga.orders.validation import render_path
from brygga.store import Store
from brygga.store.orders import OrderStore
from brygga.web.stores import StoreHolder

__all__ = ["API_KEY_HEADER", "MAX_BODY_BYTES", "orders_router"]

API_KEY_HEADER = "X-API-Key"
MAX_BODY_BYTES = 10 * 1024 * 1024
UNAUTHORIZED = (
    "API-nyckel saknas eller är fel. Skicka brygga:s API-nyckel för orderintaget i rubriken X-API-Key; "
    "en administratör skapar nycklar i brygga."
)


class BodyTooLarge(ValueError):
    pass


def orders_router(stores: StoreHolder) -> APIRouter:
    router = APIRouter()

    @router.post("/api/orders")
    async def receive_orders(request: Request) -> JSONResponse:
        store = await run_in_threadpool(_store_of_key, stores, request.headers.get(API_KEY_HEADER))
        if store is None:
            return _error(401, UNAUTHORIZED)
        try:
            body = await _read_body(request)
            checked = check_documents(decode_json(read_text(body, "Begäran"), "Begäran"))
        except BodyTooLarge:
            return _error(413, f"Begäran är större än {MAX_BODY_BYTES // (1024 * 1024)} MB; dela upp orderlistan.")
        except BrokenInput as exc:
            return _error(400, exc.reason)
        if checked.problems:
            return JSONResponse(_refusals(checked), status_code=422)
        results = await run_in_threadpool(_receive_all, store, checked.orders)
        return JSONResponse({"results": results})

    return router


def _store_of_key(stores: StoreHolder, key: str | None) -> Store | None:
    company = company_of_key(stores.for_company, {c.id for c in stores.companies()}, key)
    return None if company is None else stores.for_company(company)


async def _read_body(request: Request) -> bytes:
    """The body, refused as soon as it passes the limit (a Content-Length may be missing or wrong)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise BodyTooLarge
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY_BYTES:
            raise BodyTooLarge
    return bytes(body)


def _refusals(checked: CheckedDocuments) -> dict[str, Any]:
    refused = [
        {
            "index": problem.index,
            "order_number": problem.order_number,
            "errors": [{"field": render_path(v.path), "reason": v.reason} for v in problem.violations],
        }
        for problem in checked.problems
    ]
    message = f"{len(refused)} av {len(refused) + len(checked.orders)} order följer inte orderformatet; inget sparades."
    return {"error": message, "orders": refused}


def _receive_all(store: Store, orders: list[tuple[int, Order]]) -> list[dict[str, Any]]:
    inbox = OrderStore(store.db, store.tenant)
    results = []
    for index, order in orders:
        received = inbox.receive(order)
        result: dict[str, Any] = {"index": index, "order_number": received.order_number, "status": received.status}
        if received.message:
            result["message"] = received.message
        results.append(result)
    return results


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)
