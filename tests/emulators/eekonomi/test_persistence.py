from __future__ import annotations

from pathlib import Path

from brygga_emulators.eekonomi import build_emulator

from .support import REDIRECT_URI, FakeClock, asgi_client, authorize, basic_auth, bearer, customer_body, obtain_tokens


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
