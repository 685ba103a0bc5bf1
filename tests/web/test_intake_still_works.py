"""The order intake and /healthz keep working beside the pages: no session, no CSRF, only the API key."""

from __future__ import annotations

import httpx
import simplejson

from brygga.orders.api_keys import create_api_key
from brygga.store import Store
from brygga.store.orders import OrderStore
from tests.orders.builders import order_document


async def test_order_intake_needs_its_api_key_not_a_session(client: httpx.AsyncClient, store: Store) -> None:
    key = create_api_key(store)
    body = simplejson.dumps(order_document("GKS-77"), use_decimal=True).encode()
    refused = await client.post("/api/orders", content=body, headers={"Content-Type": "application/json"})
    assert refused.status_code == 401
    response = await client.post(
        "/api/orders", content=body, headers={"Content-Type": "application/json", "X-API-Key": key}
    )
    assert response.status_code == 200
    assert response.json()["results"] == [{"index": 0, "order_number": "GKS-77", "status": "stored"}]
    assert OrderStore(store.db, store.tenant).get("GKS-77") is not None
    assert "set-cookie" not in response.headers


async def test_healthz_answers_without_login(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


async def test_static_files_are_served_without_login(client: httpx.AsyncClient) -> None:
    css = await client.get("/static/app.css")
    htmx = await client.get("/static/htmx.min.js")
    assert css.status_code == 200 and "--bad-border" in css.text
    assert htmx.status_code == 200 and "htmx" in htmx.text[:200]
