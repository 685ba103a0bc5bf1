"""Dataöverföring, every category of the table on "/": Torrkörning shows what would change, Överför shows the
result box with counts, green when nothing failed and red otherwise (rule X1)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.flows import CATEGORIES, result_box, run_category, screenshot
from tests.browser.servers import RunningBrygga

GREEN, RED = "rgb(230, 244, 234)", "rgb(253, 234, 234)"


@pytest.mark.usefixtures("orders_in_inbox")  # so that the orders category has released orders to transfer
@pytest.mark.parametrize("category", list(CATEGORIES))
def test_x1_dry_run_previews_and_transfer_shows_counts_in_a_green_or_red_box(
    connected_page: Page, brygga: RunningBrygga, category: str
) -> None:
    label = CATEGORIES[category]
    run_category(connected_page, category, dry_run=True)
    box = result_box(connected_page)
    expect(box.get_by_role("heading")).to_have_text("Torrkörning (inget skrevs)")
    expect(connected_page.locator("#run-status table.plan caption")).to_have_text(f"Planerade ändringar: {label}")

    run_category(connected_page, category, dry_run=False)
    brygga.done.add(f"run:{category}")
    expect(box.get_by_role("heading")).to_have_text(re.compile(r"^Överföring #\d+$"))
    counts = box.locator("p.counts")
    expect(counts).to_have_text(re.compile(rf"^{label}: \d+ lyckades, \d+ misslyckades, \d+ hoppades över"))
    succeeded, failed = (int(n) for n in re.findall(r"(\d+) (?:lyckades|misslyckades)", counts.inner_text()))
    expect(box).to_have_attribute("data-state", "failed" if failed else "ok")
    expect(box).to_have_css("background-color", RED if failed else GREEN)
    if category == "orders":
        assert succeeded >= 1, "the released order from the inbox became no invoice draft"
    if category == "customers":
        screenshot(connected_page, "03-dataoverforing-resultat")
