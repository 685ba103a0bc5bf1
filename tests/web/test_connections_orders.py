"""Anslutningar (connect both demo emulators, see the company, disconnect) and the Orderinkorg upload."""

from __future__ import annotations

import json
import re

import httpx

from brygga.store import Store
from brygga.store.orders import OrderStore
from brygga_emulators import severa as pm_emulator
from tests.orders.builders import order_document
from tests.web.conftest import Emulators, connect_both, page_token


async def test_connect_both_shows_the_company_then_disconnect(
    admin: httpx.AsyncClient, store: Store, emulators: Emulators
) -> None:
    eek, pm = await connect_both(admin, emulators)
    assert eek.status_code == 303 and eek.headers["location"] == "/connections?eekonomi=ok", eek.text
    assert pm.status_code == 200, pm.text
    info = store.connections.get("eekonomi")
    assert info is not None and info.company_name
    assert store.connections.get("severa") is not None
    page = await admin.get("/connections")
    assert f"<dd data-company>{info.company_name}</dd>" in page.text.replace("&amp;", "&")
    assert page.text.count("Koppla från") == 2

    token = await page_token(admin, "/connections")
    response = await admin.post("/connections/eekonomi/disconnect", data={"csrf_token": token})
    assert response.headers["location"] == "/connections"
    assert store.connections.get("eekonomi") is None and store.connections.get("severa") is not None
    assert (await admin.get("/connections")).text.count("Koppla från") == 1


async def test_a_failed_connection_is_explained_and_nothing_is_stored(admin: httpx.AsyncClient, store: Store) -> None:
    token = await page_token(admin, "/connections")
    form = {"api_url": "https://eek.example/v2", "auth_url": "https://id.example", "csrf_token": token}
    response = await admin.post("/connections/eekonomi", data=form)
    assert response.status_code == 422 and "Klient-id och klienthemlighet" in response.text
    assert store.connections.get("eekonomi") is None


async def test_every_input_has_a_label(admin: httpx.AsyncClient) -> None:
    for path in ("/", "/connections", "/orders"):
        html = (await admin.get(path)).text
        ids = re.findall(r'<(?:input|select)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html)
        unlabeled = [i for i in ids if f'<label for="{i}">' not in html]
        inputs = re.findall(r'<(?:input|select)(?![^>]*type="hidden")[^>]*>', html)
        assert ids and len(ids) == len(inputs) and not unlabeled, (path, unlabeled)


async def test_order_upload_with_a_broken_line_stores_the_good_ones_and_lists_the_error(
    admin: httpx.AsyncClient, store: Store
) -> None:
    good, broken = order_document("GKS-1"), order_document("GKS-2")
    broken["rows"][0]["vat_rate"] = "tjugofem"
    token = await page_token(admin, "/orders")
    response = await admin.post(
        "/orders/upload",
        data={"csrf_token": token},
        files={"file": ("order.json", json.dumps([good, broken], default=str).encode(), "application/json")},
    )
    assert response.status_code == 422
    assert "1 nya" in response.text and "1 ogiltiga" in response.text
    assert "order på index 1" in response.text and "vat_rate" in response.text
    inbox = OrderStore(store.db, store.tenant)
    assert inbox.get("GKS-1") is not None and inbox.get("GKS-2") is None
    listed = await admin.get("/orders")
    assert "<td>GKS-1</td>" in listed.text and 'data-state="received"' in listed.text


async def test_csv_upload_names_the_broken_line(admin: httpx.AsyncClient, store: Store) -> None:
    header = (
        "order_number;released;customer_number;customer_name;country_code;currency;row_text;quantity;unit_price;"
        "vat_rate"
    )
    lines = [
        header,
        "GKS-9;ja;1001;Byggfirman AB;SE;SEK;Reglar;10;18,90;25",
        "GKS-10;ja;1002;Annan AB;SE;SEK;Bok;x;5;25",
    ]
    token = await page_token(admin, "/orders")
    response = await admin.post(
        "/orders/upload",
        data={"csrf_token": token},
        files={"file": ("order.csv", ("\n".join(lines) + "\n").encode(), "text/csv")},
    )
    assert response.status_code == 422 and "rad 3" in response.text
    assert OrderStore(store.db, store.tenant).get("GKS-9") is not None


async def test_upload_without_a_file_is_explained(admin: httpx.AsyncClient) -> None:
    token = await page_token(admin, "/orders")
    response = await admin.post("/orders/upload", data={"csrf_token": token}, files={"other": ("x", b"")})
    assert response.status_code == 422 and "Välj en fil" in response.text


async def test_reconnecting_with_the_same_client_keeps_the_stored_secret(
    admin: httpx.AsyncClient, store: Store, emulators: Emulators
) -> None:
    await connect_both(admin, emulators)
    page = (await admin.get("/connections")).text
    assert "Lämna tomt för att behålla den sparade hemligheten" in page
    assert pm_emulator.DEMO_CLIENT_SECRET not in page  # the stored secret is never shown
    token = await page_token(admin, "/connections")
    same = {"api_url": emulators.pm_url, "client_id": pm_emulator.DEMO_CLIENT_ID, "csrf_token": token}
    again = await admin.post("/connections/severa", data=same)
    assert again.status_code == 200 and "Ansluten" in again.text
    eek = store.connections.get("eekonomi")
    assert eek is not None
    form = {"api_url": eek.api_url, "auth_url": eek.auth_url or "", "client_id": eek.client_id, "csrf_token": token}
    assert (await admin.post("/connections/eekonomi", data=form)).status_code == 303  # on to Visma's login

    other = await admin.post("/connections/severa", data={**same, "client_id": "en-annan-klient"})
    assert other.status_code == 422
