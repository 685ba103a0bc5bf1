"""The HTTP intake, in process over ``httpx.ASGITransport``: the API key (401), schema errors (422 with
per-order Swedish reasons, nothing stored), broken bodies (400, 413) and the per-order results (200)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal

import httpx
import pytest
import simplejson
from sqlalchemy import text

from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.orders.api_keys import create_api_key, verify
from brygga.store import Store
from brygga.store.orders import OrderStore
from brygga.web import create_app
from brygga.web.orders_api import MAX_BODY_BYTES
from tests.orders.builders import changed, order_document


@pytest.fixture
async def client(store: Store, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(lambda _settings: store, settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://brygga.test") as client:
        yield client


@pytest.fixture
def key(store: Store) -> str:
    return create_api_key(store)


async def post(client: httpx.AsyncClient, body: object, key: str | None) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if key is not None:
        headers["X-API-Key"] = key
    content = body if isinstance(body, bytes) else simplejson.dumps(body, use_decimal=True).encode()
    return await client.post("/api/orders", content=content, headers=headers)


def test_api_key_is_random_shown_once_and_only_its_hash_is_stored(store: Store) -> None:
    first, second = create_api_key(store), create_api_key(store)
    assert first != second and len(first) > 40
    assert verify(store, first) and verify(store, second)
    assert not verify(store, first[:-1] + ("A" if first[-1] != "A" else "B"))
    assert not verify(store, None) and not verify(store, "") and not verify(store, "brygga__")
    with store.db.read() as session:
        stored = [row[0] for row in session.execute(text("SELECT key_hash FROM api_key"))]
    assert len(stored) == 2 and first not in stored and second not in stored


def test_api_key_of_another_company_is_refused(store: Store) -> None:
    other = Store.for_tenant(store.db, "annat-bolag")
    assert not verify(store, create_api_key(other))


async def test_post_without_or_with_a_wrong_key_is_401_in_swedish(client: httpx.AsyncClient, key: str) -> None:
    for sent in (None, "brygga_0000_fel", key + "x"):
        response = await post(client, order_document(), sent)
        assert response.status_code == 401
        assert response.json()["error"].startswith("API-nyckel saknas eller är fel.")


async def test_post_one_order_stores_it_with_exact_decimals(
    client: httpx.AsyncClient, key: str, inbox: OrderStore
) -> None:
    body = changed(order_document(), ("rows", 0, "unit_price"), Decimal("0.1"))
    response = await post(client, body, key)
    assert response.status_code == 200
    assert response.json() == {"results": [{"index": 0, "order_number": "GKS-1", "status": "stored"}]}
    stored = inbox.get("GKS-1")
    assert stored is not None and stored.order.rows[0].unit_price == Decimal("0.1")


async def test_post_again_is_unchanged_and_after_transfer_a_change_is_a_conflict(
    client: httpx.AsyncClient, key: str, inbox: OrderStore
) -> None:
    await post(client, [order_document("A"), order_document("B")], key)
    inbox.mark_transferred("B", "draft-B")
    response = await post(client, [order_document("A"), order_document("B", released=False)], key)
    assert response.status_code == 200
    first, second = response.json()["results"]
    assert first == {"index": 0, "order_number": "A", "status": "unchanged"}
    assert (second["order_number"], second["status"]) == ("B", "conflict")
    assert "redan överförd till Visma eEkonomi som fakturautkast draft-B" in second["message"]


async def test_post_with_new_content_before_transfer_replaces(
    client: httpx.AsyncClient, key: str, inbox: OrderStore
) -> None:
    await post(client, order_document(), key)
    response = await post(client, order_document(payment_terms_days=10), key)
    assert response.json()["results"][0]["status"] == "replaced"
    stored = inbox.get("GKS-1")
    assert stored is not None and stored.order.payment_terms_days == 10


async def test_post_with_an_invalid_order_is_422_per_order_and_stores_nothing(
    client: httpx.AsyncClient, key: str, inbox: OrderStore
) -> None:
    invalid = changed(order_document("B"), ("rows", 0, "vat_rate"), None)
    del invalid["customer"]["number"]
    response = await post(client, [order_document("A"), invalid], key)
    assert response.status_code == 422
    assert response.json() == {
        "error": "1 av 2 order följer inte orderformatet; inget sparades.",
        "orders": [
            {
                "index": 1,
                "order_number": "B",
                "errors": [
                    {"field": "customer.number", "reason": "saknas men krävs"},
                    {
                        "field": "rows[0].vat_rate",
                        "reason": "måste vara ett tal som inte är negativt, som JSON-tal eller som text med "
                        "decimalpunkt (t.ex. 1234.50), inte null",
                    },
                ],
            }
        ],
    }
    assert inbox.all() == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"{not json", "Begäran är inte giltig JSON: "),
        (b"", "Begäran är tom."),
        (b"[]", "Begäran innehåller en tom lista"),
        (b"\xff\xfe{}", "Begäran är inte UTF-8-kodad"),
        (b"42", "Begäran måste innehålla en order"),
    ],
)
async def test_post_with_an_unreadable_body_is_400(
    client: httpx.AsyncClient, key: str, body: bytes, expected: str
) -> None:
    response = await post(client, body, key)
    assert response.status_code == 400
    assert response.json()["error"].startswith(expected)


async def test_post_larger_than_the_limit_is_413(client: httpx.AsyncClient, key: str) -> None:
    response = await post(client, b" " * (MAX_BODY_BYTES + 1), key)
    assert response.status_code == 413


async def test_healthz_answers_without_a_key(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readyz_is_503_when_the_store_cannot_be_opened(settings: Settings) -> None:
    def broken(_settings: Settings) -> Store:
        raise ConfigError("databasen kan inte öppnas")

    app = create_app(broken, settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://brygga.test") as client:
        response = await client.get("/readyz")
        alive = await client.get("/healthz")  # alive all the same: /healthz never touches the database
    assert response.status_code == 503
    assert response.json()["not_ready"] == ["database"]
    assert "Databasen svarar inte" in response.json()["fel"]
    assert alive.status_code == 200
