from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from brygga_emulators.eekonomi import build_emulator

from .support import (
    REDIRECT_URI,
    FakeClock,
    article_body,
    asgi_client,
    authorize,
    basic_auth,
    bearer,
    cost_center_item_body,
    customer_body,
    decode,
    obtain_tokens,
    send_json,
)


async def test_sqlite_keeps_customers_tokens_and_codes_across_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    db = str(tmp_path / "eek.sqlite")
    first = build_emulator("demo", db=db, clock=clock)
    async with asgi_client(first.app) as client:
        tokens = await obtain_tokens(client)
        created = await client.post("/v2/customers", json=customer_body(), headers=bearer(tokens))
        pending_code = await authorize(client)
    first.store.close()

    second = build_emulator("demo", db=db, clock=clock)
    async with asgi_client(second.app) as client:
        fetched = await client.get(f"/v2/customers/{created.json()['Id']}", headers=bearer(tokens))
        refreshed = await client.post(
            "/connect/token",
            data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
            headers=basic_auth(),
        )
        redeemed = await client.post(
            "/connect/token",
            data={"grant_type": "authorization_code", "code": pending_code, "redirect_uri": REDIRECT_URI},
            headers=basic_auth(),
        )
        settings = await client.get("/v2/companysettings", headers=bearer(tokens))
        listed = await client.get("/v2/customers", headers=bearer(tokens))
    second.store.close()

    assert fetched.status_code == 200
    assert fetched.json() == created.json()
    assert refreshed.status_code == 200
    assert redeemed.status_code == 200
    assert settings.json()["NextCustomerNumber"] == 9101  # the generated number was persisted too
    assert listed.json()["Meta"]["TotalNumberOfResults"] == 8  # not seeded a second time


async def test_deletes_are_persisted(tmp_path: Path, clock: FakeClock) -> None:
    db = str(tmp_path / "eek.sqlite")
    first = build_emulator("demo", db=db, clock=clock)
    victim = first.store.customers.all()[0]["Id"]
    async with asgi_client(first.app) as client:
        tokens = await obtain_tokens(client)
        assert (await client.delete(f"/v2/customers/{victim}", headers=bearer(tokens))).status_code == 200
    first.store.close()

    second = build_emulator("demo", db=db, clock=clock)

    assert second.store.customers.get(victim) is None
    assert len(second.store.customers) == 6


async def test_sqlite_keeps_articles_and_cost_center_items_across_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    db = str(tmp_path / "eek.sqlite")
    first = build_emulator("demo", db=db, clock=clock)
    async with asgi_client(first.app) as client:
        client.headers.update(bearer(await obtain_tokens(client)))
        article = decode(await send_json(client, "POST", "/v2/articles", article_body(NetPrice=Decimal("45.50"))))
        item = (await client.post("/v2/costcenteritems", json=cost_center_item_body())).json()
        tokens_header = client.headers["Authorization"]
    first.store.close()

    second = build_emulator("demo", db=db, clock=clock)
    async with asgi_client(second.app) as client:
        client.headers["Authorization"] = tokens_header
        fetched = decode(await client.get(f"/v2/articles/{article['Id']}"))
        centers = (await client.get("/v2/costcenters")).json()["Data"]
        articles = (await client.get("/v2/articles")).json()["Meta"]["TotalNumberOfResults"]
    second.store.close()

    assert fetched == article
    assert fetched["GrossPrice"] == Decimal("56.88")  # 56.875 rounded away from zero, and kept exact
    assert centers[1]["Items"][-1] == item
    assert articles == 8  # seven demo articles, not seeded twice, plus the new one
