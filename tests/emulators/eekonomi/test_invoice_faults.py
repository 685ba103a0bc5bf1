"""Faults on the new writes: a dropped or stalled POST is still applied, a refused one is not."""

from __future__ import annotations

import httpx
import pytest

from brygga_emulators.eekonomi import Emulator, build_emulator
from brygga_emulators.eekonomi.demo_purchases import supplier_id
from brygga_emulators.server import EmulatorServer

from .support import JSON_HEADERS, PURCHASE_SCOPE, FakeClock, bearer, draft_body, json_content, obtain_tokens


async def test_a_dropped_draft_post_still_creates_the_draft(clock: FakeClock) -> None:
    emulator = build_emulator("demo", clock=clock)
    with EmulatorServer(emulator.app) as server:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=5) as client:
            client.headers.update(bearer(await obtain_tokens(client)))
            emulator.faults.drop_next("POST", "/v2/customerinvoicedrafts")

            with pytest.raises(httpx.TransportError):
                await client.post("/v2/customerinvoicedrafts", content=json_content(draft_body()), headers=JSON_HEADERS)
            found = await client.get("/v2/customerinvoicedrafts")

    assert found.json()["Meta"]["TotalNumberOfResults"] == 1


async def test_a_dropped_convert_still_books_the_invoice(clock: FakeClock) -> None:
    emulator = build_emulator("demo", clock=clock)
    with EmulatorServer(emulator.app) as server:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=5) as client:
            client.headers.update(bearer(await obtain_tokens(client)))
            draft = await client.post(
                "/v2/customerinvoicedrafts", content=json_content(draft_body()), headers=JSON_HEADERS
            )
            draft_id = draft.json()["Id"]
            emulator.faults.drop_next("POST", f"/v2/customerinvoicedrafts/{draft_id}/convert")

            with pytest.raises(httpx.TransportError):
                await client.post(f"/v2/customerinvoicedrafts/{draft_id}/convert")
            booked = await client.get("/v2/customerinvoices", params={"$filter": f"CreatedFromDraftId eq {draft_id}"})

    assert [invoice["InvoiceNumber"] for invoice in booked.json()["Data"]] == [10001]


async def test_a_stalled_draft_post_is_applied_before_the_answer(clock: FakeClock) -> None:
    emulator = build_emulator("demo", clock=clock)
    with EmulatorServer(emulator.app) as server:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=5) as client:
            client.headers.update(bearer(await obtain_tokens(client)))
            emulator.faults.stall_next("POST", "/v2/customerinvoicedrafts", seconds=0.05)

            answer = await client.post(
                "/v2/customerinvoicedrafts", content=json_content(draft_body()), headers=JSON_HEADERS
            )

    assert emulator.faults.stalled.is_set()
    assert answer.status_code == 201
    assert len(emulator.store.customer_invoice_drafts) == 1


async def test_a_failed_supplier_invoice_post_applies_nothing(api: httpx.AsyncClient, emulator: Emulator) -> None:
    api.headers.update(bearer(await obtain_tokens(api, scope=PURCHASE_SCOPE)))
    body = {
        "SupplierId": supplier_id("Kontorsgiganten AB"),
        "InvoiceNumber": "F-1",
        "TotalAmount": 100,
        "Rows": [{"AccountNumber": 6110, "DebetAmount": 100, "CreditAmount": 0}],
    }
    before = len(emulator.store.supplier_invoices)
    emulator.faults.fail_next("POST", "/v2/supplierinvoices")

    failed = await api.post("/v2/supplierinvoices", json=body)
    retried = await api.post("/v2/supplierinvoices", json=body)

    assert (failed.status_code, failed.json()["ErrorCode"]) == (503, 5000)
    assert retried.status_code == 201, retried.text
    assert len(emulator.store.supplier_invoices) == before + 1
