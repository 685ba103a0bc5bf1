"""Dataöverföring against both demo emulators: settings with every problem listed, a dry run's plan, a real
customers transfer's red box with counts, and Felmeddelanden with the hint and its filters."""

from __future__ import annotations

import re

import httpx

from brygga.store import Store
from tests.web.conftest import Emulators, connect_both, page_token, run_transfer


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


async def test_x5_dry_run_shows_the_plan_and_writes_nothing(
    admin: httpx.AsyncClient, store: Store, emulators: Emulators
) -> None:
    await connect_both(admin, emulators)
    response = await run_transfer(admin, "customers", "dry-run")
    assert "Torrkörning (inget skrevs)" in response.text
    plan = re.search(r'<table class="plan">.*?</table>', response.text, re.S)
    assert plan is not None
    actions = set(re.findall(r'<td data-action="(create|update|link|reject|skip)">', plan.group(0)))
    assert "<td>Visma PM → Visma eEkonomi</td>" in plan.group(0) and ">Skapas</td>" in plan.group(0)
    assert {"create", "link"} <= actions
    assert store.runs.history() == [] and store.protocol.links("customers") == []


async def test_x1_real_customers_transfer_shows_the_red_box_with_counts_and_the_error_tab(
    admin: httpx.AsyncClient, store: Store, emulators: Emulators
) -> None:
    await connect_both(admin, emulators)
    response = await run_transfer(admin, "customers", "run")
    box = re.search(r'<div class="box bad" data-state="failed".*?</div>', response.text, re.S)
    assert box is not None, response.text
    counts = re.search(r"Kunder: (\d+) lyckades, (\d+) misslyckades, (\d+) hoppades över", box.group(0))
    assert counts is not None
    succeeded, failed, _ = (int(n) for n in counts.groups())
    assert succeeded > 0 and failed > 0
    [(run_id, categories, status, _, _)] = store.runs.history()
    assert (categories, status) == ("customers", "failed") and f"#{run_id}" in box.group(0)

    failures = store.runs.latest_failures()
    assert len(failures) == failed
    first = next(f for f in failures if f.hint)
    tab = await admin.get("/errors", headers={"HX-Request": "true"})
    assert "<html" not in tab.text  # a fragment for htmx
    assert first.object_key in tab.text and _escaped(first.hint or "") in tab.text
    assert _escaped(first.message or "") in tab.text

    by_run = await admin.get(f"/errors?run={run_id}&category=customers")
    assert first.object_key in by_run.text and "<html" in by_run.text
    other = await admin.get("/errors?category=articles")
    assert "Inga fel i senaste körningarna" in other.text
    english = await admin.get("/errors?lang=en", headers={"HX-Request": "true"})
    assert _escaped(first.hint_en or first.hint or "") in english.text

    page = await admin.get("/?lang=sv")
    assert f"<td>{run_id}</td>" in page.text and "Ingen överföring ännu." in page.text  # other categories
    assert "Visma eEkonomi 20" in page.text  # the last transfer of customers, with its date


def _escaped(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")
    )


async def test_x3_the_run_list_speaks_the_page_language(
    admin: httpx.AsyncClient, store: Store, emulators: Emulators
) -> None:
    await connect_both(admin, emulators)
    await run_transfer(admin, "customers", "run")
    [(run_id, _, _, _, _)] = store.runs.history()
    failed = len(store.runs.latest_failures())
    swedish = (await admin.get("/?lang=sv")).text
    row = re.search(rf"<tr><td>{run_id}</td>.*?</tr>", swedish, re.S)
    assert row is not None
    assert "<td>Kunder</td><td>Misslyckades</td>" in row.group(0)
    assert re.search(rf"Kunder: \d+ lyckades, {failed} misslyckades, \d+ hoppades över", row.group(0))
    english = (await admin.get("/?lang=en")).text
    row = re.search(rf"<tr><td>{run_id}</td>.*?</tr>", english, re.S)
    assert row is not None and "<td>Customers</td><td>Failed</td>" in row.group(0)
    assert re.search(rf"Customers: \d+ succeeded, {failed} failed, \d+ skipped", row.group(0))
