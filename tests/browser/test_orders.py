"""Orderinkorg: a CSV order file with one broken line; the line's error with its number, the good orders listed."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.flows import BROKEN_ORDER_CSV, screenshot, upload_orders


def test_o_upload_lists_the_broken_line_by_number_and_the_good_orders_with_state(
    admin_page: Page, tmp_path: Path
) -> None:
    # Order numbers of this test's own, so that a transfer of the shared inbox's orders cannot change their state.
    upload_orders(admin_page, tmp_path, content=BROKEN_ORDER_CSV.replace("GKS-100", "GKS-300"))
    report = admin_page.locator("main .box[data-state]")
    expect(report).to_have_attribute("data-state", "failed")
    expect(report).to_contain_text("order-fil.csv:")
    expect(report).to_contain_text("1 ogiltiga")
    expect(report.locator("ul.problems li")).to_have_count(1)
    expect(report.locator("ul.problems li")).to_contain_text('rad 6, order GKS-30006: quantity: "tolv" är inget tal')
    screenshot(admin_page, "08-orderinkorg-fel")

    rows = admin_page.locator("table.orders tbody tr")
    for number, customer in (("GKS-30004", "Byggfirman i Norr AB"), ("GKS-30005", "Fjällstugan HB")):
        row = rows.filter(has=admin_page.get_by_role("cell", name=number, exact=True))
        expect(row.get_by_role("cell", name=customer)).to_be_visible()
        expect(row.locator("td[data-state] .status")).to_have_text("Mottagen")
    expect(rows.filter(has_text="GKS-30006")).to_have_count(0)  # refused as a whole, never imported in part
    # GKS-30005 is not released: it waits in the inbox, and the page says why it is not transferred.
    waiting = rows.filter(has=admin_page.get_by_role("cell", name="GKS-30005", exact=True))
    expect(waiting.locator("td[data-state] small")).to_have_text("Inte släppt")
