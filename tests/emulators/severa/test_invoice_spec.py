"""Invoice statuses, invoices, invoice rows and project fees against the official spec's schemas."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from brygga_emulators.severa import build_emulator, invoice_guid
from brygga_emulators.severa.fee_models import PROJECT_FEE_INPUT, PROJECT_FEE_OUTPUT
from brygga_emulators.severa.invoice_models import INVOICE_OUTPUT, INVOICE_ROW_OUTPUT, INVOICE_STATUS
from brygga_emulators.severa.schema import Model

from .conftest import auth_headers, login, make_client
from .invoice_support import TO_TRANSFER, all_invoices, body, replace
from .spec_check import SpecChecker
from .test_validation import _assert_model_matches


async def test_every_demo_invoice_and_row_matches_its_model(client: httpx.AsyncClient, checker: SpecChecker) -> None:
    invoices = await all_invoices(client)
    assert len(invoices) == 14
    for invoice in invoices:
        checker.assert_matches("InvoiceOutputModel", invoice)
        for row in body(await client.get(f"/v1/invoices/{invoice['guid']}/invoicerows")):
            checker.assert_matches("InvoiceRowOutputModel", row)
    checker.assert_matches("InvoiceOutputModel", body(await client.get(f"/v1/invoices/{invoice_guid(5007)}")))


async def test_bulk_invoices_match_their_model(checker: SpecChecker) -> None:
    emu = build_emulator("bulk:3")
    async with make_client(emu) as client:
        client.headers.update(auth_headers(await login(client)))
        for invoice in await all_invoices(client):
            checker.assert_matches("InvoiceOutputModel", invoice)


async def test_patched_invoice_is_an_array_of_the_model(client: httpx.AsyncClient, checker: SpecChecker) -> None:
    patched = body(
        await client.patch(
            f"/v1/invoices/{invoice_guid(5001)}", json=[replace("/number", 10001), replace("/paymentDate", None)]
        )
    )
    assert isinstance(patched, list) and len(patched) == 1
    checker.assert_matches("InvoiceOutputModel", patched[0])
    refused = await client.patch(f"/v1/invoices/{invoice_guid(5001)}", json=[replace("/date", "2026-01-01")])
    checker.assert_matches("ExceptionModel", refused.json())


async def test_statuses_created_and_read_match(client: httpx.AsyncClient, checker: SpecChecker) -> None:
    for status in body(await client.get("/v1/invoicestatuses")):
        checker.assert_matches("InvoiceStatusModel", status)
    created = body(await client.post("/v1/invoicestatuses", json={"name": "Fel vid överföring"}), 201)
    checker.assert_matches("InvoiceStatusModel", created)
    checker.assert_matches("InvoiceStatusModel", body(await client.get(f"/v1/invoicestatuses/{TO_TRANSFER}")))
    checker.assert_matches("ExceptionModel", (await client.post("/v1/invoicestatuses", json={})).json())


async def test_project_fees_created_and_read_match(client: httpx.AsyncClient, checker: SpecChecker) -> None:
    [project] = body(await client.get("/v1/projects", params={"numbers": 2003}))
    [product] = body(await client.get("/v1/products", params={"code": "P-100"}))
    fee = {"project": {"guid": project["guid"]}, "product": {"guid": product["guid"]}, "quantity": 1}
    created = body(await client.post("/v1/projectfees", json=fee), 201)
    assert isinstance(created, list) and len(created) == 1
    checker.assert_matches("ProjectFeeOutputModel", created[0])
    checker.assert_matches("ProjectFeeOutputModel", body(await client.get(f"/v1/projectfees/{created[0]['guid']}")))
    for listed in (
        body(await client.get("/v1/projectfees")),
        body(await client.get(f"/v1/projects/{project['guid']}/projectfees")),
    ):
        assert len(listed) == 1
        checker.assert_matches("ProjectFeeOutputModel", listed[0])
    checker.assert_matches("ExceptionModel", (await client.post("/v1/projectfees", json={})).json())


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/invoicestatuses"),
        ("POST", "/v1/invoicestatuses"),
        ("GET", "/v1/invoicestatuses/{guid}"),
        ("GET", "/v1/invoices"),
        ("GET", "/v1/invoices/{guid}"),
        ("PATCH", "/v1/invoices/{guid}"),
        ("GET", "/v1/invoices/{invoiceGuid}/invoicerows"),
        ("GET", "/v1/projectfees"),
        ("POST", "/v1/projectfees"),
        ("GET", "/v1/projectfees/{guid}"),
        ("GET", "/v1/projects/{projectGuid}/projectfees"),
    ],
)
def test_emulated_operations_exist_in_the_spec(severa_spec: dict[str, Any], method: str, path: str) -> None:
    assert method.lower() in severa_spec["paths"][path]


@pytest.mark.parametrize(
    "model",
    [INVOICE_STATUS, INVOICE_OUTPUT, INVOICE_ROW_OUTPUT, PROJECT_FEE_INPUT, PROJECT_FEE_OUTPUT],
    ids=lambda model: model.name,
)
def test_invoice_and_fee_models_match_the_spec(severa_spec: dict[str, Any], model: Model) -> None:
    _assert_model_matches(severa_spec, model)
