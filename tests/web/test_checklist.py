"""Checklista igångkörning (O11) on a page: each check with its state in words, what was found and what to do,
in the page's language; a missing setting is red with its fix, and reading the page writes nothing."""

from __future__ import annotations

import re

import httpx

from brygga.store import Store
from tests.web.conftest import Emulators, connect_both


async def test_o11_checklist_lists_every_check_with_state_and_fix(
    admin: httpx.AsyncClient, store: Store, emulators: Emulators
) -> None:
    await connect_both(admin, emulators)
    page = (await admin.get("/checklist")).text
    rows = re.findall(r'<tr data-check="([a-z0-9_.]+)" data-status="(green|yellow|red)">', page)
    checks = dict(rows)
    assert {"eekonomi.api_access", "eekonomi.iban", "s3.cost_center", "s4.default_article"} <= set(checks)
    assert checks["eekonomi.api_access"] == "green"
    assert checks["s3.cost_center"] in ("yellow", "red")  # no cost center chosen yet
    assert "Checklista igångkörning" in page
    assert ">Se över<" in page or ">Åtgärda<" in page  # the state in words, not colour alone
    assert "Demo Konsult AB (sandbox)" in page  # what was found, in words
    assert store.runs.history() == []  # a check, not a transfer

    english = (await admin.get("/checklist?lang=en")).text
    assert "Start-up checklist" in english and "API access in Visma eEkonomi" in english


async def test_o11_checklist_without_connections_says_what_to_do(admin: httpx.AsyncClient) -> None:
    page = (await admin.get("/checklist")).text
    assert 'data-check="eekonomi.api_access" data-status="red"' in page
    assert 'data-state="failed"' in page and "Åtgärda de röda punkterna" in page


async def test_the_checklist_needs_the_admin(client: httpx.AsyncClient) -> None:
    response = await client.get("/checklist")
    assert response.status_code == 303 and response.headers["location"] in ("/setup", "/login")
