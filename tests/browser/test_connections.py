"""Anslutningar: Visma PM with client credentials, Visma eEkonomi through the OAuth company picker."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from brygga_emulators import severa as pm_emulator
from tests.browser.flows import COMPANY, connect_eekonomi, connect_pm, screenshot
from tests.browser.servers import Emulators, RunningBrygga


def test_pm_connects_with_its_client_and_a_wrong_secret_is_explained_in_swedish(
    admin_page: Page, emulators: Emulators
) -> None:
    connect_pm(admin_page, emulators, secret="fel-hemlighet-åäö")
    pm = admin_page.locator("section", has=admin_page.get_by_role("heading", name="Visma PM"))
    alert = pm.locator(".box.bad[role=alert]")
    expect(alert).to_contain_text("Anslutningen misslyckades: Visma PM nekade inloggningen.")
    expect(alert).to_contain_text("Kontrollera klient-id och klienthemlighet")
    expect(alert).to_have_css("background-color", "rgb(253, 234, 234)")  # the red box
    screenshot(admin_page, "06-anslutningar-fel")

    connect_pm(admin_page, emulators, secret=pm_emulator.DEMO_CLIENT_SECRET)
    expect(pm.locator(".box.good[role=status]")).to_contain_text(f"Ansluten: {emulators.pm_url}")
    expect(pm.get_by_role("button", name="Koppla från: Visma PM")).to_be_visible()


def test_eekonomi_connects_through_the_company_picker_and_shows_the_company(
    admin_page: Page, emulators: Emulators, brygga: RunningBrygga
) -> None:
    connect_eekonomi(admin_page, emulators, screenshot_as="07-eekonomi-foretagsval")
    brygga.done.add("eekonomi")
    eek = admin_page.locator("section", has=admin_page.get_by_role("heading", name="Visma eEkonomi"))
    facts = eek.locator("dl.facts")
    expect(facts).to_contain_text(COMPANY)
    expect(facts.locator("dt", has_text="Organisationsnummer")).to_be_visible()
    expect(facts.locator("dt:has-text('Organisationsnummer') + dd")).to_have_text(re.compile(r"^\d{6}-\d{4}$"))
    screenshot(admin_page, "06-anslutningar")
