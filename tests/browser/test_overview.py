"""Översikt in a real browser with 120 companies seeded in the store: the first page of 50 sorted worst first, a
state filter, a search, the next page, English through the switch, and axe (WCAG A/AA).
Screenshot: test-artifacts/screenshots/overview.png."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from brygga.config import Settings
from brygga.store.database import open_database
from tests.browser.conftest import PageFactory
from tests.browser.flows import choose_password, screenshot
from tests.browser.servers import RunningBrygga
from tests.browser.test_accessibility import assert_no_violations
from tests.overview.seed import seed


def test_overview_of_120_companies_sorts_filters_searches_and_pages(
    fresh_brygga: RunningBrygga, new_page: PageFactory, tmp_path: Path
) -> None:
    page = new_page(fresh_brygga.url)
    choose_password(page)
    db = open_database(Settings(data_dir=tmp_path, db=str(tmp_path / "web.sqlite3")))
    try:
        seed(db, 120)
    finally:
        db.dispose()
    page.goto("/overview")
    expect(page.get_by_role("heading", level=1)).to_have_text("Översikt")
    rows = page.locator("table.overview tbody tr")
    expect(rows).to_have_count(50)
    expect(page.locator("#overview-count")).to_contain_text("121 / 121")  # and the store's first company, default
    page.get_by_label("Sortera").select_option("state")
    page.get_by_role("button", name="Visa", exact=True).click()
    expect(rows.first).to_have_attribute("data-state", "failing")
    expect(rows.first.locator("td").first).to_have_text("Misslyckas")
    assert_no_violations(page)
    screenshot(page, "overview")

    page.get_by_label("Visa", exact=True).select_option("paused")
    page.get_by_role("button", name="Visa", exact=True).click()
    expect(rows).to_have_count(11)  # kund-…3 of every ten, but 63 (X4: failing)
    expect(rows.first).to_contain_text("Pausad")
    page.get_by_label("Sök id eller namn").fill("kund-00117")
    page.get_by_label("Visa", exact=True).select_option("all")
    page.get_by_role("button", name="Visa", exact=True).click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Företag 117 AB")

    page.goto("/overview?sort=name&show=all&page=3")
    expect(rows).to_have_count(21)
    page.get_by_role("link", name="Föregående sida").click()
    expect(rows).to_have_count(50)
    page.get_by_role("link", name="In English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
    expect(page.locator("table.overview thead")).to_contain_text("Next run")
    assert_no_violations(page)
