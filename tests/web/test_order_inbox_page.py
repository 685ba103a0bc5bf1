"""Orderinkorg (issue 11, point 3): a failed order says "Misslyckades" with its headline and hint and keeps the
original's text under "Teknisk detalj"; a transferred order shows its draft as customer and amount ("12 345,60
kr"), never the draft's GUID as the text; an empty inbox says how orders arrive. Both languages."""

from __future__ import annotations

import re
from decimal import Decimal

import httpx

from brygga.demo import DEMO_ORDERS
from brygga.orders.commands import orders_import_command
from brygga.store import Store
from brygga.store.orders import DraftSummary, OrderFailure, OrderStore
from brygga.web.order_lines import draft_link, format_amount
from tests.orders.builders import order
from tests.web.conftest import Emulators, connect_both, run_transfer

GUID = "5f0c3d4e-8a1b-4c2d-9e3f-0123456789ab"


def _row(html: str, number: str) -> str:
    found = re.search(rf'<tr data-order="{number}">.*?</tr>', html, re.S)
    assert found is not None, html
    return found.group(0)


def test_amounts_are_written_as_people_read_them() -> None:
    assert format_amount(Decimal("12345.6"), "SEK", "sv") == "12 345,60 kr"
    assert format_amount(Decimal("-1250"), "SEK", "sv") == "-1 250,00 kr"
    assert format_amount(Decimal("0.005"), "EUR", "sv") == "0,01 EUR"
    assert format_amount(Decimal("12345.6"), "SEK", "en") == "12,345.60 SEK"
    assert format_amount(Decimal("1234567.891"), None, "sv") == "1 234 567,89 kr"


def test_a_link_to_visma_eekonomi_only_where_its_address_is_known() -> None:
    assert draft_link("https://eaccountingapi.vismaonline.com/v2") == "https://eaccounting.vismaonline.com/"
    assert draft_link("http://127.0.0.1:8123/v2") is None  # an emulator has no web app to open
    assert draft_link(None) is None


async def test_o1_an_empty_inbox_says_how_orders_arrive(admin: httpx.AsyncClient) -> None:
    swedish = (await admin.get("/orders")).text
    assert "Inga order i inkorgen." in swedish and "när ordersystemet skickar dem" in swedish
    assert '<table class="orders">' not in swedish
    english = (await admin.get("/orders?lang=en")).text
    assert "No orders in the inbox." in english and "when the order system sends them" in english


async def test_o1_a_failed_order_shows_its_failure_and_a_transferred_one_its_draft(
    admin: httpx.AsyncClient, store: Store
) -> None:
    inbox = OrderStore(store.db, store.tenant)
    inbox.receive(order("GKS-1"))
    inbox.receive(order("GKS-2"))
    inbox.mark_failed(
        "GKS-1",
        OrderFailure(
            "Could not add order GKS-1 to Visma eAccounting. (409) Conflict",
            "En artikel på ordern är inaktiv",
            "An article on the order is inactive",
            "Aktivera artikeln i Visma eEkonomi.",
            "Activate the article in Visma eEkonomi.",
            "O5",
        ),
    )
    inbox.mark_transferred("GKS-2", DraftSummary(GUID, "Byggfirman i Norr AB", Decimal("12345.6"), "SEK"))

    page = (await admin.get("/orders?lang=sv")).text
    failed = _row(page, "GKS-1")
    assert '<td data-state="failed"><span class="status state-failed">Misslyckades</span>' in failed
    assert "Mottagen" not in failed
    assert '<span class="headline">En artikel på ordern är inaktiv</span>' in failed
    assert "Lösning: Aktivera artikeln i Visma eEkonomi." in failed
    technical = failed.split("<summary>Teknisk detalj</summary>")[1]
    assert "Regel O5" in technical and "(409) Conflict" in technical
    assert "(409) Conflict" not in failed.split("<details")[0]  # the API text never as the headline

    done = _row(page, "GKS-2")
    assert ">Överförd</span>" in done
    assert '<span class="amount">Byggfirman i Norr AB, 12 345,60 kr</span>' in done
    assert GUID in done.split("<summary>Teknisk detalj</summary>")[1] and GUID not in done.split("<details")[0]
    assert "<a href=" not in done  # not connected to a known eEkonomi: no address to open

    english = (await admin.get("/orders?lang=en")).text
    failed = _row(english, "GKS-1")
    assert ">Failed</span>" in failed and "An article on the order is inactive" in failed
    assert (
        "Solution: Activate the article in Visma eEkonomi." in failed
        and "<summary>Technical detail</summary>" in failed
    )
    assert "Byggfirman i Norr AB, 12,345.60 SEK" in _row(english, "GKS-2")


async def test_o1_after_a_web_transfer_the_inbox_shows_rejections_and_drafts_from_eekonomi(
    admin: httpx.AsyncClient, store: Store, emulators: Emulators
) -> None:
    orders_import_command(store, DEMO_ORDERS)
    await connect_both(admin, emulators)
    await run_transfer(admin, "customers", "run")
    await run_transfer(admin, "orders", "run")
    page = (await admin.get("/orders")).text

    rejected = _row(page, "GKS-2004")  # payment terms eEkonomi lacks (O6)
    assert ">Misslyckades</span>" in rejected and "dagar netto" in rejected and "Regel O6" in rejected
    assert emulators.eek_emulator is not None
    draft = next(
        d
        for d in emulators.eek_emulator.store.customer_invoice_drafts.all()
        if d.get("ContractNumber") == "GKS GKS-2001"
    )
    amount = format_amount(Decimal(str(draft["TotalAmount"])), "SEK", "sv")
    done = _row(page, "GKS-2001")
    assert f'<span class="amount">{draft["CustomerName"]}, {amount}</span>' in done
    assert str(draft["Id"]) not in done.split("<details")[0]
    waiting = _row(page, "GKS-2005")  # not released (O1): received, and the page says why it stays
    assert ">Mottagen</span><small>Inte släppt</small>" in waiting
