"""Dataöverföring's settings form: every problem listed and nothing saved (S9), valid values saved, and a transfer
without connections that says what to do. The result box is in test_result_box.py, the history in
test_run_history_pages.py."""

from __future__ import annotations

import re

import httpx

from brygga.store import Store
from tests.web.conftest import page_token, run_transfer


async def test_s9_settings_with_errors_list_every_problem_and_save_nothing(
    admin: httpx.AsyncClient, store: Store
) -> None:
    token = await page_token(admin)
    form = {
        "master_customers": "fortnox",
        "supplier_invoice_period": "custom",
        "order_vat_articles": "25=G1,sex",
        "invoice_status_paid": "Slutbetald",
        "csrf_token": token,
    }
    response = await admin.post("/settings", data=form, headers={"HX-Request": "true"})
    assert response.status_code == 422
    problems = re.findall(r"<li>(.*?)</li>", response.text)
    assert len(problems) == 3, problems
    assert any("master_customers" in p and "pm, eekonomi" in p for p in problems)
    assert any("order_vat_articles" in p for p in problems)
    assert any("supplier_invoice_from" in p for p in problems)
    assert store.settings.all() == {k: v for k, v in store.settings.all().items() if k.startswith("web.")}
    # The form comes back with what was typed, so it can be corrected.
    assert 'value="Slutbetald"' in response.text


async def test_valid_settings_are_saved(admin: httpx.AsyncClient, store: Store) -> None:
    token = await page_token(admin)
    form = {"master_articles": "pm", "invoice_date": "source_date", "project_cost_center": "", "csrf_token": token}
    response = await admin.post("/settings", data=form)
    assert response.status_code == 200 and "Inställningarna sparades" in response.text
    saved = store.settings.all()
    assert (saved["master_articles"], saved["invoice_date"]) == ("pm", "source_date")
    assert "project_cost_center" not in saved  # an empty field keeps the stored value or the default


async def test_a_transfer_without_connections_says_what_to_do(admin: httpx.AsyncClient) -> None:
    response = await run_transfer(admin, "customers", "run")
    assert 'data-state="failed"' in response.text and "inte ansluten" in response.text
    assert "brygga connect" in response.text


async def test_a_transfer_without_connections_says_so_in_english_in_english_mode(admin: httpx.AsyncClient) -> None:
    response = await run_transfer(admin, "customers", "run", lang="en")
    assert 'data-state="failed"' in response.text and "is not connected" in response.text
    assert "inte ansluten" not in response.text
