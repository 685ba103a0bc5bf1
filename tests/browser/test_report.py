"""Månadsrapport and Avstämning in Chromium: this month's transferred invoices with Visma PM's and Visma eEkonomi's
totals side by side and the CSV and PDF links; "Stäm av nu" runs a reconcile whose findings are grouped by category
with what to do and a link to each object's history. Screenshots: 13-manadsrapport, 14-avstamning."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import partial

from playwright.sync_api import Page, expect

from brygga.report import Month
from tests.browser.conftest import once
from tests.browser.flows import run_category, screenshot
from tests.browser.servers import RunningBrygga
from tests.browser.test_accessibility import assert_no_violations

RECONCILE_TIMEOUT_MS = 60_000


def test_month_report_and_reconcile_pages(transferred_page: Page, brygga: RunningBrygga) -> None:
    page = transferred_page
    for category in ("projects", "invoices"):  # the invoices' rows need their projects' cost center items
        once(brygga, f"run:{category}", partial(run_category, page, category, dry_run=False))

    page.get_by_role("link", name="Månadsrapport", exact=True).click()
    month = Month.of(datetime.now(UTC).date())
    page.get_by_label("Månad").fill(str(month))
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Månadsrapport \w+ \d{4}$"))
    invoices = page.locator("#report-invoices tbody tr")
    expect(invoices.first).to_be_visible()
    count = invoices.count()
    expect(page.locator("#report-summary tr[data-fact='transferred'] td")).to_have_text(str(count))
    expect(page.locator("#report-summary tr[data-fact='findings'] td")).to_contain_text("ingen avstämning gjord ännu")
    expect(page.get_by_role("link", name="Hämta som PDF")).to_have_attribute("href", f"/report.pdf?month={month}")
    first = invoices.first
    expect(first.locator("td[data-pm='gross']")).to_have_text(re.compile(r"^\d[\d\u00a0]*,\d\d$"))
    expect(first.locator("td[data-eek='gross']")).to_have_text(re.compile(r"^\d[\d\u00a0]*,\d\d$"))
    assert_no_violations(page)  # WCAG A and AA (axe-core), as the other main screens
    screenshot(page, "13-manadsrapport")

    with page.expect_download() as download:
        page.get_by_role("link", name="Hämta som CSV (Excel)").click()
    assert download.value.suggested_filename.endswith(f"-{month}.csv")

    page.get_by_role("link", name="Avstämning", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avstämning")
    page.get_by_role("button", name="Stäm av nu").click()
    run = page.locator("#reconcile-run[data-status]")
    expect(run).to_have_attribute("data-status", re.compile("^(ok|findings|failed)$"), timeout=RECONCILE_TIMEOUT_MS)
    expect(page.locator("#reconcile-running")).to_have_count(0)
    expect(run).to_contain_text("Objekt lästa")
    findings = page.locator("article.finding")
    if findings.count():
        expect(findings.first.get_by_role("link", name="Objektets historik")).to_have_attribute(
            "href", re.compile(r"^/object/[\w-]+/.+")
        )
        expect(findings.first.locator("p.hint")).to_contain_text("Gör så här:")
    assert_no_violations(page)
    screenshot(page, "14-avstamning")

    page.get_by_role("link", name="Månadsrapport", exact=True).click()
    expect(page.locator("#report-summary tr[data-fact='findings'] td")).not_to_contain_text("ingen avstämning")
