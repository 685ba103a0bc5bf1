"""Helpers shared by the invoice, invoice status and project fee tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import simplejson

from brygga_emulators.severa import invoice_guid, invoice_status_guid

# The demo's invoices are dated 2026-11-15: a clock a week later makes every change "after" them.
AFTER_THE_DEMO_INVOICES = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
TO_TRANSFER = invoice_status_guid("Skicka till eEkonomi")


def body(response: httpx.Response, status: int = 200) -> Any:
    """The JSON body with Decimal numbers, after checking the status."""
    assert response.status_code == status, response.text
    return simplejson.loads(response.content, use_decimal=True)


async def get_invoice(client: httpx.AsyncClient, label: int) -> dict[str, Any]:
    found: dict[str, Any] = body(await client.get(f"/v1/invoices/{invoice_guid(label)}"))
    return found


async def invoice_rows(client: httpx.AsyncClient, label: int, **params: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = body(
        await client.get(f"/v1/invoices/{invoice_guid(label)}/invoicerows", params={"rowCount": 100, **params})
    )
    return rows


async def all_invoices(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    """Every page of ``/v1/invoices``, following NextPageToken."""
    found: list[dict[str, Any]] = []
    token: str | None = None
    while True:
        query = {"rowCount": 100, **params, **({"pageToken": token} if token else {})}
        response = await client.get("/v1/invoices", params=query)
        found.extend(body(response))
        token = response.headers.get("NextPageToken")
        if token is None:
            return found


def labels(invoices: list[dict[str, Any]]) -> set[int]:
    """The data-set labels of ``invoices`` (4990, 5001 …), recovered from their GUIDs."""
    by_guid = {invoice_guid(label): label for label in (*range(4990, 4992), *range(5001, 5013))}
    return {by_guid[invoice["guid"]] for invoice in invoices}


def replace(path: str, value: Any, op: str = "Replace") -> dict[str, Any]:
    return {"op": op, "path": path, "value": value}
