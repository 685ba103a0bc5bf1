"""Settings S1-S8 on Dataöverföring: saved with a message; a value eEkonomi does not have is refused (S9),
listed above the form and next to its field, and nothing is saved."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.flows import save_demo_settings, screenshot


def test_s9_settings_are_saved_and_a_cost_center_eekonomi_lacks_is_shown_at_its_field(connected_page: Page) -> None:
    save_demo_settings(connected_page)  # S3 Projekt, S4 DIV, S5 billable: "Inställningarna sparades."
    form = connected_page.locator("form#settings")
    cost_center = form.get_by_label("Resultatenhet för projekt")
    expect(cost_center).to_have_value("Projekt")

    cost_center.fill("Finns-Inte")
    form.get_by_label("Leverantörsfakturor i PM").select_option(label="Ej fakturerbar")
    form.get_by_role("button", name="Spara inställningar").click()
    expect(form.get_by_role("alert")).to_contain_text("Inställningarna sparades inte:")
    expect(form.get_by_role("alert")).to_contain_text('Resultatenheten "Finns-Inte" finns inte i Visma eEkonomi.')
    # The same problem sits at the field, which says it is invalid and is described by it.
    field = form.locator(".field", has=connected_page.get_by_label("Resultatenhet för projekt"))
    expect(field.locator(".field-problem")).to_contain_text('Resultatenheten "Finns-Inte" finns inte')
    expect(cost_center).to_have_attribute("aria-invalid", "true")
    expect(cost_center).to_have_accessible_description(re.compile('^Resultatenheten "Finns-Inte" finns inte'))
    # Fields without a problem are not marked.
    expect(form.get_by_label("Standard artikelnummer")).not_to_have_attribute("aria-invalid", "true")
    screenshot(connected_page, "04-installningar-fel")

    connected_page.reload()  # nothing was saved: neither the bad cost center nor the S5 change beside it
    expect(form.get_by_label("Resultatenhet för projekt")).to_have_value("Projekt")
    expect(form.get_by_label("Leverantörsfakturor i PM")).to_have_value("billable")
    expect(form.get_by_label("Standard artikelnummer")).to_have_value("DIV")
