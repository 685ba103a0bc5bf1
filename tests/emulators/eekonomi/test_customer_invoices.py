"""Booking drafts into customer invoices, reading them back (filters, ``modifiedSinceUtc``) and payments."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import httpx

from brygga_emulators.eekonomi import Emulator
from brygga_emulators.eekonomi.bank_accounts import default_bank_account_id

from .support import FakeClock, article_row, decode, draft_body, send_json, text_row


async def new_draft(api: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    rows = [
        text_row("Avser oktober 2026"),
        article_row("P-100", "12", "1250.00"),
        article_row("A-902", "12", "185.00"),
    ]
    created = await send_json(api, "POST", "/v2/customerinvoicedrafts", draft_body(rows=rows, **overrides))
    assert created.status_code == 201, created.text
    draft: dict[str, Any] = decode(created)
    return draft


async def convert(api: httpx.AsyncClient, draft_id: str, body: Any = None, **params: str) -> httpx.Response:
    path = f"/v2/customerinvoicedrafts/{draft_id}/convert"
    if body is None:
        return await api.post(path, params=params)
    return await send_json(api, "POST", path + ("?" + "&".join(f"{k}={v}" for k, v in params.items())), body)


def payment(amount: str, payment_type: int = 1, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "CompanyBankAccountId": default_bank_account_id(),
        "PaymentAmount": Decimal(amount),
        "PaymentCurrency": "SEK",
        "PaymentType": payment_type,
        "PaymentDate": "2025-03-01",
    }
    body.update(extra)
    return body


async def test_convert_books_the_draft_with_the_next_invoice_number(api: httpx.AsyncClient, emulator: Emulator) -> None:
    first = await new_draft(api, ContractNumber="PM-5001", YourReference="Anna Andersson", OurReference="Per Persson")
    second = await new_draft(api)

    booked = await convert(api, first["Id"])
    booked_too = await convert(api, second["Id"])
    gone = await api.get(f"/v2/customerinvoicedrafts/{first['Id']}")

    assert booked.status_code == 201, booked.text
    invoice = decode(booked)
    assert (invoice["InvoiceNumber"], decode(booked_too)["InvoiceNumber"]) == (10001, 10002)
    assert invoice["CreatedFromDraftId"] == first["Id"]
    assert (invoice["ContractNumber"], invoice["YourReference"], invoice["OurReference"]) == (
        "PM-5001",
        "Anna Andersson",
        "Per Persson",
    )
    assert invoice["VoucherNumber"] and invoice["VoucherNumber"] != decode(booked_too)["VoucherNumber"]
    assert [row["Text"] for row in invoice["Rows"]] == [row["Text"] for row in first["Rows"]]
    assert (invoice["TotalAmount"], invoice["TotalVatAmount"]) == (first["TotalAmount"], first["TotalVatAmount"])
    assert invoice["TotalAmount"] == Decimal("21236.00")  # 15000 + 2220 net, 3750 + 266.40 VAT, -0.40 rounding
    assert (invoice["PaymentStatus"], invoice["RemainingAmount"]) == (1, invoice["TotalAmount"])
    assert gone.status_code == 404
    settings = decode(await api.get("/v2/companysettings"))
    assert settings["NextCustomerInvoiceNumber"] == 10003


async def test_invoice_date_is_today_unless_the_draft_date_is_kept(api: httpx.AsyncClient) -> None:
    today = decode(await convert(api, (await new_draft(api, InvoiceDate="2025-02-10"))["Id"]))
    kept = decode(
        await convert(api, (await new_draft(api, InvoiceDate="2025-02-10"))["Id"], keepOriginalDraftDate="true")
    )

    assert (today["InvoiceDate"], today["DueDate"]) == ("2025-03-01T00:00:00Z", "2025-03-31T00:00:00Z")
    assert (kept["InvoiceDate"], kept["DueDate"]) == ("2025-02-10T00:00:00Z", "2025-03-12T00:00:00Z")


async def test_a_kept_future_invoice_date_is_refused(api: httpx.AsyncClient, emulator: Emulator) -> None:
    draft = await new_draft(api, InvoiceDate="2025-03-02")

    refused = await convert(api, draft["Id"], keepOriginalDraftDate="true")

    assert refused.status_code == 400
    assert "future" in refused.json()["DeveloperErrorMessage"]
    assert len(emulator.store.customer_invoices) == 0
    assert (await api.get(f"/v2/customerinvoicedrafts/{draft['Id']}")).status_code == 200


async def test_the_validation_body_must_match_the_totals(api: httpx.AsyncClient, emulator: Emulator) -> None:
    draft = await new_draft(api)
    right = {
        "TotalAmountInvoiceCurrency": draft["TotalAmount"],
        "TotalVatAmountInvoiceCurrency": draft["TotalVatAmount"],
        "TotalRoundingsInvoiceCurrency": draft["TotalRoundings"],
        "Rows": [
            {
                "LineNumber": 1,
                "TotalAmountNoVatInvoiceCurrency": Decimal("15000.00"),
                "TotalAmountIncVatInvoiceCurrency": Decimal("18750.00"),
            }
        ],
    }
    wrong = {**right, "TotalVatAmountInvoiceCurrency": draft["TotalVatAmount"] + Decimal("0.01")}

    refused = await convert(api, draft["Id"], wrong)
    accepted = await convert(api, draft["Id"], right)

    assert refused.status_code == 400
    assert "TotalVatAmountInvoiceCurrency" in refused.json()["DeveloperErrorMessage"]
    assert accepted.status_code == 201, accepted.text


async def test_list_filters_on_draft_number_and_contract(api: httpx.AsyncClient) -> None:
    drafts = [await new_draft(api, ContractNumber=f"PM-{n}") for n in (5001, 5002, 5003)]
    for draft in drafts:
        await convert(api, draft["Id"])

    async def numbers(flt: str) -> list[int]:
        page = decode(await api.get("/v2/customerinvoices", params={"$filter": flt}))
        return [invoice["InvoiceNumber"] for invoice in page["Data"]]

    assert await numbers(f"CreatedFromDraftId eq {drafts[1]['Id']}") == [10002]
    assert await numbers("InvoiceNumber ge 10002") == [10002, 10003]
    assert await numbers("ContractNumber eq 'PM-5003'") == [10003]
    paged = decode(await api.get("/v2/customerinvoices", params={"$pagesize": 2, "$page": 2}))
    assert paged["Meta"]["TotalNumberOfResults"] == 3
    assert [invoice["InvoiceNumber"] for invoice in paged["Data"]] == [10003]


async def test_modified_since_follows_the_clock_and_sees_payments(api: httpx.AsyncClient, clock: FakeClock) -> None:
    early = decode(await convert(api, (await new_draft(api))["Id"]))
    clock.advance(minutes=5)
    late = decode(await convert(api, (await new_draft(api))["Id"]))
    clock.advance(minutes=5)
    await send_json(api, "POST", f"/v2/customerinvoices/{early['Id']}/payments", payment("100.00"))

    async def since(moment: str) -> list[int]:
        page = decode(await api.get("/v2/customerinvoices", params={"modifiedSinceUtc": moment}))
        return [invoice["InvoiceNumber"] for invoice in page["Data"]]

    assert await since("2025-03-01T12:04:00Z") == [early["InvoiceNumber"], late["InvoiceNumber"]]
    assert await since("2025-03-01T12:05:00Z") == [early["InvoiceNumber"], late["InvoiceNumber"]]
    assert await since("2025-03-01T12:06:00Z") == [early["InvoiceNumber"]]
    assert await since("2025-03-01T12:11:00Z") == []
    bad = await api.get("/v2/customerinvoices", params={"modifiedSinceUtc": "igår"})
    assert (bad.status_code, bad.json()["ErrorCode"]) == (400, 6001)


async def test_payments_lower_the_remaining_amount_until_paid(api: httpx.AsyncClient, clock: FakeClock) -> None:
    invoice = decode(await convert(api, (await new_draft(api))["Id"]))
    path = f"/v2/customerinvoices/{invoice['Id']}/payments"

    partial = await send_json(api, "POST", path, payment("1236.00", Reference="Delbetalning"))
    after_partial = decode(await api.get(f"/v2/customerinvoices/{invoice['Id']}"))
    clock.advance(minutes=1)
    complete = await send_json(api, "POST", path, payment("20000.00", payment_type=2, PaymentDate="2025-03-01"))
    paid = decode(await api.get(f"/v2/customerinvoices/{invoice['Id']}"))

    assert partial.status_code == 201, partial.text
    assert decode(partial)["PaymentAmount"] == Decimal("1236.00")
    assert uuid.UUID(decode(partial)["BankTransactionId"])
    assert (after_partial["RemainingAmount"], after_partial["PaymentStatus"]) == (Decimal("20000.00"), 1)
    assert complete.status_code == 201, complete.text
    assert (paid["RemainingAmount"], paid["RemainingAmountInvoiceCurrency"], paid["PaymentStatus"]) == (0, 0, 0)
    assert paid["PaymentDate"] == "2025-03-01T00:00:00Z"
    assert paid["ModifiedUtc"] == "2025-03-01T12:01:00Z"


async def test_refused_payments_change_nothing(api: httpx.AsyncClient) -> None:
    invoice = decode(await convert(api, (await new_draft(api))["Id"]))
    path = f"/v2/customerinvoices/{invoice['Id']}/payments"

    future = await send_json(api, "POST", path, payment("100.00", PaymentDate="2025-03-02"))
    unknown_account = await send_json(api, "POST", path, payment("100.00", CompanyBankAccountId=str(uuid.uuid4())))
    too_much = await send_json(api, "POST", path, payment("99999.00"))
    short_complete = await send_json(api, "POST", path, payment("100.00", payment_type=2))
    wrong_currency = await send_json(api, "POST", path, payment("100.00", PaymentCurrency="EUR"))
    missing = await send_json(api, "POST", path, {"PaymentAmount": 1})
    unknown_invoice = await send_json(api, "POST", f"/v2/customerinvoices/{uuid.uuid4()}/payments", payment("1"))

    assert (future.status_code, future.json()["ErrorCode"]) == (400, 4023)
    assert (unknown_account.status_code, unknown_account.json()["ErrorCode"]) == (400, 3000)
    assert {too_much.status_code, short_complete.status_code, wrong_currency.status_code} == {400}
    assert {error["Field"] for error in missing.json()["Errors"]} == {
        "CompanyBankAccountId",
        "PaymentCurrency",
        "PaymentType",
    }
    assert unknown_invoice.status_code == 404
    unchanged = decode(await api.get(f"/v2/customerinvoices/{invoice['Id']}"))
    assert unchanged == invoice


async def test_a_foreign_invoice_keeps_both_currencies(api: httpx.AsyncClient) -> None:
    draft = await new_draft(api, CustomerId=draft_body("9004")["CustomerId"])
    invoice = decode(await convert(api, draft["Id"]))
    path = f"/v2/customerinvoices/{invoice['Id']}/payments"

    await send_json(api, "POST", path, payment(str(invoice["TotalAmountInvoiceCurrency"]), 2, PaymentCurrency="USD"))
    paid = decode(await api.get(f"/v2/customerinvoices/{invoice['Id']}"))

    assert (invoice["CurrencyCode"], invoice["CurrencyRate"]) == ("USD", Decimal("10.40"))
    assert invoice["TotalAmountInvoiceCurrency"] == Decimal("21236.40")  # no whole-unit rounding abroad
    assert invoice["TotalAmount"] == Decimal("220858.56")
    assert (paid["RemainingAmount"], paid["PaymentStatus"]) == (0, 0)
