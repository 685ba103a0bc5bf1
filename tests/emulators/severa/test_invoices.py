"""``/v1/invoices``: filters, token paging of invoices and rows, and the (guessed) PATCH."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from brygga_emulators.severa import Emulator, invoice_guid, invoice_status_guid

from .conftest import FakeClock
from .invoice_support import (
    AFTER_THE_DEMO_INVOICES,
    TO_TRANSFER,
    all_invoices,
    body,
    get_invoice,
    invoice_rows,
    labels,
    replace,
)

TRANSFERRED = invoice_status_guid("Överförd eEkonomi")
SENT = invoice_status_guid("Skickad")
PAID = invoice_status_guid("Betald")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(AFTER_THE_DEMO_INVOICES)


async def _patch(client: httpx.AsyncClient, label: int, *operations: dict[str, Any]) -> httpx.Response:
    return await client.patch(f"/v1/invoices/{invoice_guid(label)}", json=list(operations))


# filters -------------------------------------------------------------------------------------------------
async def test_filter_by_status_guid(client: httpx.AsyncClient) -> None:
    assert labels(await all_invoices(client, invoiceStatusGuids=TO_TRANSFER)) == set(range(5001, 5013))
    both = await all_invoices(client, invoiceStatusGuids=[PAID, invoice_status_guid("Utkast")])
    assert labels(both) == {4990, 4991}
    assert await all_invoices(client, invoiceStatusGuids=SENT) == []


async def test_filter_by_customer_project_number_and_dates(client: httpx.AsyncClient) -> None:
    invoice = await get_invoice(client, 5001)
    customer, project = invoice["customer"]["guid"], invoice["projects"][0]["guid"]
    assert labels(await all_invoices(client, customerGuids=customer)) == {4990, 5001, 5007}
    assert labels(await all_invoices(client, projectGuids=project)) == {4990, 5001, 5007}
    assert labels(await all_invoices(client, numbers=[4990, 1])) == {4990}
    in_november = await all_invoices(client, startDate="2026-11-15T00:00:00Z", endDate="2026-11-17T23:59:59Z")
    assert labels(in_november) == set(range(5001, 5013))
    assert labels(await all_invoices(client, endDate="2026-10-01T00:00:00Z")) == {4990}


async def test_filters_on_unmodelled_things_match_nothing(client: httpx.AsyncClient) -> None:
    assert await all_invoices(client, salesPersonGuids="00000000-0000-0000-0000-000000000001") == []
    bad = await client.get("/v1/invoices", params={"numbers": "fyra"})
    assert bad.status_code == 400 and bad.json()["error"]["details"][0]["location"]["name"] == "numbers"


async def test_changed_since_is_greater_or_equal(client: httpx.AsyncClient) -> None:
    draft = await get_invoice(client, 4991)
    exactly = await all_invoices(client, changedSince=draft["lastUpdatedDateTime"])
    assert labels(exactly) == {4991}
    assert await all_invoices(client, changedSince="2026-11-18T08:13:00.001Z") == []


async def test_invoice_list_pages_with_next_page_token(client: httpx.AsyncClient) -> None:
    first = await client.get("/v1/invoices", params={"rowCount": 5})
    second = await client.get("/v1/invoices", params={"rowCount": 5, "pageToken": first.headers["NextPageToken"]})
    assert len(body(first)) == 5 and len(body(second)) == 5
    assert not {invoice["guid"] for invoice in body(first)} & {invoice["guid"] for invoice in body(second)}
    assert len(await all_invoices(client)) == 14


# rows ----------------------------------------------------------------------------------------------------
async def test_rows_page_with_next_page_token_in_sort_order(client: httpx.AsyncClient) -> None:
    path = f"/v1/invoices/{invoice_guid(5012)}/invoicerows"
    first = await client.get(path, params={"rowCount": 2})
    second = await client.get(path, params={"rowCount": 2, "pageToken": first.headers["NextPageToken"]})
    third = await client.get(path, params={"rowCount": 2, "pageToken": second.headers["NextPageToken"]})
    rows = [*body(first), *body(second), *body(third)]
    assert "NextPageToken" not in third.headers
    assert [row["sortOrder"] for row in rows] == [1, 2, 3, 4, 5]
    assert {row["invoiceGuid"] for row in rows} == {invoice_guid(5012)}
    too_many = await client.get(path, params={"rowCount": 101})
    assert too_many.status_code == 400


async def test_rows_filter_by_row_type(client: httpx.AsyncClient) -> None:
    hours = await invoice_rows(client, 5001, rowType="Hours")
    travel = await invoice_rows(client, 5001, rowType="TravelExpenses")
    assert [row["code"] for row in hours] == [["KONS"]]
    assert [(row["code"], row["category"]) for row in travel] == [(["MIL"], "Travels")]
    assert await invoice_rows(client, 5001, rowType="FlatRate") == []
    wrong = await client.get(f"/v1/invoices/{invoice_guid(5001)}/invoicerows", params={"rowType": "Fees"})
    assert wrong.status_code == 400 and wrong.json()["error"]["type"] == "InvalidParameter"


async def test_rows_of_an_unknown_invoice_are_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/invoices/00000000-0000-0000-0000-000000000000/invoicerows")
    assert response.status_code == 404
    assert response.json()["error"]["details"][0]["location"]["name"] == "invoiceGuid"


# PATCH ---------------------------------------------------------------------------------------------------
async def test_patch_status_answers_an_array_and_shows_the_new_flags(client: httpx.AsyncClient) -> None:
    [moved] = body(await _patch(client, 5001, replace("/status/guid", SENT)))
    assert moved["status"] == {
        "guid": SENT,
        "name": "Skickad",
        "isSent": True,
        "isPaid": False,
        "isWaitingPayment": True,
    }
    [paid] = body(await _patch(client, 5001, replace("/Status/Guid", PAID, op="replace")))
    assert (paid["status"]["name"], paid["status"]["isSent"], paid["status"]["isPaid"]) == ("Betald", True, True)
    assert (await get_invoice(client, 5001))["status"]["guid"] == PAID


async def test_patch_number_with_status_as_the_integration_writes_it_back(client: httpx.AsyncClient) -> None:
    assert (await get_invoice(client, 5002))["number"] is None
    [numbered] = body(await _patch(client, 5002, replace("/status/guid", TRANSFERRED), replace("/number", 10001)))
    assert numbered["number"] == 10001 and numbered["status"]["name"] == "Överförd eEkonomi"
    assert labels(await all_invoices(client, numbers=10001)) == {5002}
    [spelled] = body(await _patch(client, 5003, replace("/number", "10002")))
    assert spelled["number"] == 10002


async def test_patch_payment_date_and_notes(client: httpx.AsyncClient) -> None:
    [patched] = body(await _patch(client, 5009, replace("/paymentDate", "2026-12-01"), replace("/notes", "Betald")))
    assert (patched["paymentDate"], patched["notes"]) == ("2026-12-01", "Betald")


async def test_patch_moves_last_updated_so_changed_since_sees_it(client: httpx.AsyncClient, clock: FakeClock) -> None:
    clock.advance(60)
    since = clock.now.isoformat()
    assert await all_invoices(client, changedSince=since) == []
    [patched] = body(await _patch(client, 5004, replace("/status/guid", TRANSFERRED)))
    assert patched["lastUpdatedDateTime"] == "2026-11-22T09:01:00.000Z"
    assert patched["createdDateTime"] == "2026-11-15T08:04:00.000Z"  # made the morning it is dated
    assert labels(await all_invoices(client, changedSince=since)) == {5004}


@pytest.mark.parametrize(
    ("operation", "location"),
    [
        (replace("/yourReference", "Någon annan"), "[0].path"),
        (replace("/status", TRANSFERRED), "[0].path"),
        (replace("/guid", "x"), "[0].path"),
        (replace("/status/guid", "00000000-0000-0000-0000-000000000000"), "[0].value"),
        (replace("/number", 0), "[0].value"),
        (replace("/number", "tio"), "[0].value"),
        (replace("/number", 4990), "[0].value"),
        (replace("/paymentDate", "igår"), "[0].value"),
        (replace("/notes", 5), "[0].value"),
    ],
)
async def test_refused_patches_are_invalid_parameter_and_change_nothing(
    client: httpx.AsyncClient, operation: dict[str, Any], location: str
) -> None:
    before = await get_invoice(client, 5005)
    response = await _patch(client, 5005, operation)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["type"] == "InvalidParameter" and error["details"][0]["location"]["name"] == location
    assert await get_invoice(client, 5005) == before


async def test_patch_is_all_or_nothing(client: httpx.AsyncClient) -> None:
    before = await get_invoice(client, 5006)
    response = await _patch(client, 5006, replace("/status/guid", SENT), replace("/currency/guid", "x"))
    assert response.status_code == 400
    assert await get_invoice(client, 5006) == before


@pytest.mark.parametrize("op", ["Add", "remove", "test", None])
async def test_patch_ops_other_than_replace_are_invalid_request(client: httpx.AsyncClient, op: Any) -> None:
    response = await _patch(client, 5006, {"op": op, "path": "/notes", "value": "x"})
    assert response.status_code == 400 and response.json()["error"]["type"] == "InvalidRequest"


async def test_patch_of_an_inactive_status_or_unknown_invoice(client: httpx.AsyncClient, emu: Emulator) -> None:
    inactive = body(await client.post("/v1/invoicestatuses", json={"name": "Gammal", "isActive": False}), 201)
    refused = await _patch(client, 5010, replace("/status/guid", inactive["guid"]))
    assert refused.status_code == 400 and "not active" in refused.json()["error"]["details"][0]["message"]
    missing = await client.patch("/v1/invoices/00000000-0000-0000-0000-000000000000", json=[replace("/notes", "x")])
    assert missing.status_code == 404
