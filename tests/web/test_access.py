"""Access: first-start password, login required, CSRF on every POST, the language switch, and the refusal to
serve beyond loopback while no password is set."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import text

from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.store import Store
from brygga.web import check_bind_allowed, serve
from brygga.web.access import PASSWORD_KEY, installation_store, set_password
from brygga.web.sessions import COOKIE_NAME
from tests.web.conftest import PASSWORD, csrf_of, page_token


async def test_first_start_sends_every_page_to_the_setup_page(client: httpx.AsyncClient) -> None:
    for path in ("/", "/connections", "/orders", "/errors", "/login"):
        response = await client.get(path)
        assert (response.status_code, response.headers["location"]) == (303, "/setup"), path
    setup = await client.get("/setup")
    assert setup.status_code == 200 and "Välj administratörslösenord" in setup.text
    assert '<label for="password">' in setup.text and '<label for="repeat">' in setup.text


async def test_setup_stores_only_an_argon2_hash_and_logs_in(admin: httpx.AsyncClient, store: Store) -> None:
    stored = installation_store(store).settings.all()[PASSWORD_KEY]
    assert stored.startswith("$argon2") and PASSWORD not in stored
    page = await admin.get("/")
    assert page.status_code == 200 and "Dataöverföring" in page.text
    # Once set, the setup page cannot replace the password.
    again = await admin.post("/setup", data={"password": "x" * 12, "repeat": "x" * 12, "csrf_token": csrf_of(page)})
    assert again.headers["location"] == "/login"
    assert installation_store(store).settings.all()[PASSWORD_KEY] == stored


async def test_setup_refuses_a_short_or_mismatched_password(client: httpx.AsyncClient, store: Store) -> None:
    token = await page_token(client, "/setup")
    short = await client.post("/setup", data={"password": "kort", "repeat": "kort", "csrf_token": token})
    differ = await client.post("/setup", data={"password": PASSWORD, "repeat": PASSWORD + "!", "csrf_token": token})
    assert short.status_code == 422 and "minst 10 tecken" in short.text
    assert differ.status_code == 422 and "inte lika" in differ.text
    assert PASSWORD_KEY not in installation_store(store).settings.all()


async def test_session_cookie_is_httponly_and_samesite_lax(client: httpx.AsyncClient) -> None:
    response = await client.get("/setup")
    cookie = next(v for k, v in response.headers.multi_items() if k == "set-cookie" and v.startswith(COOKIE_NAME))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie  # plain http here


async def test_login_is_required_and_a_wrong_password_is_refused(client: httpx.AsyncClient, store: Store) -> None:
    set_password(store, PASSWORD)
    assert (await client.get("/")).headers["location"] == "/login"
    token = await page_token(client, "/login")
    wrong = await client.post("/login", data={"password": "fel lösenord", "csrf_token": token})
    assert wrong.status_code == 401 and "Fel lösenord" in wrong.text
    assert (await client.get("/")).status_code == 303
    right = await client.post("/login", data={"password": PASSWORD, "csrf_token": token})
    assert right.headers["location"] == "/"
    assert (await client.get("/")).status_code == 200


async def test_htmx_requests_are_redirected_with_hx_redirect(client: httpx.AsyncClient, store: Store) -> None:
    set_password(store, PASSWORD)
    response = await client.get("/errors", headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"] == "/login"


async def test_logout_ends_the_session(admin: httpx.AsyncClient) -> None:
    token = await page_token(admin)
    assert (await admin.post("/logout", data={"csrf_token": token})).headers["location"] == "/login"
    assert (await admin.get("/")).headers["location"] == "/login"


async def test_a_post_without_or_with_a_wrong_csrf_token_is_refused(admin: httpx.AsyncClient, store: Store) -> None:
    token = await page_token(admin)
    missing = await admin.post("/settings", data={"master_customers": "eekonomi"})
    wrong = await admin.post("/settings", data={"master_customers": "eekonomi", "csrf_token": token[:-2] + "xx"})
    header_wrong = await admin.post("/settings", data={"master_customers": "eekonomi"}, headers={"X-CSRF-Token": "x"})
    assert [r.status_code for r in (missing, wrong, header_wrong)] == [403, 403, 403]
    assert "säkerhetstoken" in missing.json()["detail"]
    assert "master_customers" not in store.settings.all()
    # The token in htmx's header is accepted as well as the form field.
    ok = await admin.post("/settings", data={"master_customers": "eekonomi"}, headers={"X-CSRF-Token": token})
    assert ok.status_code == 200 and store.settings.all()["master_customers"] == "eekonomi"


async def test_login_form_needs_its_csrf_token(client: httpx.AsyncClient, store: Store) -> None:
    set_password(store, PASSWORD)
    await client.get("/login")
    response = await client.post("/login", data={"password": PASSWORD})
    assert response.status_code == 403
    assert (await client.get("/")).headers["location"] == "/login"


async def test_english_switch_by_query_then_cookie(admin: httpx.AsyncClient) -> None:
    swedish = await admin.get("/")
    assert '<html lang="sv">' in swedish.text and "Felmeddelanden" in swedish.text
    english = await admin.get("/?lang=en")
    assert '<html lang="en">' in english.text and "Error messages" in english.text and "Dry run" in english.text
    remembered = await admin.get("/connections")
    assert '<html lang="en">' in remembered.text and "Disconnect" not in remembered.text
    assert "Not connected" in remembered.text
    back = await admin.get("/?lang=sv")
    assert "Torrkörning" in back.text and "Kontrollera skickade eller betalda fakturor" in back.text


def test_binding_beyond_loopback_needs_a_password(store: Store) -> None:
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        check_bind_allowed(store, host)
    for host in ("0.0.0.0", "192.168.1.10", "brygga.example.se", "::"):
        with pytest.raises(ConfigError, match="administratörslösenord"):
            check_bind_allowed(store, host)
    set_password(store, PASSWORD)
    check_bind_allowed(store, "0.0.0.0")


def test_serve_refuses_a_public_host_before_binding(settings: Settings, store: Store) -> None:
    with pytest.raises(ConfigError, match=r"0\.0\.0\.0"):
        serve(settings, host="0.0.0.0", port=1)
    with store.db.read() as session:
        assert session.execute(text("SELECT count(*) FROM setting")).scalar() == 0


async def test_a_csrf_token_with_non_ascii_characters_is_refused_not_a_crash(admin: httpx.AsyncClient) -> None:
    response = await admin.post("/settings", data={"csrf_token": "fel-token-åäö"})
    assert response.status_code == 403


def test_the_emulators_demo_client_is_offered_only_for_an_identity_server_on_this_machine() -> None:
    from brygga.connections import loopback_demo_client
    from brygga_emulators.eekonomi import DEMO_CLIENT_ID

    for url in ("http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080"):
        found = loopback_demo_client(url)
        assert found is not None and found[0] == DEMO_CLIENT_ID, url
    assert loopback_demo_client("https://identity.vismaonline.com") is None
    assert loopback_demo_client("http://10.0.0.5:8080") is None
