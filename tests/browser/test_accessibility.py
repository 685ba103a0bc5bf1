"""WCAG 2 A and AA with axe-core on each main screen, in the state a user sees it: labels, names, contrast."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Page, expect

from tests.browser.conftest import PageFactory
from tests.browser.flows import (
    TRANSFER_TIMEOUT_MS,
    connect_pm,
    run_category,
    screenshot,
    upload_orders,
)
from tests.browser.servers import Emulators, RunningBrygga

WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}


def assert_no_violations(page: Page) -> None:
    """axe-core on the page as it is now; a failure lists each rule with what it wants and where it is broken."""
    page.wait_for_load_state("load")
    violations = Axe().run(page, options=WCAG_A_AA).response["violations"]
    lines = []
    for violation in violations:
        targets = "; ".join(" ".join(str(t) for t in node["target"]) for node in violation["nodes"])
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}\n    at: {targets}")
    if violations:
        raise AssertionError(f"axe found {len(violations)} WCAG A/AA problems on {page.url}:\n" + "\n".join(lines))


def test_wcag_setup_page(fresh_brygga: RunningBrygga, new_page: PageFactory) -> None:
    page = new_page(fresh_brygga.url)
    page.goto("/setup")
    expect(page.get_by_role("heading", level=1)).to_have_text("Välj administratörslösenord")
    assert_no_violations(page)


def test_wcag_login_page_with_an_error(visitor: Page) -> None:
    visitor.goto("/login")
    visitor.get_by_label("Lösenord").fill("inte rätt alls")
    visitor.get_by_role("button", name="Logga in").click()
    expect(visitor.get_by_role("alert")).to_have_text("Fel lösenord.")
    assert_no_violations(visitor)


def test_wcag_transfer_page_with_a_result_box_and_a_plan(connected_page: Page) -> None:
    run_category(connected_page, "customers", dry_run=True)
    expect(connected_page.locator("#run-status table.plan")).to_be_visible(timeout=TRANSFER_TIMEOUT_MS)
    assert_no_violations(connected_page)


def test_wcag_settings_error(connected_page: Page) -> None:
    form = connected_page.locator("form#settings")
    form.get_by_label("Resultatenhet för projekt").fill("Finns-Inte")
    form.get_by_role("button", name="Spara inställningar").click()
    expect(form.locator(".field-problem")).to_be_visible()
    assert_no_violations(connected_page)


def test_wcag_error_messages(transferred_page: Page) -> None:
    transferred_page.goto("/errors")
    expect(transferred_page.locator("#errors table.errors tbody tr").first).to_be_visible()
    assert_no_violations(transferred_page)


def test_wcag_connections_with_a_refused_connection(admin_page: Page, emulators: Emulators) -> None:
    connect_pm(admin_page, emulators, secret="fel-hemlighet")
    expect(admin_page.locator(".box.bad[role=alert]")).to_be_visible()
    assert_no_violations(admin_page)


def test_wcag_order_inbox_with_a_file_error(admin_page: Page, tmp_path: Path) -> None:
    upload_orders(admin_page, tmp_path, content="order_number;customer_number\nGKS-1;1001\n")
    expect(admin_page.locator("main .box.bad")).to_be_visible()
    assert_no_violations(admin_page)


def test_wcag_checklist(connected_page: Page) -> None:
    connected_page.goto("/checklist")
    expect(connected_page.get_by_role("heading", level=1)).to_have_text("Checklista igångkörning")
    expect(connected_page.locator("tr[data-check='eekonomi.api_access'] .status")).to_have_text("OK")
    screenshot(connected_page, "11-checklista")
    assert_no_violations(connected_page)


@pytest.mark.parametrize("path", ["/", "/errors", "/runs", "/connections", "/orders", "/checklist"])
def test_wcag_english_pages(admin_page: Page, path: str) -> None:
    admin_page.goto(f"{path}?lang=en")
    expect(admin_page.locator("html")).to_have_attribute("lang", "en")
    assert_no_violations(admin_page)


def test_the_check_reports_rule_help_and_targets(new_page: PageFactory, brygga: RunningBrygga) -> None:
    """The check itself can fail: an unlabelled input and grey-on-white text are reported with their targets."""
    page = new_page(brygga.url)
    page.set_content(
        '<html lang="sv"><title>t</title><main><h1>Test</h1><input id="naked">'
        '<p id="faint" style="color:#bbb;background:#fff">svag text</p></main></html>'
    )
    with pytest.raises(AssertionError) as failure:
        assert_no_violations(page)
    report = str(failure.value)
    assert re.search(r"- label \(critical\): .*\n    at: #naked", report), report
    assert re.search(r"- color-contrast \(serious\): .*\n    at: #faint", report), report
