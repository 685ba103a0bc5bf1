"""The browser the other tests drive: Debian's Chromium, never one that Playwright downloads."""

from __future__ import annotations

import os

from tests.browser.conftest import chromium_path


def test_debians_chromium_is_installed() -> None:
    # A failure, not a skip: without Chromium none of the browser tests has run.
    executable = chromium_path()
    assert os.access(executable, os.X_OK), (
        f"Chromium saknas ({executable}): kör `make browser` (eller ange sökvägen i BRYGGA_CHROMIUM)."
    )
