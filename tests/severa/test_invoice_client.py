"""Invoice statuses, invoices, invoice rows and the status/number PATCH through SeveraClient (MockTransport)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from brygga.errors import RejectedError
from brygga.severa import INVOICE_PATCH_PATHS, PATCH_NOT_APPLIED, InvoiceStatus

from .fakes import assert_requests_fit_the_spec, body_of, json_response, make_client, severa_error
from .test_catalog_client import paged_by_offset, paged_by_token

STATUS_SEND = {"guid": "st-send", "name": "Skicka till eEkonomi", "isActive": True, "sortOrder": 2}
STATUS_DONE = {"guid": "st-done", "name": "Överförd eEkonomi", "isActive": True, "sortOrder": 3}
INVOICE = {
    "guid": "inv-5001",
    "number": None,
    "date": "2026-11-15",
    "status": {"guid": "st-send", "name": "Skicka till eEkonomi", "isSent": False, "isPaid": False},
    "customer": {"guid": "c-1001", "name": "Nordvik Bygg AB", "number": 1001},
    "totalIncludingTax": {"amount": Decimal("32087.50"), "currencyCode": "SEK"},
}
ROW = {
    "guid": "r1",
    "invoiceGuid": "inv-5001",
    "code": ["KONS"],
    "description": "Konsultation oktober",
    "quantity": Decimal("12"),
    "measurementUnit": "h",
    "unitPrice": {"amount": Decimal("1250.00"), "currencyCode": "SEK"},
    "vatRate": Decimal("25"),
    "rowType": "Hours",
    "sortOrder": 1,
}


class InvoiceApi:
    """A fake Severa that knows statuses and invoices and applies the PATCH paths brygga guesses."""

    def __init__(self, *, apply_patch: bool = True) -> None:
        self.apply_patch = apply_patch
        self.statuses = {status["guid"]: dict(status) for status in (STATUS_SEND, STATUS_DONE)}
        self.invoices: dict[str, dict[str, Any]] = {INVOICE["guid"]: dict(INVOICE)}  # type: ignore[dict-item]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/rest-api")
        if match := re.fullmatch(r"/v1/invoices/([^/]+)", path):
            return self._invoice(request, match.group(1))
        if re.fullmatch(r"/v1/invoices/[^/]+/invoicerows", path):
            return json_response(200, [ROW])
        if path == "/v1/invoices":
            return json_response(200, list(self.invoices.values()))
        if path == "/v1/invoicestatuses" and request.method == "POST":
            return json_response(201, {**body_of(request), "guid": "st-new"})
        if path == "/v1/invoicestatuses":
            return json_response(200, list(self.statuses.values()))
        if match := re.fullmatch(r"/v1/invoicestatuses/([^/]+)", path):
            return json_response(200, self.statuses[match.group(1)])
        return severa_error(404, "InvalidParameter", f"no route {path}")

    def _invoice(self, request: httpx.Request, guid: str) -> httpx.Response:
        invoice = self.invoices[guid]
        if request.method == "PATCH":
            if self.apply_patch:
                for operation in body_of(request):
                    self._apply(invoice, operation)
            return json_response(200, [invoice])
        return json_response(200, invoice)

    def _apply(self, invoice: dict[str, Any], operation: dict[str, Any]) -> None:
        if operation["path"] == "/status/guid":
            status = self.statuses[operation["value"]]
            invoice["status"] = {"guid": status["guid"], "name": status["name"]}
        elif operation["path"] == "/number":
            invoice["number"] = operation["value"]


async def test_every_invoice_call_uses_a_route_and_query_parameters_the_spec_declares() -> None:
    client, api = make_client(InvoiceApi())
    since = datetime(2026, 11, 1, tzinfo=UTC)
    async with client:
        statuses = [status async for status in client.invoice_statuses.iter(active=True)]
        one_status = await client.invoice_statuses.get("st-done")
        created = await client.invoice_statuses.create(InvoiceStatus(name="Fel vid överföring"))
        invoices = [
            invoice
            async for invoice in client.invoices.iter(
                status_guids=["st-send"], changed_since=since, customer_guids=["c-1001"], numbers=[4990]
            )
        ]
        invoice = await client.invoices.get("inv-5001")
        rows = await client.invoices.rows("inv-5001")
        updated = await client.invoices.set_status("inv-5001", "st-done", number=10001)

    assert_requests_fit_the_spec(api.requests)
    assert [status.name for status in statuses] == ["Skicka till eEkonomi", "Överförd eEkonomi"]
    assert one_status.sortOrder == 3
    assert created.guid == "st-new"
    assert [found.guid for found in invoices] == ["inv-5001"]
    assert invoice.totalIncludingTax is not None and invoice.totalIncludingTax.amount == Decimal("32087.50")
    assert [row.code for row in rows] == [["KONS"]]
    assert updated.number == 10001
    assert updated.status is not None and updated.status.name == "Överförd eEkonomi"


async def test_invoice_filters_repeat_their_keys_on_every_page() -> None:
    rows = [{**INVOICE, "guid": f"inv-{number}", "number": number} for number in range(5001, 5006)]
    client, api = make_client(paged_by_token(rows, page_size=2))
    since = datetime(2026, 11, 15, 8, 30, 0, 999999, tzinfo=UTC)
    async with client:
        found = [
            invoice.number
            async for invoice in client.invoices.iter(
                status_guids=iter(["st-send", "st-error"]),  # a one-shot iterator must serve every page
                changed_since=since,
                customer_guids=("c-1001", "c-1002"),
                numbers=[5001, 5002],
            )
        ]

    assert found == [5001, 5002, 5003, 5004, 5005]
    assert [request.url.params.get("pageToken") for request in api.requests] == [None, "2", "4"]
    for request in api.requests:
        assert request.url.params.get_list("invoiceStatusGuids") == ["st-send", "st-error"]
        assert request.url.params.get_list("customerGuids") == ["c-1001", "c-1002"]
        assert request.url.params.get_list("numbers") == ["5001", "5002"]
        assert request.url.params["changedSince"] == "2026-11-15T08:30:00.999Z"
        assert request.url.params["rowCount"] == "1000"


async def test_invoices_without_filters_send_only_paging() -> None:
    client, api = make_client(lambda request: json_response(200, [INVOICE]))
    async with client:
        found = [invoice async for invoice in client.invoices.iter()]

    assert len(found) == 1
    assert dict(api.requests[0].url.params) == {"rowCount": "1000"}


async def test_rows_follow_page_tokens_100_at_a_time_and_come_back_in_sort_order() -> None:
    # Severa's order is not print order: 250 rows, sortOrder descending, two without a sortOrder.
    rows = [{**ROW, "guid": f"r{index}", "sortOrder": 250 - index} for index in range(248)]
    without_order = {name: value for name, value in ROW.items() if name != "sortOrder"}
    rows[10:10] = [{**ROW, "guid": "loose-a", "sortOrder": None}, {**without_order, "guid": "loose-b"}]
    del rows[-1]["sortOrder"]
    client, api = make_client(paged_by_token(rows, page_size=100))
    async with client:
        found = await client.invoices.rows("inv-5001")

    assert [request.url.path for request in api.requests] == ["/rest-api/v1/invoices/inv-5001/invoicerows"] * 3
    assert [request.url.params.get("pageToken") for request in api.requests] == [None, "100", "200"]
    assert all(request.url.params["rowCount"] == "100" for request in api.requests)
    assert len(found) == 250
    ordered = [row.sortOrder for row in found if row.sortOrder is not None]
    assert ordered == sorted(ordered)
    assert [row.guid for row in found[-3:]] == ["loose-a", "loose-b", "r247"]


async def test_set_status_sends_one_replace_of_the_status_guid() -> None:
    client, api = make_client(InvoiceApi())
    async with client:
        invoice = await client.invoices.set_status("inv-5001", "st-done")

    request = api.requests[0]
    assert (request.method, request.url.path) == ("PATCH", "/rest-api/v1/invoices/inv-5001")
    assert request.content == b'[{"op": "Replace", "path": "/status/guid", "value": "st-done"}]'
    assert len(api.requests) == 1
    assert invoice.status is not None and invoice.status.guid == "st-done"
    assert invoice.number is None


async def test_set_status_with_a_number_replaces_the_status_then_the_number() -> None:
    client, api = make_client(InvoiceApi())
    async with client:
        invoice = await client.invoices.set_status("inv-5001", "st-done", number=10001)

    assert body_of(api.requests[0]) == [
        {"op": "Replace", "path": "/status/guid", "value": "st-done"},
        {"op": "Replace", "path": "/number", "value": 10001},
    ]
    assert b'"value": 10001}' in api.requests[0].content  # a JSON number, not the text "10001"
    assert invoice.number == 10001


def test_the_patch_paths_live_in_one_constant() -> None:
    assert (INVOICE_PATCH_PATHS.status_guid, INVOICE_PATCH_PATHS.number) == ("/status/guid", "/number")


async def test_a_patch_severa_accepts_but_does_not_apply_is_rejected_with_each_missed_path() -> None:
    client, _ = make_client(InvoiceApi(apply_patch=False))
    async with client:
        with pytest.raises(RejectedError) as caught:
            await client.invoices.set_status("inv-5001", "st-done", number=10001)

    error = caught.value
    assert error.error_code == PATCH_NOT_APPLIED
    assert [field.field for field in error.field_errors] == ["/status/guid", "/number"]
    assert (error.method, error.path) == ("PATCH", "/v1/invoices/inv-5001")
    assert "st-done" in error.message


async def test_a_number_severa_replaced_by_its_own_is_reported() -> None:
    def renumbering(request: httpx.Request) -> httpx.Response:
        return json_response(200, [{**INVOICE, "number": 77, "status": {"guid": "st-done"}}])

    client, _ = make_client(renumbering)
    async with client:
        with pytest.raises(RejectedError) as caught:
            await client.invoices.set_status("inv-5001", "st-done", number=10001)

    assert [field.field for field in caught.value.field_errors] == ["/number"]


@pytest.mark.parametrize("number", [0, -5, 2**31, True])
async def test_an_impossible_invoice_number_is_refused_before_anything_is_sent(number: int) -> None:
    client, api = make_client(InvoiceApi())
    async with client:
        with pytest.raises(ValueError, match="int32"):
            await client.invoices.set_status("inv-5001", "st-done", number=number)

    assert api.requests == []


async def test_a_refused_patch_is_a_rejected_error_with_severas_message() -> None:
    refuse = severa_error(400, "InvalidOperation", "Invoice status is read-only", field="status")
    client, api = make_client(lambda request: refuse)
    async with client:
        with pytest.raises(RejectedError, match="read-only"):
            await client.invoices.set_status("inv-5001", "st-done")

    assert len(api.requests) == 1


async def test_invoice_statuses_walk_offset_pages_of_100_with_the_active_filter() -> None:
    rows = [{**STATUS_SEND, "guid": f"st{index}", "name": f"Status {index}"} for index in range(120)]
    client, api = make_client(paged_by_offset(rows))
    async with client:
        found = [status async for status in client.invoice_statuses.iter(active=False)]

    assert len(found) == 120
    pages = [(r.url.params["firstRow"], r.url.params["rowCount"], r.url.params["active"]) for r in api.requests]
    assert pages == [("0", "100", "false"), ("100", "100", "false")]


async def test_creating_an_invoice_status_posts_it_without_a_guid() -> None:
    client, api = make_client(InvoiceApi())
    async with client:
        created = await client.invoice_statuses.create(
            InvoiceStatus(guid="local", name="Skickad", isSent=True, sortOrder=4)
        )

    request = api.requests[0]
    assert (request.method, request.url.path) == ("POST", "/rest-api/v1/invoicestatuses")
    body = body_of(request)
    assert "guid" not in body
    assert (body["name"], body["isSent"], body["isPaid"], body["sortOrder"]) == ("Skickad", True, False, 4)
    assert created.guid == "st-new" and created.isSent is True
