"""The object history page ``/object/{category}/{key}``, the search ``/object?key=…`` and a run's objects
``/runs/{id}/items``, in process (the same TestClient setup as tests/web): Swedish first, English on the switch, the
not-found message with its hint, and the links from Felmeddelanden and Körningshistorik that lead there."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from html import unescape

import httpx
import pytest

from brygga.config import Settings
from brygga.store import ItemRecord, Store
from brygga.web import create_app
from tests.history.records import C2_HINT, EEK_ID, PM_ID, record_runs
from tests.web.conftest import PASSWORD, csrf_of


@pytest.fixture
async def admin(store: Store, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(lambda _settings: store, settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000") as client:
        token = csrf_of(await client.get("/setup"))
        answer = await client.post("/setup", data={"password": PASSWORD, "repeat": PASSWORD, "csrf_token": token})
        assert answer.status_code == 303
        yield client


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


async def test_object_page_shows_the_update_old_to_new_the_links_and_a_failure_with_its_hint(
    admin: httpx.AsyncClient, store: Store
) -> None:
    record_runs(store)
    page = await admin.get("/object/customers/1001?lang=sv")
    assert page.status_code == 200
    text = _text(page.text)
    assert "Objekthistorik: Kunder 1001" in text and "Aurora Konsult & Co AB" in text
    assert "Namn: Aurora Konsult AB → Aurora Konsult & Co AB" in text
    assert PM_ID in text and EEK_ID in text
    assert text.index("Uppdaterad") < text.index("Skapad")  # newest first
    failed = _text((await admin.get("/object/customers/1003")).text)
    assert "kopplades inte" in failed and f"Gör så här: {C2_HINT}" in failed
    assert "Inte kopplat i något system ännu." in failed
    english = _text((await admin.get("/object/customers/1001?lang=en")).text)
    assert "Object history: Customers 1001" in english and "Name: Aurora Konsult AB → Aurora Konsult & Co AB" in english


async def test_object_page_of_an_unknown_number_says_inget_objekt_with_a_hint_on_a_fresh_store(
    admin: httpx.AsyncClient,
) -> None:
    page = await admin.get("/object/customers/4711")
    assert page.status_code == 404
    text = _text(page.text)
    assert "Inget objekt med nummer 4711 bland kunder har överförts." in text and "Kontrollera numret" in text
    english = await admin.get("/object?key=4711&lang=en")
    assert english.status_code == 404 and "No object with number 4711 has been transferred." in _text(english.text)
    assert (await admin.get("/object")).status_code == 200  # the empty search form


async def test_object_search_finds_the_number_in_every_category_and_links_each_match(
    admin: httpx.AsyncClient, store: Store
) -> None:
    record_runs(store)
    run = store.runs.start(["articles"], dry_run=False)
    store.runs.add_items(run, [ItemRecord("articles", "pm->eek", "1001", "Konsulttimme", "create", "succeeded")])
    store.runs.finish(run, "ok", "")
    page = (await admin.get("/object?key=1001")).text
    assert 'href="/object/customers/1001"' in page and 'href="/object/articles/1001"' in page
    elsewhere = await admin.get("/object/projects/1001")  # e.g. a link with the wrong category
    assert elsewhere.status_code == 404
    assert "Inget objekt med nummer 1001 bland projekt har överförts." in _text(elsewhere.text)
    assert 'href="/object/customers/1001"' in elsewhere.text and 'href="/object/articles/1001"' in elsewhere.text


async def test_error_list_and_run_list_link_to_the_object_page(admin: httpx.AsyncClient, store: Store) -> None:
    first, second = record_runs(store)
    errors = (await admin.get("/errors")).text
    assert 'href="/object/customers/1003"' in errors and 'href="/object/customers/1044"' in errors
    runs = (await admin.get("/runs")).text
    assert f'href="/runs/{second}/items"' in runs and f'href="/runs/{first}/items"' in runs
    items = await admin.get(f"/runs/{second}/items")
    assert items.status_code == 200
    text = _text(items.text)
    assert "Objekten i körning #" in text and "Namn: Aurora Konsult AB → Aurora Konsult & Co AB" in text
    for key in ("1001", "1003", "1044"):
        assert f'href="/object/customers/{key}"' in items.text
    assert (await admin.get(f"/object/customers/{key}")).status_code == 200


async def test_invoice_numbers_with_a_slash_have_their_own_page(admin: httpx.AsyncClient, store: Store) -> None:
    run = store.runs.start(["invoices"], dry_run=False)
    store.runs.add_items(
        run,
        [ItemRecord("invoices", "pm->eek", "1004/2009", "Dalarö Fastigheter AB", "create", "succeeded", pm_id="g")],
    )
    store.runs.finish(run, "ok", "")
    errors_link = (await admin.get(f"/runs/{run}/items")).text
    assert 'href="/object/invoices/1004/2009"' in errors_link
    page = await admin.get("/object/invoices/1004/2009")
    assert page.status_code == 200 and "Dalarö Fastigheter AB" in page.text
