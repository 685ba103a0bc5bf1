"""The language switch: Swedish by default, English after the switch, and English on the next page too."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.flows import screenshot


def test_the_language_switch_turns_the_pages_english_and_they_stay_english(admin_page: Page) -> None:
    page = admin_page
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.get_by_role("link", name="In English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data transfer")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Dry run: Customers")).to_be_visible()
    screenshot(page, "09-english")

    page.get_by_role("navigation").get_by_role("link", name="Connections").click()  # a plain link, no ?lang
    expect(page.get_by_role("heading", level=1)).to_have_text("Connections")
    page.goto("/orders")
    expect(page.get_by_role("heading", level=1)).to_have_text("Order inbox")
    page.get_by_role("link", name="På svenska").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Orderinkorg")
