"""Rule X4 in the browser: connecting again and picking another company keeps brygga's links with the first one;
every page says so in red, and a transfer stops with the same message instead of writing anywhere."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators.server import EmulatorServer
from tests.browser.conftest import PageFactory
from tests.browser.flows import COMPANY, choose_password, connect_eekonomi, connect_pm, result_box, screenshot
from tests.browser.servers import Emulators, RunningBrygga

OTHER = {"Name": "Annat Bolag AB", "CorporateIdentityNumber": "559999-0001", "CompanyIdentifier": "other-id"}


@pytest.fixture
def own_eekonomi() -> Iterator[tuple[eek_emulator.Emulator, EmulatorServer]]:
    """An eEkonomi of this test's own: the shared one must keep its company for the other tests."""
    world = eek_emulator.build_emulator("demo")
    server = EmulatorServer(world.app)
    server.start()
    yield world, server
    server.stop()


def test_x4_another_company_is_announced_on_every_page_and_stops_transfers(
    fresh_brygga: RunningBrygga,
    new_page: PageFactory,
    emulators: Emulators,
    own_eekonomi: tuple[eek_emulator.Emulator, EmulatorServer],
) -> None:
    world, server = own_eekonomi
    systems = Emulators(server, emulators.pm)
    page: Page = new_page(fresh_brygga.url)
    choose_password(page)
    connect_pm(page, systems)
    connect_eekonomi(page, systems)
    expect(page.locator("#company-warning")).to_have_count(0)

    company = world.store.settings.get("company") or {}
    world.store.settings.put("company", {**company, **OTHER})  # what picking another company at Visma means
    connect_eekonomi(page, systems, company="Annat Bolag AB")

    for path in ("/connections", "/", "/orders"):
        page.goto(path)
        warning = page.locator("#company-warning[role=alert]")
        expect(warning).to_contain_text("Fel företag i Visma eEkonomi.")
        expect(warning).to_contain_text("Annat Bolag AB (559999-0001)")
        expect(warning).to_contain_text(COMPANY)
    page.goto("/")
    screenshot(page, "10-fel-foretag")

    page.get_by_role("button", name="Överför: Kunder", exact=True).click()
    expect(result_box(page)).to_have_attribute("data-state", "failed", timeout=30_000)
    expect(result_box(page)).to_contain_text("Inga överföringar görs")
