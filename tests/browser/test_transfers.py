"""Dataöverföring, every category of the table on "/": Torrkörning shows what would happen in a neutral box (or
"Inget att göra"), Överför shows the result box with counts, green when done, amber when partly done and red when
nothing got through (rule X1), and the category's row then shows that run."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.flows import CATEGORIES, result_box, run_category, screenshot
from tests.browser.servers import RunningBrygga

GREEN, AMBER, RED, GREY = "rgb(230, 244, 234)", "rgb(255, 244, 214)", "rgb(253, 234, 234)", "rgb(241, 243, 245)"
COLOURS = {"ok": GREEN, "nothing": GREEN, "partial": AMBER, "failed": RED}
WORDS = {"ok": "Klar", "nothing": "Inget att göra", "partial": "Delvis klar", "failed": "Misslyckades"}


@pytest.mark.usefixtures("orders_in_inbox")  # so that the orders category has released orders to transfer
@pytest.mark.parametrize("category", list(CATEGORIES))
def test_x1_dry_run_previews_and_transfer_shows_counts_in_a_box_of_its_state(
    connected_page: Page, brygga: RunningBrygga, category: str
) -> None:
    label = CATEGORIES[category]
    run_category(connected_page, category, dry_run=True)
    box = result_box(connected_page)
    expect(box).to_have_attribute("data-state", "dry-run")
    expect(box).to_have_css("background-color", GREY)
    expect(box.get_by_role("heading")).to_have_text("Torrkörning (inget skrevs)")
    expect(box).not_to_contain_text("lyckades")  # a dry run says what would happen, never "0 lyckades"
    counts = box.locator("p.counts")
    if "Inget att göra" in counts.inner_text():
        expect(connected_page.locator("#run-status table.plan")).to_have_count(0)
    else:
        expect(counts).to_have_text(re.compile(rf"^{label}:\s+\d+ skapas, \d+ uppdateras, \d+ kopplas ihop"))
        expect(connected_page.locator("#run-status table.plan caption")).to_have_text(f"Planerade ändringar: {label}")

    run_category(connected_page, category, dry_run=False)
    brygga.done.add(f"run:{category}")
    state = box.get_attribute("data-state") or ""
    assert state in COLOURS, state
    expect(box.get_by_role("heading")).to_have_text(re.compile(rf"^Överföring #\d+: {WORDS[state]}$"))
    expect(box).to_have_css("background-color", COLOURS[state])
    if state == "nothing":
        expect(box.locator("p.counts")).to_contain_text(f"{label}: Inget att överföra")
    else:
        expect(box.locator("p.counts")).to_have_text(
            re.compile(rf"^{label}: \d+ lyckades, \d+ misslyckades, \d+ hoppades över")
        )
    # The category's row shows this run at once (sent along with the result), in the same words.
    row = connected_page.locator(f"#categories tr[data-category='{category}']")
    expect(row.locator("[data-state]")).to_have_attribute("data-state", "ok" if state == "nothing" else state)
    if category == "orders":
        connected_page.goto("/orders")
        inbox_row = connected_page.locator("table.orders tr[data-order='GKS-10004']")
        expect(inbox_row.locator("td[data-state]")).to_have_attribute("data-state", "transferred")
    if category == "customers":
        screenshot(connected_page, "03-dataoverforing-resultat")
