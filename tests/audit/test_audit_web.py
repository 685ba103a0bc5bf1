"""The Ändringslogg page: a change made through a page is recorded as the web's admin, the page shows the chosen
company's events only (newest first, Swedish time, English with the switch), never a secret, and a fresh company
says that nothing has changed yet."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from brygga.actor import Actor, acting
from brygga.config import Settings
from brygga.store import Store
from brygga.store.audit import AuditStore
from brygga.store.companies import CompanyRegistry
from brygga.web import create_app
from brygga.web.pages import COMPANY_COOKIE
from tests.web.conftest import PASSWORD, csrf_of, page_token

SECRET = "klient-hemlighet-4711-xyz"


@pytest.fixture
async def admin(store: Store, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(lambda _settings: store, settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000") as http:
        token = csrf_of(await http.get("/setup"))
        await http.post("/setup", data={"password": PASSWORD, "repeat": PASSWORD, "csrf_token": token})
        yield http


async def test_audit_web_a_fresh_company_has_no_changes_yet(admin: httpx.AsyncClient) -> None:
    page = await admin.get("/audit")
    assert page.status_code == 200
    assert "Ändringslogg" in page.text and "Inga ändringar ännu." in page.text
    assert "No changes yet." in (await admin.get("/audit?lang=en")).text


async def test_audit_web_a_schedule_saved_on_the_page_is_recorded_as_the_web_admin(
    admin: httpx.AsyncClient, store: Store
) -> None:
    token = await page_token(admin, "/")
    form = {"category": "customers", "kind": "every", "every_minutes": "10", "start": "07:00", "end": "19:00"}
    saved = await admin.post(
        "/schedule", data={"csrf_token": token, **form, "days": ["mon", "tue", "wed", "thu", "fri"]}
    )
    assert saved.status_code in (200, 303)
    (event,) = AuditStore(store.db, store.tenant).events()
    assert (event.actor, event.source, event.subject) == ("webb (admin)", "web", "schedule")
    page = (await admin.get("/audit")).text
    assert "Schema Kunder: Manuell → var 10:e minut 07–19 mån–fre" in page
    assert "webb (admin)" in page
    english = (await admin.get("/audit?lang=en")).text
    assert "Schedule Customers: Manual → every 10 minutes 07–19" in english


async def test_audit_web_page_shows_only_the_chosen_company_and_no_secret(
    admin: httpx.AsyncClient, store: Store
) -> None:
    CompanyRegistry(store.db).add("beta")
    beta = Store.for_tenant(store.db, "beta")
    with acting(Actor("cli:anna", "cli")):
        store.connections.save(
            "severa", api_url="https://pm.test", auth_url=None, client_id="cid", client_secret=SECRET
        )
        store.connections.save("severa", api_url="https://pm.test", auth_url=None, client_id="cid", client_secret="x2")
        beta.settings.set_many({"master_articles": "eekonomi"})
    admin.cookies.set(COMPANY_COOKIE, store.tenant)
    own = (await admin.get("/audit")).text
    assert "Anslutning Visma PM: ansluten igen (klienthemlighet ändrad)" in own and "cli:anna" in own
    assert "Huvudsystem för artiklar" not in own
    assert SECRET not in own and "x2" not in own.replace("x2-", "")
    admin.cookies.set(COMPANY_COOKIE, "beta")
    other = (await admin.get("/audit")).text
    assert "Inställning Huvudsystem för artiklar: (inget) → Visma eEkonomi" in other
    assert "Anslutning Visma PM" not in other


async def test_audit_web_pages_the_log_newest_first(admin: httpx.AsyncClient, store: Store) -> None:
    with acting(Actor("cli:anna", "cli")):
        for n in range(1, 56):
            store.settings.set_many({"default_article_number": f"A{n:03d}"})
    first = (await admin.get("/audit")).text
    assert first.index("A054 → A055") < first.index("A053 → A054")  # newest first
    assert "A005 → A006" in first and "A004 → A005" not in first and "Sida 1 / 2" in first
    second = (await admin.get("/audit?page=2")).text
    assert "(inget) → A001" in second and "A055" not in second


async def test_audit_web_needs_the_admin(store: Store, settings: Settings) -> None:
    app = create_app(lambda _settings: store, settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000") as http:
        response = await http.get("/audit")
    assert response.status_code == 303
