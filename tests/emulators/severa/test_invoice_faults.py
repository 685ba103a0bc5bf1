"""Faults on the new writes: a dropped invoice PATCH, a stalled fee POST, an injected 503 on either."""

from __future__ import annotations

import httpx
import pytest

from brygga_emulators.server import EmulatorServer
from brygga_emulators.severa import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Emulator, build_emulator, invoice_guid

from .conftest import auth_headers, login, make_client
from .invoice_support import body, replace


async def _fee_body(client: httpx.AsyncClient) -> dict[str, object]:
    [project] = body(await client.get("/v1/projects", params={"numbers": 2003}))
    return {"project": {"guid": project["guid"]}, "name": "Hyrbil", "quantity": 1}


def test_a_dropped_patch_loses_the_answer_but_keeps_the_new_number() -> None:
    emu = build_emulator("demo")
    path = f"/v1/invoices/{invoice_guid(5001)}"
    with EmulatorServer(emu.app) as server, httpx.Client(base_url=server.base_url, timeout=5) as client:
        tokens = client.post("/v1/token", json={"client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET})
        client.headers.update({"Authorization": f"Bearer {tokens.json()['access_token']}", "Client_Id": DEMO_CLIENT_ID})
        emu.faults.drop_next("PATCH", "/v1/invoices/")
        with pytest.raises(httpx.TransportError):
            client.patch(path, json=[replace("/number", 10001)])
        after = client.get(path)
    assert after.json()["number"] == 10001


async def test_a_stalled_fee_post_is_applied_before_its_answer(client: httpx.AsyncClient, emu: Emulator) -> None:
    emu.faults.stall_next("POST", "/v1/projectfees", seconds=0.01)
    response = await client.post("/v1/projectfees", json=await _fee_body(client))
    assert response.status_code == 201
    assert emu.faults.stalled.is_set() and emu.store.count("projectfees") == 1


async def test_injected_503_applies_nothing(client: httpx.AsyncClient, emu: Emulator) -> None:
    emu.faults.fail_next("POST", "/v1/projectfees")
    emu.faults.fail_next("PATCH", "/v1/invoices/")
    failed_fee = await client.post("/v1/projectfees", json=await _fee_body(client))
    failed_patch = await client.patch(f"/v1/invoices/{invoice_guid(5002)}", json=[replace("/number", 10002)])
    assert failed_fee.status_code == 503 and failed_patch.status_code == 503
    assert emu.store.count("projectfees") == 0
    assert body(await client.get(f"/v1/invoices/{invoice_guid(5002)}"))["number"] is None


async def test_persisted_invoices_and_fees_survive_a_rebuild(tmp_path_factory: pytest.TempPathFactory) -> None:
    db = str(tmp_path_factory.mktemp("severa") / "pm.sqlite")
    first = build_emulator("demo", db=db)
    async with make_client(first) as client:
        client.headers.update(auth_headers(await login(client)))
        body(await client.patch(f"/v1/invoices/{invoice_guid(5003)}", json=[replace("/number", 10003)]))
        body(await client.post("/v1/projectfees", json=await _fee_body(client)), 201)
    first.store.close()
    second = build_emulator("demo", db=db)
    assert (second.store.get("invoices", invoice_guid(5003)) or {})["number"] == 10003
    assert second.store.count("projectfees") == 1 and second.store.count("invoices") == 14
