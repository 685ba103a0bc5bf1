"""Objekthistorik in a real browser: from Felmeddelanden to a failed customer's history (its message and what to
do), and from Körningshistorik's search to a transferred customer's history with its links in both systems."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.flows import screenshot


def test_object_history_reached_from_the_error_list_and_the_run_list(transferred_page: Page) -> None:
    page = transferred_page
    page.get_by_role("navigation").get_by_role("link", name="Felmeddelanden").click()
    row = page.locator("#errors table.errors tr", has_text="1003 Nordviks Byggtjänst AB")
    row.get_by_role("link", name="Visa historik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Objekthistorik: Kunder 1003")
    failed = page.locator("#history tbody tr").first
    expect(failed).to_have_attribute("data-outcome", "failed")
    expect(failed).to_contain_text("kopplades inte")
    expect(failed).to_contain_text("Gör så här:")
    expect(page.locator("#no-links")).to_have_text("Inte kopplat i något system ännu.")
    screenshot(page, "18-objekthistorik-fel")

    page.get_by_role("navigation").get_by_role("link", name="Körningshistorik").click()
    page.get_by_label("Objekthistorik: nummer eller namn").fill("1001")
    page.get_by_role("button", name="Visa historik").click()
    page.locator("table.matches").get_by_role("link", name="1001").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Objekthistorik: Kunder 1001")
    expect(page.locator("#history tbody tr").first).to_contain_text("Skapad")
    links = page.locator("#links tbody tr")
    expect(links).to_have_count(1)
    expect(links.locator("td").nth(1)).to_have_text(re.compile(r"^[0-9a-f-]{36}$"))
    expect(links.locator("td").nth(2)).to_have_text(re.compile(r"^[0-9a-f-]{36}$"))
    screenshot(page, "18-objekthistorik-skapad")
