"""Connecting Visma eEkonomi from the page: the authorization-code flow with the company picker forced and a
checked ``state`` (one use, this browser session only), the company's name and organisation number shown, and
rule X4 on the pages: another company behind the connection is announced and transfers stop."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from brygga.config import Settings
from brygga.store import Store
from brygga.web import create_app
from tests.web.conftest import PASSWORD, Emulators, connect_both, connect_eekonomi, csrf_of, page_token, run_transfer

OTHER = {"Name": "Annat Bolag AB", "CorporateIdentityNumber": "559999-0001", "CompanyIdentifier": "other-id"}


async def _start(admin: httpx.AsyncClient, emulators: Emulators) -> dict[str, str]:
    token = await page_token(admin, "/connections")
    form = {"api_url": f"{emulators.eek_url}/v2", "auth_url": emulators.eek_url, "csrf_token": token}
    started = await admin.post("/connections/eekonomi", data=form)
    assert started.status_code == 303
    location = urlsplit(started.headers["location"])
    assert f"{location.scheme}://{location.netloc}" == emulators.eek_url and location.path == "/connect/authorize"
    return {key: values[0] for key, values in parse_qs(location.query).items()}


async def _approve(authorize: dict[str, str], emulators: Emulators) -> str:
    async with httpx.AsyncClient() as identity_server:
        approved = await identity_server.get(f"{emulators.eek_url}/connect/authorize", params=authorize)
    back = urlsplit(approved.headers["location"])
    return f"{back.path}?{back.query}"


async def test_x4_connect_asks_for_the_company_picker_and_comes_back_to_the_callback(
    admin: httpx.AsyncClient, emulators: Emulators
) -> None:
    query = await _start(admin, emulators)
    assert query["prompt"] == "select_account" and query["acr_values"].startswith("service:")
    assert query["redirect_uri"] == "http://127.0.0.1:8000/connections/eekonomi/callback"
    assert len(query["state"]) >= 32 and "ea:api" in query["scope"]
    assert "client_secret" not in query


async def test_x4_the_company_name_and_organisation_number_are_shown(
    admin: httpx.AsyncClient, store: Store, emulators: Emulators
) -> None:
    done = await connect_eekonomi(admin, emulators)
    assert done.headers["location"] == "/connections?eekonomi=ok"
    page = (await admin.get(done.headers["location"])).text.replace("&amp;", "&")
    assert "Demo Konsult AB (sandbox)" in page and "556123-4567" in page and 'role="status"' in page
    info = store.connections.get("eekonomi")
    assert info is not None and info.client_secret  # stored (encrypted), never put in a URL


async def test_an_unknown_state_is_refused_and_nothing_is_stored(
    admin: httpx.AsyncClient, store: Store, emulators: Emulators
) -> None:
    query = await _start(admin, emulators)
    callback = await _approve({**query, "state": "forged-state"}, emulators)
    response = await admin.get(callback)
    assert response.status_code == 422 and "hörde inte till någon anslutning" in response.text
    assert store.connections.get("eekonomi") is None


async def test_a_state_works_once(admin: httpx.AsyncClient, store: Store, emulators: Emulators) -> None:
    callback = await _approve(await _start(admin, emulators), emulators)
    assert (await admin.get(callback)).status_code == 303
    again = await admin.get(callback)
    assert again.status_code == 422 and "hörde inte till någon anslutning" in again.text


async def test_a_state_from_another_browser_session_is_refused(
    admin: httpx.AsyncClient, store: Store, settings: Settings, emulators: Emulators
) -> None:
    """Someone who lures the admin to a callback with the attacker's own code must not connect their company."""
    callback = await _approve(await _start(admin, emulators), emulators)
    app = create_app(lambda _settings: store, settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as other:
        token = csrf_of(await other.get("/login"))
        await other.post("/login", data={"password": PASSWORD, "csrf_token": token})
        response = await other.get(callback)
    assert response.status_code == 422 and store.connections.get("eekonomi") is None


async def test_a_refusal_at_visma_is_explained(admin: httpx.AsyncClient, store: Store, emulators: Emulators) -> None:
    query = await _start(admin, emulators)
    response = await admin.get(f"/connections/eekonomi/callback?error=access_denied&state={query['state']}")
    assert response.status_code == 422 and "godkände inte anslutningen (access_denied)" in response.text
    assert store.connections.get("eekonomi") is None


@pytest.fixture
async def connected(admin: httpx.AsyncClient, emulators: Emulators) -> AsyncIterator[httpx.AsyncClient]:
    await connect_both(admin, emulators)
    yield admin


async def test_x4_another_company_behind_the_connection_is_announced_and_stops_transfers(
    connected: httpx.AsyncClient, emulators: Emulators
) -> None:
    assert 'id="company-warning"' not in (await connected.get("/")).text
    assert emulators.eek_emulator is not None
    company = emulators.eek_emulator.store.settings.get("company") or {}
    emulators.eek_emulator.store.settings.put("company", {**company, **OTHER})
    # Connecting again with the other company picked: kept, but announced; the links stay with the first one.
    callback = await _approve(await _start(connected, emulators), emulators)
    assert (await connected.get(callback)).headers["location"] == "/connections?eekonomi=changed"
    for path in ("/", "/connections"):
        page = (await connected.get(path)).text
        assert 'id="company-warning"' in page and "Annat Bolag AB (559999-0001)" in page, path
        assert "Demo Konsult AB (sandbox)" in page and "Inga överföringar görs" in page
    result = await run_transfer(connected, "customers", "run")
    assert "Inga överföringar görs" in result.text


async def test_x4_the_right_company_again_clears_the_warning(
    connected: httpx.AsyncClient, emulators: Emulators
) -> None:
    assert emulators.eek_emulator is not None
    original = dict(emulators.eek_emulator.store.settings.get("company") or {})
    emulators.eek_emulator.store.settings.put("company", {**original, **OTHER})
    await connected.get(await _approve(await _start(connected, emulators), emulators))
    assert 'id="company-warning"' in (await connected.get("/")).text
    emulators.eek_emulator.store.settings.put("company", original)
    await connected.get(await _approve(await _start(connected, emulators), emulators))
    assert 'id="company-warning"' not in (await connected.get("/")).text


async def test_the_registered_public_address_is_the_redirect_uri(
    store: Store, settings: Settings, emulators: Emulators
) -> None:
    """Behind a proxy the request's own address is not what Visma has registered: BRYGGA_PUBLIC_URL is."""
    public = settings.model_copy(update={"public_url": "https://brygga.example.se/"})
    transport = httpx.ASGITransport(app=create_app(lambda _settings: store, public))
    async with httpx.AsyncClient(transport=transport, base_url="http://10.0.0.5:8000") as browser:
        token = csrf_of(await browser.get("/setup"))
        await browser.post("/setup", data={"password": PASSWORD, "repeat": PASSWORD, "csrf_token": token})
        query = await _start(browser, emulators)
    assert query["redirect_uri"] == "https://brygga.example.se/connections/eekonomi/callback"
