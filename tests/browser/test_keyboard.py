"""Keyboard only (Tab, Shift+Tab, Enter, Space; typing only into a field reached with Tab): log in, run one
category's dry run and switch the language; the skip link comes first and every focus stop is visibly marked."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import PageFactory
from tests.browser.flows import PASSWORD, result_box
from tests.browser.servers import RunningBrygga

MAX_TAB_STOPS = 60

# What the focused element looks like: tag, id, accessible-ish name; and whether its focus is visible
# (an outline or a box shadow, as computed for it while focused).
_FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== 'none';
  const name = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().slice(0, 60);
  return {tag: el.tagName.toLowerCase(), id: el.id, name: name, visible: outline || shadow};
}"""


def test_keyboard_only_log_in_dry_run_and_language_switch(
    connected_page: Page, new_page: PageFactory, brygga: RunningBrygga
) -> None:
    # connected_page only brings the app to a state where a dry run has work; the keyboard user starts afresh.
    page = new_page(brygga.url)
    page.goto("/login")

    first = _press(page, "Tab")
    assert (first["tag"], first["name"]) == ("a", "Hoppa till innehållet"), first
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_in_viewport()
    assert _press(page, "Enter")["id"] == "main"

    assert _press(page, "Tab")["id"] == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dataöverföring")
    page.wait_for_load_state("load")  # htmx, a deferred script, must own the buttons before Enter presses one

    _tab_to(page, "Tab", name="Torrkörning: Kunder")
    _press(page, "Space")
    expect(result_box(page)).to_have_attribute("data-state", "dry-run", timeout=30_000)
    expect(result_box(page).get_by_role("heading")).to_have_text("Torrkörning (inget skrevs)")

    _tab_to(page, "Shift+Tab", name="In English")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Data transfer")
    assert _press(page, "Tab")["name"] == "Skip to content"


def _press(page: Page, key: str) -> dict[str, str | bool]:
    """Press ``key`` and describe the element that has the focus then; its focus must be visible."""
    page.keyboard.press(key)
    focused: dict[str, str | bool] = page.evaluate(_FOCUSED)
    assert focused["tag"] != "body", f"{key} left the focus nowhere"
    assert focused["visible"], f"no visible focus indicator on {focused}"
    return focused


def _tab_to(page: Page, key: str, *, name: str) -> None:
    """Press ``key`` until the element named ``name`` has the focus, checking every stop on the way."""
    stops = []
    for _ in range(MAX_TAB_STOPS):
        focused = _press(page, key)
        stops.append(focused["name"])
        if focused["name"] == name:
            return
    raise AssertionError(f"{name!r} was not reached with {key}; the stops were {stops}")
