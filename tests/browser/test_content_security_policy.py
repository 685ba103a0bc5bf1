"""The pages work under their own Content-Security-Policy: no script, style or request of theirs is refused
(a refusal would show in the browser console), also while htmx swaps a transfer's result in."""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage, Page

from tests.browser.flows import run_category


def test_no_csp_refusals_on_the_main_pages_and_during_a_dry_run(connected_page: Page) -> None:
    refusals: list[str] = []

    def note(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            refusals.append(f"{connected_page.url}: {message.text}")

    connected_page.on("console", note)
    for path in ("/", "/errors", "/connections", "/orders", "/?lang=en"):
        connected_page.goto(path)
        connected_page.wait_for_load_state("load")
    connected_page.goto("/?lang=sv")  # back from the English visit: the flows press Swedish buttons
    run_category(connected_page, "projects", dry_run=True)
    assert not refusals, refusals
