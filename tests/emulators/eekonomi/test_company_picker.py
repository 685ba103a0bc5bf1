"""The identity server's company picker: a browser that asks for ``prompt=select_account`` must pick the company
and approve (as at Visma); programs are approved at once. The state travels through the picker untouched."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx

from brygga_emulators.eekonomi import DEMO_CLIENT_ID

from .support import REDIRECT_URI

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
PARAMS = {
    "client_id": DEMO_CLIENT_ID,
    "redirect_uri": REDIRECT_URI,
    "scope": "ea:api offline_access ea:sales",
    "state": "st<at>e",
    "response_type": "code",
    "prompt": "select_account",
}
_HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">')


async def test_x4_a_browser_must_pick_the_company(client: httpx.AsyncClient) -> None:
    page = await client.get("/connect/authorize", params=PARAMS, headers=BROWSER)
    assert page.status_code == 200 and "Select company" in page.text
    assert 'name="company"' in page.text and "Demo Konsult AB (sandbox)" in page.text
    assert "st&lt;at&gt;e" in page.text  # escaped, never injected


async def test_x4_approving_the_picker_redirects_back_with_code_and_state(client: httpx.AsyncClient) -> None:
    page = await client.get("/connect/authorize", params=PARAMS, headers=BROWSER)
    form = {name: value.replace("&lt;", "<").replace("&gt;", ">") for name, value in _HIDDEN.findall(page.text)}
    approved = await client.post("/connect/authorize", data={**form, "company": "1"})
    assert approved.status_code == 303
    location = urlsplit(approved.headers["location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT_URI
    assert query["state"] == ["st<at>e"] and query["code"][0]


async def test_a_program_is_approved_at_once(client: httpx.AsyncClient) -> None:
    response = await client.get("/connect/authorize", params=PARAMS)
    assert response.status_code == 302 and "code=" in response.headers["location"]


async def test_the_picker_post_checks_the_client_like_the_get(client: httpx.AsyncClient) -> None:
    response = await client.post("/connect/authorize", data={**PARAMS, "client_id": "stranger"})
    assert response.status_code == 400 and "unauthorized_client" in response.text
    response = await client.post("/connect/authorize", data={**PARAMS, "redirect_uri": "https://evil.example/cb"})
    assert response.status_code == 400 and "redirect_uri" in response.text
