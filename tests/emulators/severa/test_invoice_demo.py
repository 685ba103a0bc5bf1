"""The demo's invoices (the joint brief's PM half), ``bulk:N`` invoices, and totals that agree with the rows."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest

from brygga_emulators.severa import build_emulator, invoice_guid
from brygga_emulators.severa.invoice_totals import invoice_totals

from .conftest import auth_headers, login, make_client
from .invoice_support import TO_TRANSFER, all_invoices, body, get_invoice, invoice_rows

DEMO_LABELS = (4990, 4991, *range(5001, 5013))


def _row_tuple(row: dict[str, Any]) -> tuple[Any, ...]:
    return (
        row["code"],
        row["description"],
        row["quantity"],
        row["measurementUnit"],
        row["unitPrice"]["amount"],
        row["vatRate"],
        row["rowType"],
    )


def _expected_totals(rows: list[dict[str, Any]]) -> tuple[Decimal, Decimal, Decimal]:
    """Written apart from the emulator: öre per row, VAT per rate on the rate's sum, ties away from zero."""
    cent = Decimal("0.01")
    per_rate: dict[Decimal, Decimal] = defaultdict(Decimal)
    for row in rows:
        line = (row["quantity"] * row["unitPrice"]["amount"]).quantize(cent, ROUND_HALF_UP)
        per_rate[row["vatRate"] or Decimal(0)] += line
    net = sum(per_rate.values(), Decimal(0))
    tax = sum(((amount * rate / 100).quantize(cent, ROUND_HALF_UP) for rate, amount in per_rate.items()), Decimal(0))
    return net, tax, net + tax


async def test_invoice_5001_header_and_rows(client: httpx.AsyncClient) -> None:
    invoice = await get_invoice(client, 5001)
    assert invoice["number"] is None and invoice["status"]["guid"] == TO_TRANSFER
    assert (invoice["date"], invoice["dueDate"], invoice["paymentTerm"]) == ("2026-11-15", "2026-12-15", 30)
    assert (invoice["customer"]["number"], invoice["customer"]["name"]) == (1001, "Aurora Konsult AB")
    assert [(project["number"], project["name"]) for project in invoice["projects"]] == [(2001, "Aurora intranät")]
    assert (invoice["yourReference"], invoice["ourReference"]) == ("Anna Andersson", "Per Persson")
    assert invoice["notes"] == "Tack för förtroendet!"
    assert invoice["freeText1"]["value"] == "Avser oktober 2026"
    assert invoice["freeText2"]["value"] == "Betalning sker till bankgiro 123-4567"
    assert invoice["receiverAddress"]["city"] == "Stockholm" and invoice["receiverAddress"]["country"] == "Sverige"
    assert invoice["currency"]["code"] == "SEK" and not invoice["isCreditNote"]
    assert [_row_tuple(row) for row in await invoice_rows(client, 5001)] == [
        (["KONS"], "Konsultation oktober", 12, "h", Decimal("1250.00"), 25, "Hours"),
        (["P-110"], "Utbildningsdag", 1, "dag", Decimal("9500.00"), 25, "ProjectFees"),
        (["MIL"], "Milersättning", 120, "km", Decimal("3.50"), 25, "TravelExpenses"),
        ([], "Administrativ avgift", 1, "st", Decimal("250.00"), 25, "ProjectFees"),
    ]
    totals = (invoice["totalExcludingTax"]["amount"], invoice["totalTax"]["amount"])
    assert totals == (Decimal("25170.00"), Decimal("6292.50"))
    assert invoice["totalIncludingTax"]["amount"] == Decimal("31462.50")


async def test_invoices_5002_to_5004_rows_and_currency(client: httpx.AsyncClient) -> None:
    rows_5002 = [(row["code"], row["quantity"], row["vatRate"]) for row in await invoice_rows(client, 5002)]
    assert rows_5002 == [(["UTV"], 40, 25), (["P-170"], 12, 12), (["P-120"], 3, 6)]
    invoice_5003 = await get_invoice(client, 5003)
    assert invoice_5003["customer"]["number"] == 1005 and invoice_5003["projects"][0]["number"] == 2003
    trakt = (await invoice_rows(client, 5003))[1]
    assert (trakt["code"], trakt["quantity"], trakt["unitPrice"]["amount"], trakt["vatRate"]) == (
        ["TRAKT"],
        2,
        Decimal("290.00"),
        0,
    )
    invoice_5004 = await get_invoice(client, 5004)
    assert invoice_5004["currency"]["code"] == "EUR" and invoice_5004["customer"]["number"] == 1006
    [row] = await invoice_rows(client, 5004)
    assert (row["unitPrice"]["amount"], row["unitPrice"]["currencyCode"]) == (Decimal("120.00"), "EUR")
    assert invoice_5004["totalExcludingTax"] == {
        "amount": Decimal("1200.00"),
        "currencyCode": "EUR",
        "multiCurrencyInfo": None,
    }


