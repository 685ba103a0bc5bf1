"""The schedule on Dataöverföring in a real browser: a wrong number of minutes is said at its field and nothing is
saved; a working-day schedule is saved and shown in words with its next run in Swedish time; the open form passes
axe (WCAG A/AA). Screenshots: test-artifacts/screenshots/schedule.png and schedule-refused.png."""

from __future__ import annotations

from datetime import UTC, datetime

from playwright.sync_api import Page, expect

from brygga.schedules.next_run import next_run
from brygga.schedules.syntax import parse_schedule
from brygga.web.schedule_form import local_moment
from tests.browser.flows import screenshot
from tests.browser.test_accessibility import assert_no_violations


def test_schedule_is_set_in_the_form_and_shown_in_words_with_its_next_run(admin_page: Page) -> None:
    page = admin_page
    row = page.locator("#schedules tr[data-category='customers']")
    expect(row.locator("[data-next-run]")).to_have_text("–")
    row.get_by_text("Ändra schema").click()
    form = page.get_by_role("form", name="Ändra schema: Kunder")
    form.get_by_label("Var N:e minut inom ett tidsfönster").check()
    form.get_by_label("Antal minuter mellan körningarna").fill("0")
    form.get_by_role("button", name="Spara schema: Kunder").click()
    problem = page.locator("#p-customers-every_minutes")
    expect(problem).to_have_text("Skriv ett helt antal minuter mellan 1 och 1440, t.ex. 10 (fick: 0).")
    expect(row.locator("[data-schedule]")).to_have_attribute("data-schedule", "off")  # nothing saved
    assert_no_violations(page)
    screenshot(page, "schedule-refused")

    form = page.get_by_role("form", name="Ändra schema: Kunder")  # the section came back: find it again
    form.get_by_label("Antal minuter mellan körningarna").fill("10")
    form.get_by_label("Från").fill("07:00")
    form.get_by_label("Till").fill("19:00")
    for day in ("mån", "tis", "ons", "tor", "fre"):
        form.get_by_label(day, exact=True).check()
    for day in ("lör", "sön"):
        form.get_by_label(day, exact=True).uncheck()
    form.get_by_label("Hoppa över helgdagar").check()
    before = datetime.now(UTC)
    form.get_by_role("button", name="Spara schema: Kunder").click()
    expect(page.locator("#schedules [role=status]")).to_have_text("Schemat sparades för Kunder.")
    expect(row.locator("[data-schedule]")).to_contain_text("var 10:e minut 07–19 mån–fre, utom helgdagar")
    schedule = parse_schedule(["every", "10"], start="07:00", end="19:00", days="mon-fri", skip_holidays=True)
    expected = {
        local_moment(due, "sv") for moment in (before, datetime.now(UTC)) if (due := next_run(schedule, moment))
    }
    shown = row.locator("[data-next-run]").inner_text().strip()
    assert shown in expected, (shown, expected)  # Swedish local time, never UTC
    expect(page.locator("#nothing-scheduled")).to_have_count(0)
    screenshot(page, "schedule")

    page.reload()  # saved in the store, not only on the page
    expect(row.locator("[data-schedule]")).to_contain_text("var 10:e minut 07–19 mån–fre, utom helgdagar")
    row.get_by_text("Ändra schema").click()  # tidy up for the other tests of the shared app: back to manual
    form = page.get_by_role("form", name="Ändra schema: Kunder")
    form.get_by_label("Av (bara manuellt)").check()
    form.get_by_role("button", name="Spara schema: Kunder").click()
    expect(page.locator("#nothing-scheduled")).to_be_visible()
