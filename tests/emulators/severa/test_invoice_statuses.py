"""``/v1/invoicestatuses``: the six statuses of every data set, filters, offset paging, create and read."""

from __future__ import annotations

from typing import Any

import httpx

from brygga_emulators.severa import Emulator, build_emulator

from .conftest import auth_headers, login, make_client
from .invoice_support import body

EXPECTED = {
    # name: (isDefault, isDefaultForCreditNote, isSent, isPaid)
    "Utkast": (True, False, False, False),
    "Skicka till eEkonomi": (False, False, False, False),
    "Överförd eEkonomi": (False, False, False, False),
    "Skickad": (False, False, True, False),
    "Betald": (False, False, True, True),
    "Kreditfaktura": (False, True, False, False),
}


def _flags(status: dict[str, Any]) -> tuple[bool, bool, bool, bool]:
    return (status["isDefault"], status["isDefaultForCreditNote"], status["isSent"], status["isPaid"])


async def test_demo_statuses_in_sort_order_with_their_flags(client: httpx.AsyncClient) -> None:
    statuses = body(await client.get("/v1/invoicestatuses"))
    assert [status["name"] for status in statuses] == list(EXPECTED)
    assert {status["name"]: _flags(status) for status in statuses} == EXPECTED
    assert [status["sortOrder"] for status in statuses] == [1, 2, 3, 4, 5, 6]
    assert not any(status["hasInvoiceNumber"] for status in statuses)
    assert all(status["isActive"] for status in statuses)


async def test_empty_data_set_has_the_statuses_and_nothing_else_new() -> None:
    emu = build_emulator("empty")
    async with make_client(emu) as client:
        client.headers.update(auth_headers(await login(client, "any", "any"), "any"))
        statuses = body(await client.get("/v1/invoicestatuses"))
        invoices = body(await client.get("/v1/invoices"))
        fees = body(await client.get("/v1/projectfees"))
    assert [status["name"] for status in statuses] == list(EXPECTED)
    assert invoices == [] and fees == []


async def test_offset_paging_and_text_search(client: httpx.AsyncClient) -> None:
    second_page = body(await client.get("/v1/invoicestatuses", params={"firstRow": 2, "rowCount": 2}))
    assert [status["name"] for status in second_page] == ["Överförd eEkonomi", "Skickad"]
    found = body(await client.get("/v1/invoicestatuses", params={"textToSearch": "EEKONOMI"}))
    assert [status["name"] for status in found] == ["Skicka till eEkonomi", "Överförd eEkonomi"]
    too_many = await client.get("/v1/invoicestatuses", params={"rowCount": 101})
    assert too_many.status_code == 400 and too_many.json()["error"]["type"] == "InvalidParameter"


async def test_create_goes_last_and_active_filters(client: httpx.AsyncClient) -> None:
    created = body(await client.post("/v1/invoicestatuses", json={"name": "Fel", "isActive": False}), 201)
    assert created["sortOrder"] == 7 and created["isActive"] is False and created["guid"]
    active = body(await client.get("/v1/invoicestatuses", params={"active": "true"}))
    inactive = body(await client.get("/v1/invoicestatuses", params={"active": "false"}))
    assert "Fel" not in {status["name"] for status in active}
    assert [status["name"] for status in inactive] == ["Fel"]
    assert body(await client.get(f"/v1/invoicestatuses/{created['guid']}")) == created


async def test_a_new_default_takes_the_flag_from_the_old_one(client: httpx.AsyncClient) -> None:
    body(await client.post("/v1/invoicestatuses", json={"name": "Ny standard", "isDefault": True}), 201)
    statuses = body(await client.get("/v1/invoicestatuses"))
    assert [status["name"] for status in statuses if status["isDefault"]] == ["Ny standard"]


async def test_create_validates_like_the_spec(client: httpx.AsyncClient, emu: Emulator) -> None:
    before = emu.store.count("invoicestatuses")
    missing = await client.post("/v1/invoicestatuses", json={"isSent": True})
    wrong = await client.post("/v1/invoicestatuses", json={"name": "X", "isPaid": "yes", "sortOrder": 1.5})
    assert missing.status_code == 400 and missing.json()["error"]["details"][0]["location"]["name"] == "name"
    names = {detail["location"]["name"] for detail in wrong.json()["error"]["details"]}
    assert wrong.status_code == 400 and names == {"isPaid", "sortOrder"}
    assert emu.store.count("invoicestatuses") == before


async def test_unknown_status_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/invoicestatuses/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404 and response.json()["error"]["httpStatusCode"] == 404
