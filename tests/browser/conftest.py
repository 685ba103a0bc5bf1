"""Playwright driving Debian's Chromium against brygga served for real, with both demo emulators.

One browser, one pair of emulators and one brygga app serve the whole folder, as one admin's "user journey";
each test gets a fresh browser context (own cookies, so Swedish) and asks, through fixtures, for the state it
needs: ``visitor`` (logged out), ``admin_page`` (logged in), ``connected_page`` (both systems connected, demo settings
saved), ``orders_in_inbox``, ``transferred_page`` (customers and articles transferred). A fixture does its step
only once per app, so each test runs alone as well as in the suite. The first-start test gets an app of
its own (``fresh_brygga``), because only a new app has no password.

The shared fixtures are package-scoped, not session-scoped: Playwright's sync API keeps its event loop marked
as running in the main thread while it is open, which would stop every asyncio test that runs after this folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, StorageState, expect, sync_playwright

from tests.browser.flows import (
    choose_password,
    connect_eekonomi,
    connect_pm,
    run_category,
    save_demo_settings,
    upload_orders,
)
from tests.browser.servers import Emulators, RunningBrygga, start_brygga, start_emulators

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium waits for update and sync servers it cannot reach on a closed network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PageFactory = Callable[..., Page]  # (base_url, storage_state=None) -> a page in a fresh context


def chromium_path() -> str:
    return os.environ.get("BRYGGA_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="package")
def playwright_session() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="package")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    executable = chromium_path()
    if not os.access(executable, os.X_OK):
        pytest.fail(f"Chromium saknas ({executable}): kör `make browser` (eller ange sökvägen i BRYGGA_CHROMIUM).")
    launched = playwright_session.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture(scope="package")
def emulators() -> Iterator[Emulators]:
    started = start_emulators()
    yield started
    started.stop()


@pytest.fixture(scope="package")
def brygga(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningBrygga]:
    app = start_brygga(tmp_path_factory.mktemp("brygga"))
    yield app
    app.stop()


@pytest.fixture
def fresh_brygga(tmp_path: Path) -> Iterator[RunningBrygga]:
    app = start_brygga(tmp_path)
    yield app
    app.stop()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[PageFactory]:
    """Pages in fresh contexts, each with ``base_url`` set so that the flows can say ``page.goto("/")``, and
    optionally with the cookies of ``storage_state``."""
    contexts = []

    def make(base_url: str, storage_state: StorageState | None = None) -> Page:
        context = browser.new_context(
            base_url=base_url, locale="sv-SE", viewport={"width": 1280, "height": 900}, storage_state=storage_state
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="package")
def admin_cookies(browser: Browser, brygga: RunningBrygga) -> StorageState:
    """The session cookie of the admin who chose the password on first start, which logged them in.

    Tests start from a copy of it instead of logging in each time; the login itself has its own tests.
    """
    context = browser.new_context(base_url=brygga.url)
    try:
        choose_password(context.new_page())
        return context.storage_state()
    finally:
        context.close()


@pytest.fixture
def visitor(new_page: PageFactory, brygga: RunningBrygga, admin_cookies: StorageState) -> Page:
    """A page on the shared app whose admin password exists, not logged in."""
    return new_page(brygga.url)


@pytest.fixture
def admin_page(new_page: PageFactory, brygga: RunningBrygga, admin_cookies: StorageState) -> Page:
    page = new_page(brygga.url, admin_cookies)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dataöverföring")
    return page


@pytest.fixture
def connected_page(admin_page: Page, brygga: RunningBrygga, emulators: Emulators) -> Page:
    once(brygga, "pm", lambda: _connect_pm_and_check(admin_page, emulators))
    once(brygga, "eekonomi", lambda: connect_eekonomi(admin_page, emulators))
    once(brygga, "settings", lambda: save_demo_settings(admin_page))
    admin_page.goto("/")
    return admin_page


@pytest.fixture
def orders_in_inbox(admin_page: Page, brygga: RunningBrygga, tmp_path: Path) -> None:
    once(brygga, "orders", lambda: upload_orders(admin_page, tmp_path))


@pytest.fixture
def transferred_page(connected_page: Page, brygga: RunningBrygga) -> Page:
    """Customers and articles transferred for real: the demo data has known failures in both."""
    for category in ("customers", "articles"):
        once(brygga, f"run:{category}", partial(run_category, connected_page, category, dry_run=False))
    connected_page.goto("/")
    return connected_page


def once(brygga: RunningBrygga, step: str, action: Callable[[], None]) -> None:
    """Do ``action`` unless an earlier test already did ``step`` on this app; mark it done only on success."""
    if step in brygga.done:
        return
    action()
    brygga.done.add(step)


def _connect_pm_and_check(page: Page, emulators: Emulators) -> None:
    connect_pm(page, emulators)
    expect(page.locator("form[action='/connections/severa/disconnect']")).to_be_visible()
