"""The order intake's API keys from the Orderinkorg page: created with a button and shown once, listed by id only,
and revoked so that the order system using it is refused from then on."""

from __future__ import annotations

import re

import httpx
import simplejson

from brygga.orders.api_keys import list_api_keys
from brygga.store import Store
from tests.orders.builders import order_document
from tests.web.conftest import page_token

_NEW_KEY = re.compile(r'id="new-key-value" type="text" readonly value="(brygga_[A-Za-z0-9_.-]+)"')


async def _send_order(client: httpx.AsyncClient, key: str, number: str) -> int:
    body = simplejson.dumps(order_document(number), use_decimal=True).encode()
    headers = {"Content-Type": "application/json", "X-API-Key": key}
    return (await client.post("/api/orders", content=body, headers=headers)).status_code


async def test_a_key_made_on_the_page_is_shown_once_works_and_can_be_revoked(
    admin: httpx.AsyncClient, store: Store
) -> None:
    created = await admin.post("/orders/api-keys", data={"csrf_token": await page_token(admin, "/orders")})
    assert created.status_code == 200 and created.headers["cache-control"] == "no-store"
    found = _NEW_KEY.search(created.text)
    assert found is not None and "visas bara den här gången" in created.text
    key = found.group(1)
    assert await _send_order(admin, key, "GKS-501") == 200

    [info] = list_api_keys(store)
    later = (await admin.get("/orders")).text
    assert key not in later and info.key_id in later  # listed by its id, never shown again

    token = await page_token(admin, "/orders")
    revoked = await admin.post(f"/orders/api-keys/{info.key_id}/revoke", data={"csrf_token": token})
    assert revoked.status_code == 303 and list_api_keys(store) == []
    assert await _send_order(admin, key, "GKS-502") == 401


async def test_revoking_an_unknown_key_is_a_404_and_forms_need_the_csrf_token(admin: httpx.AsyncClient) -> None:
    token = await page_token(admin, "/orders")
    assert (await admin.post("/orders/api-keys/finnsinte/revoke", data={"csrf_token": token})).status_code == 404
    assert (await admin.post("/orders/api-keys", data={})).status_code == 403
