"""Isolation through every web route and the order API: the company chosen in the picker (a cookie) is the only
one a page, fragment or form reads or writes; a form from another company's page is refused; an order API key
delivers to its own company whatever else the request says; two brygga companies cannot connect to one eEkonomi
company (X4)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select

from brygga.config import Settings
from brygga.orders.api_keys import _hash, create_api_key, list_api_keys, verify
from brygga.orders.models import Order
from brygga.store import Database, ItemRecord, Link, Store
from brygga.store.orders import OrderStore
from brygga.store.tables import ApiKeyRow
from brygga.web import create_app
from brygga.web.pages import COMPANY_COOKIE
from tests.companies.conftest import ALFA, BETA
from tests.orders.builders import order_document
from tests.web.conftest import PASSWORD, Emulators, connect_eekonomi, csrf_of, emulators, page_token

__all__ = ["emulators"]

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (row-level security there): tests/postgres/plugin.py


@pytest.fixture
async def admin(db: Database, settings: Settings, alfa: Store, beta: Store) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(lambda _settings: Store.for_tenant(db, "default"), settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000") as http:
        token = csrf_of(await http.get("/setup"))
        await http.post("/setup", data={"password": PASSWORD, "repeat": PASSWORD, "csrf_token": token})
        yield http


def seed(store: Store, name: str) -> int:
    store.settings.set_many({"master_customers": "pm"})
    store.connections.save("severa", api_url=f"https://{name}.pm", auth_url=None, client_id=name, client_secret="s")
    store.protocol.save_link(Link("customers", f"pm-{name}", f"eek-{name}", None, None))
    run_id = store.runs.start(["customers"], dry_run=False)
    store.runs.add_items(run_id, [ItemRecord("customers", "pm->eek", f"{name}-1", f"Kund {name}", "create", "failed")])
    store.runs.finish(run_id, "failed", f"sammanfattning {name}")
    OrderStore(store.db, store.tenant).receive(Order.model_validate(order_document(f"GKS-{name}")))
    return run_id


async def choose(admin: httpx.AsyncClient, company: str) -> None:
    token = await page_token(admin, "/companies")
    response = await admin.post("/companies/choose", data={"choose": company, "back": "/runs", "csrf_token": token})
    assert response.status_code == 303 and response.headers["location"] == "/runs"


async def test_isolation_several_companies_and_none_chosen_sends_every_page_to_the_company_list(
    admin: httpx.AsyncClient,
) -> None:
    for path in ("/", "/errors", "/runs", "/connections", "/orders", "/checklist"):
        response = await admin.get(path)
        assert (response.status_code, response.headers.get("location")) == (303, "/companies"), path
    listing = await admin.get("/companies")
    assert 'data-company="alfa"' in listing.text and 'data-company="beta"' in listing.text
    assert "Alfa Bygg AB" in listing.text and "Välj vilket" in listing.text
    admin.cookies.set(COMPANY_COOKIE, "gamma")  # a company that does not exist is no choice
    assert (await admin.get("/")).headers["location"] == "/companies"


async def test_isolation_every_page_shows_only_the_chosen_companys_rows(
    admin: httpx.AsyncClient, alfa: Store, beta: Store
) -> None:
    seed(alfa, ALFA)
    beta_run = seed(beta, BETA)
    await choose(admin, ALFA)
    pages = {path: (await admin.get(path)).text for path in ("/", "/errors", "/runs", "/connections", "/orders")}
    assert "Kund alfa" in pages["/errors"] and 'data-run="1"' in pages["/runs"]
    assert "https://alfa.pm" in pages["/connections"] and "GKS-alfa" in pages["/orders"]
    for path, text in pages.items():
        for beta_row in ("Kund beta", f'data-run="{beta_run}"', "https://beta.pm", "GKS-beta", f"run={beta_run}"):
            assert beta_row not in text, (path, beta_row)
    assert '<option value="beta"' in pages["/"]  # the picker offers beta, nothing else shows it
    assert "Kund beta" not in (await admin.get(f"/errors?run={beta_run}")).text
    fragment = await admin.get(f"/errors?run={beta_run}", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "Kund beta" not in fragment.text
    await choose(admin, BETA)
    assert "Kund beta" in (await admin.get("/errors")).text and "Kund alfa" not in (await admin.get("/errors")).text


async def test_isolation_forms_write_only_the_chosen_company_and_a_form_of_another_company_is_refused(
    admin: httpx.AsyncClient, alfa: Store, beta: Store
) -> None:
    await choose(admin, ALFA)
    token = await page_token(admin)
    saved = await admin.post("/settings", data={"master_customers": "eekonomi", "csrf_token": token, "company": ALFA})
    assert saved.status_code in (200, 422)
    # A page of beta (another tab) posting while alfa is chosen: refused, nothing written anywhere.
    stale = await admin.post("/settings", data={"master_customers": "pm", "csrf_token": token, "company": BETA})
    htmx = await admin.post(
        "/transfer",
        data={"category": "customers", "mode": "run"},
        headers={"X-CSRF-Token": token, "X-Brygga-Company": BETA},
    )
    assert (stale.status_code, htmx.status_code) == (409, 409)
    assert "annan flik" in stale.json()["detail"]
    assert "master_customers" not in beta.settings.all()
    assert beta.runs.history() == []


async def test_isolation_api_keys_and_transfer_jobs_of_another_company_cannot_be_reached(
    admin: httpx.AsyncClient, alfa: Store, beta: Store
) -> None:
    beta_key = create_api_key(beta)
    (beta_info,) = list_api_keys(beta)
    await choose(admin, ALFA)
    token = await page_token(admin, "/orders")
    assert beta_info.key_id not in (await admin.get("/orders")).text
    revoked = await admin.post(f"/orders/api-keys/{beta_info.key_id}/revoke", data={"csrf_token": token})
    assert revoked.status_code == 404 and verify(beta, beta_key)
    started = await admin.post("/transfer", data={"category": "customers", "mode": "dry-run", "csrf_token": token})
    assert started.status_code == 200
    job_id = 1  # the app's first job
    assert (await admin.get(f"/transfer/{job_id}")).status_code == 200
    await choose(admin, BETA)
    assert (await admin.get(f"/transfer/{job_id}")).status_code == 404


async def test_isolation_an_order_api_key_delivers_to_its_own_company_whatever_else_is_sent(
    admin: httpx.AsyncClient, alfa: Store, beta: Store
) -> None:
    alfa_key = create_api_key(alfa)
    await choose(admin, BETA)  # the cookie and every header name beta: the key decides
    body = Order.model_validate(order_document("GKS-77")).model_dump_json(by_alias=True).encode()
    headers = {"X-API-Key": alfa_key, "X-Brygga-Company": BETA, "Content-Type": "application/json"}
    sent = await admin.post("/api/orders?company=beta", content=body, headers=headers)
    assert sent.status_code == 200, sent.text
    assert OrderStore(alfa.db, ALFA).get("GKS-77") is not None and OrderStore(beta.db, BETA).get("GKS-77") is None
    forged = alfa_key.rpartition(".")[0] + "." + BETA  # the company part is covered by the key's hash
    assert (await admin.post("/api/orders", content=body, headers={**headers, "X-API-Key": forged})).status_code == 401
    assert OrderStore(beta.db, BETA).all() == []


async def test_isolation_a_key_from_before_companies_still_finds_its_own_company(
    admin: httpx.AsyncClient, beta: Store
) -> None:
    old_key = "brygga_0badc0de_" + "x" * 43  # the format before companies: no ".<company>"
    with beta.db.transaction() as session:
        session.add(ApiKeyRow(tenant_id=BETA, key_id="0badc0de", key_hash=_hash(old_key), created_at=_now()))
    body = Order.model_validate(order_document("GKS-OLD")).model_dump_json(by_alias=True).encode()
    sent = await admin.post("/api/orders", content=body, headers={"X-API-Key": old_key})
    assert sent.status_code == 200 and OrderStore(beta.db, BETA).get("GKS-OLD") is not None
    with beta.db.read() as session:
        assert session.scalars(select(ApiKeyRow.tenant_id)).all() == [BETA]


async def test_x4_two_brygga_companies_cannot_connect_to_one_eekonomi_company(
    admin: httpx.AsyncClient, emulators: Emulators, alfa: Store, beta: Store
) -> None:
    await choose(admin, ALFA)
    assert (await connect_eekonomi(admin, emulators)).status_code == 303
    await choose(admin, BETA)
    refused = await connect_eekonomi(admin, emulators)
    assert refused.status_code == 422
    assert (
        "redan anslutet till brygga-företaget alfa (Alfa Bygg AB)" in refused.text
        and "beta ansluts inte" in refused.text
    )
    assert beta.connections.get("eekonomi") is None and alfa.connections.get("eekonomi") is not None


def _now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.now(UTC)
