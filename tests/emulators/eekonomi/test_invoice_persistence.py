"""Drafts, booked invoices, number series and supplier invoices survive a restart with a SQLite file."""

from __future__ import annotations

from pathlib import Path

from brygga_emulators.eekonomi import build_emulator

from .support import PURCHASE_SCOPE, FakeClock, asgi_client, bearer, decode, draft_body, obtain_tokens, send_json


async def test_sqlite_keeps_drafts_invoices_and_the_number_series(tmp_path: Path, clock: FakeClock) -> None:
    db = str(tmp_path / "eek.sqlite")
    first = build_emulator("demo", db=db, clock=clock)
    async with asgi_client(first.app) as client:
        client.headers.update(bearer(await obtain_tokens(client)))
        kept = decode(await send_json(client, "POST", "/v2/customerinvoicedrafts", draft_body(YourReference="kvar")))
        booked_draft = decode(await send_json(client, "POST", "/v2/customerinvoicedrafts", draft_body()))
        booked = decode(await client.post(f"/v2/customerinvoicedrafts/{booked_draft['Id']}/convert"))
    first.close()

    second = build_emulator("demo", db=db, clock=clock)
    async with asgi_client(second.app) as client:
        client.headers.update(bearer(await obtain_tokens(client, scope=PURCHASE_SCOPE)))
        draft = decode(await client.get(f"/v2/customerinvoicedrafts/{kept['Id']}"))
        invoice = decode(await client.get(f"/v2/customerinvoices/{booked['Id']}"))
        next_booked = decode(await client.post(f"/v2/customerinvoicedrafts/{kept['Id']}/convert"))
        supplier_invoices = decode(await client.get("/v2/supplierinvoices"))["Meta"]["TotalNumberOfResults"]
    second.close()

    assert draft == kept
    assert invoice == booked
    assert (booked["InvoiceNumber"], next_booked["InvoiceNumber"]) == (10001, 10002)
    assert next_booked["VoucherNumber"] != booked["VoucherNumber"]
    assert supplier_invoices == 4  # the demo's, not seeded twice


async def test_empty_and_bulk_have_the_bank_account_and_no_suppliers(clock: FakeClock) -> None:
    for data in ("empty", "bulk:10"):
        emulator = build_emulator(data, clock=clock)
        async with asgi_client(emulator.app) as client:
            client.headers.update(bearer(await obtain_tokens(client, scope=PURCHASE_SCOPE)))
            accounts = decode(await client.get("/v2/bankaccounts"))["Data"]
            suppliers = decode(await client.get("/v2/suppliers"))["Meta"]["TotalNumberOfResults"]
            invoices = decode(await client.get("/v2/supplierinvoices"))["Meta"]["TotalNumberOfResults"]

        assert [(account["Name"], account["LedgerAccountNumber"]) for account in accounts] == [("Företagskonto", 1930)]
        assert (suppliers, invoices) == (0, 0)
