"""Helpers shared by the eEkonomi emulator tests: a hand-driven clock and the OAuth dance."""

from __future__ import annotations

import base64
import os
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import simplejson

from brygga_emulators.eekonomi import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

REDIRECT_URI = "http://127.0.0.1:8765/callback"
REPO_ROOT = Path(__file__).resolve().parents[3]


class FakeClock:
    def __init__(self, start: datetime = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def basic_auth(client_id: str = DEMO_CLIENT_ID, secret: str = DEMO_CLIENT_SECRET) -> dict[str, str]:
    encoded = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {encoded}"}


def decode(response: httpx.Response) -> Any:
    return simplejson.loads(response.content, use_decimal=True)


SALES_SCOPE = "ea:api offline_access ea:sales"
ACCOUNTING_SCOPE = "ea:api offline_access ea:accounting"


async def authorize(client: httpx.AsyncClient, client_id: str = DEMO_CLIENT_ID, **extra: str) -> str:
    params = {
        "client_id": client_id,
        "redirect_uri": REDIRECT_URI,
        "scope": SALES_SCOPE,
        "state": "xyz",
        "response_type": "code",
        **extra,
    }
    response = await client.get("/connect/authorize", params=params)
    assert response.status_code == 302, response.text
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert query["state"] == ["xyz"]
    return query["code"][0]


async def obtain_tokens(
    client: httpx.AsyncClient,
    client_id: str = DEMO_CLIENT_ID,
    secret: str = DEMO_CLIENT_SECRET,
    scope: str = SALES_SCOPE,
) -> dict[str, Any]:
    code = await authorize(client, client_id, scope=scope)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
    response = await client.post("/connect/token", data=form, headers=basic_auth(client_id, secret))
    assert response.status_code == 200, response.text
    tokens: dict[str, Any] = response.json()
    return tokens


def bearer(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def spec_dir() -> Path:
    return Path(os.environ.get("BRYGGA_SPEC_DIR", REPO_ROOT.parent / "shared" / "reference"))


def customer_body(**overrides: Any) -> dict[str, Any]:
    """A valid CustomerApi create body for the demo company (30-day terms)."""
    from brygga_emulators.eekonomi.demo_data import terms_of_payment_id

    body: dict[str, Any] = {
        "Name": "Testbolaget AB",
        "InvoiceAddress1": "Testgatan 1",
        "InvoicePostalCode": "123 45",
        "InvoiceCity": "Uppsala",
        "InvoiceCountryCode": "SE",
        "TermsOfPaymentId": terms_of_payment_id(30),
        "IsActive": True,
        "IsPrivatePerson": False,
    }
    body.update(overrides)
    return body


JSON_HEADERS = {"Content-Type": "application/json"}


def json_content(body: Any) -> str:
    """Request JSON with Decimals written exactly (httpx's ``json=`` would need floats)."""
    text: str = simplejson.dumps(body, use_decimal=True)
    return text


def asgi_client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://eek.test")


def article_body(**overrides: Any) -> dict[str, Any]:
    """A valid ArticleApi create body: a service at 25 % VAT, priced per hour."""
    from brygga_emulators.eekonomi.reference_data import coding_id, unit_id

    body: dict[str, Any] = {
        "Number": "T-1",
        "Name": "Testartikel",
        "CodingId": coding_id("Tjänster 25% moms"),
        "UnitId": unit_id("h"),
        "NetPrice": Decimal("100.00"),
        "IsActive": True,
    }
    body.update(overrides)
    return body


def cost_center_item_body(**overrides: Any) -> dict[str, Any]:
    """A valid CostCenterItemApi create body in cost center 2 ("Projekt")."""
    from brygga_emulators.eekonomi.reference_data import cost_center_id

    body: dict[str, Any] = {
        "CostCenterId": cost_center_id(2),
        "ShortName": "2001",
        "Name": "Testprojekt",
        "IsActive": True,
    }
    body.update(overrides)
    return body


async def send_json(client: httpx.AsyncClient, method: str, path: str, body: Any) -> httpx.Response:
    """Send ``body`` with its Decimals written exactly."""
    return await client.request(method, path, content=json_content(body), headers=JSON_HEADERS)


PURCHASE_SCOPE = "ea:api offline_access ea:sales ea:purchase"


def demo_customer_id(number: str) -> str:
    from brygga_emulators.eekonomi.ids import stable_id

    return stable_id("customer", number)


def article_row(number: str, quantity: str, unit_price: str, **extra: Any) -> dict[str, Any]:
    """A draft row for the demo article ``number``, amounts given as exact decimal text."""
    from brygga_emulators.eekonomi.demo_articles import article_id

    row: dict[str, Any] = {
        "IsTextRow": False,
        "ReversedConstructionServicesVatFree": False,
        "ArticleId": article_id(number),
        "Quantity": Decimal(quantity),
        "UnitPrice": Decimal(unit_price),
    }
    row.update(extra)
    return row


def text_row(text: str) -> dict[str, Any]:
    return {"IsTextRow": True, "ReversedConstructionServicesVatFree": False, "Text": text}


def draft_body(
    customer_number: str = "1005", rows: list[dict[str, Any]] | None = None, **overrides: Any
) -> dict[str, Any]:
    """A valid CustomerInvoiceDraftApi body for a demo customer: one P-100 row unless ``rows`` says otherwise."""
    body: dict[str, Any] = {
        "CustomerId": demo_customer_id(customer_number),
        "EuThirdParty": False,
        "RotReducedInvoicingType": 0,
        "Rows": rows if rows is not None else [article_row("P-100", "2", "1200.00")],
    }
    body.update(overrides)
    return body