async def test_invoices_broken_on_purpose(client: httpx.AsyncClient) -> None:
    no_address = await get_invoice(client, 5005)
    assert no_address["customer"]["number"] == 1042 and no_address["receiverAddress"] is None
    [inactive_row] = await invoice_rows(client, 5006)
    assert inactive_row["code"] == ["GAMMAL"] and inactive_row["quantity"] == 3
    [work_type] = body(await client.get("/v1/worktypes", params={"code": "GAMMAL"}))
    assert work_type["isActive"] is False
    credit = await get_invoice(client, 5007)
    assert credit["isCreditNote"] and credit["creditNoteInvoice"] == {"guid": invoice_guid(4990), "number": 4990}
    assert credit["status"]["guid"] == TO_TRANSFER and credit["totalExcludingTax"]["amount"] == Decimal("-2500.00")
    long_reference = await get_invoice(client, 5008)
    assert long_reference["customer"]["number"] == 1010 and len(long_reference["yourReference"]) == 120


async def test_plain_invoices_and_the_other_statuses(client: httpx.AsyncClient) -> None:
    for offset, label in enumerate(range(5009, 5013)):
        invoice = await get_invoice(client, label)
        assert invoice["customer"]["number"] == 1011 + offset
        assert invoice["projects"][0]["number"] == 2011 + offset
        assert 2 <= len(await invoice_rows(client, label)) <= 5
        assert invoice["receiverAddress"] is not None and invoice["yourReference"] is None
    paid, draft = await get_invoice(client, 4990), await get_invoice(client, 4991)
    assert (paid["number"], paid["status"]["name"], paid["status"]["isPaid"]) == (4990, "Betald", True)
    assert paid["paymentDate"] is not None
    assert (draft["number"], draft["status"]["name"]) == (None, "Utkast")


@pytest.mark.parametrize("label", DEMO_LABELS)
async def test_totals_agree_with_the_rows(client: httpx.AsyncClient, label: int) -> None:
    invoice = await get_invoice(client, label)
    rows = await invoice_rows(client, label)
    got = tuple(invoice[name]["amount"] for name in ("totalExcludingTax", "totalTax", "totalIncludingTax"))
    assert got == _expected_totals(rows)
    hours = [row for row in rows if row["rowType"] == "Hours"]
    assert invoice["workHoursQuantity"] == sum((row["quantity"] for row in hours), Decimal(0))


def test_tax_per_rate_rounds_ties_away_from_zero() -> None:
    def row(amount: str, rate: str, quantity: str = "1") -> dict[str, Any]:
        return {"quantity": Decimal(quantity), "unitPrice": {"amount": Decimal(amount)}, "vatRate": Decimal(rate)}

    # 0.10 at 25 % is 0.025 tax: a tie, rounded away from zero in both directions.
    assert invoice_totals([row("0.10", "25")]).tax == Decimal("0.03")
    assert invoice_totals([row("0.10", "25", "-1")]).tax == Decimal("-0.03")
    # Per rate, not per row: two rows of 0.10 at 25 % carry 0.05, not 2 × 0.03.
    assert invoice_totals([row("0.10", "25"), row("0.10", "25")]).tax == Decimal("0.05")
    # A row amount is rounded to öre before it is summed.
    assert invoice_totals([row("0.333", "0", "1")]).excluding_tax == Decimal("0.33")


async def test_bulk_invoices_wait_for_transfer_with_five_product_rows() -> None:
    emu = build_emulator("bulk:6")
    async with make_client(emu) as client:
        client.headers.update(auth_headers(await login(client)))
        invoices = await all_invoices(client, invoiceStatusGuids=TO_TRANSFER)
        rows = body(await client.get(f"/v1/invoices/{invoices[4]['guid']}/invoicerows"))
    assert len(invoices) == 6 and all(invoice["number"] is None for invoice in invoices)
    assert {invoice["projects"][0]["number"] for invoice in invoices} == {30001, 30002, 30003}
    for invoice in invoices:
        project = invoice["projects"][0]["number"]
        assert invoice["customer"]["number"] == project - 30001 + 20001
    assert len(rows) == 5 and all(row["code"][0].startswith("B-") and row["vatRate"] == 25 for row in rows)
    assert invoices[4]["totalExcludingTax"]["amount"] == _expected_totals(rows)[0]


def test_bulk_data_is_deterministic() -> None:
    first, second = build_emulator("bulk:4"), build_emulator("bulk:4")
    assert first.store.all("invoices") == second.store.all("invoices")
