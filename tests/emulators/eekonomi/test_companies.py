"""Many companies in one eEkonomi emulator: each grant belongs to the company picked in the browser or named by
the ``company`` parameter, every API request is served from its token's company, and nothing written in one
company is seen in another, in memory or in a database file."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from brygga_emulators.eekonomi import DEMO_CLIENT_ID, Emulator, build_emulator
from brygga_emulators.eekonomi.company_identity import company_identity, luhn_check_digit
from brygga_emulators.faults import FaultConfig

from .support import REDIRECT_URI, SALES_SCOPE, FakeClock, asgi_client, basic_auth, customer_body

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
_HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">')


def _params(**extra: str) -> dict[str, str]:
    return {
        "client_id": DEMO_CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "scope": SALES_SCOPE,
        "state": "xyz",
        "response_type": "code",
        **extra,
    }


@pytest.fixture
def emulator() -> Emulator:
    return build_emulator("demo", config=FaultConfig(), clock=FakeClock(), companies=3)


@pytest.fixture
async def client(emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(emulator.app) as http:
        yield http


async def _redeem(client: httpx.AsyncClient, location: str) -> dict[str, Any]:
    code = parse_qs(urlsplit(location).query)["code"][0]
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
    response = await client.post("/connect/token", data=form, headers=basic_auth())
    assert response.status_code == 200, response.text
    tokens: dict[str, Any] = response.json()
    return tokens


async def _tokens(client: httpx.AsyncClient, **extra: str) -> dict[str, Any]:
    response = await client.get("/connect/authorize", params=_params(**extra))
    assert response.status_code == 302, response.text
    return await _redeem(client, response.headers["location"])


def _auth(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def _company_name(client: httpx.AsyncClient, tokens: dict[str, Any]) -> str:
    response = await client.get("/v2/companysettings", headers=_auth(tokens))
    assert response.status_code == 200, response.text
    return str(response.json()["Name"])


def test_every_company_has_its_own_name_and_a_valid_organisation_number() -> None:
    identities = [company_identity(number) for number in range(1, 201)]

    assert (identities[0].name, identities[0].org_number) == ("Demo Konsult AB (sandbox)", "556123-4567")
    assert len({i.name for i in identities}) == len({i.org_number for i in identities}) == 200
    for identity in identities:
        digits = identity.org_number.replace("-", "")
        assert re.fullmatch(r"\d{6}-\d{4}", identity.org_number)
        assert luhn_check_digit(digits[:9]) == int(digits[9])


async def test_the_picker_lists_every_company_and_the_one_approved_owns_the_grant(client: httpx.AsyncClient) -> None:
    page = await client.get("/connect/authorize", params=_params(prompt="select_account"), headers=BROWSER)
    for number in (1, 2, 3):
        identity = company_identity(number)
        assert f'value="{number}"' in page.text and identity.name in page.text and identity.org_number in page.text
    assert page.text.count('type="radio"') == 3 and page.text.count(" checked") == 1

    form = dict(_HIDDEN.findall(page.text))
    approved = await client.post("/connect/authorize", data={**form, "company": "2"})
    assert approved.status_code == 303
    tokens = await _redeem(client, approved.headers["location"])

    assert await _company_name(client, tokens) == company_identity(2).name


async def test_the_company_parameter_chooses_by_number_or_organisation_number(client: httpx.AsyncClient) -> None:
    by_number = await _tokens(client, company="3")
    by_org_number = await _tokens(client, company=company_identity(2).org_number)
    by_default = await _tokens(client)

    assert await _company_name(client, by_number) == company_identity(3).name
    assert await _company_name(client, by_org_number) == company_identity(2).name
    assert await _company_name(client, by_default) == "Demo Konsult AB (sandbox)"


async def test_an_unknown_company_is_an_error_page_not_the_first_company(client: httpx.AsyncClient) -> None:
    response = await client.get("/connect/authorize", params=_params(company="4"))
    assert response.status_code == 400 and "unknown company" in response.text
    picker = await client.post("/connect/authorize", data={**_params(), "company": "559999-0001"})
    assert picker.status_code == 400 and "unknown company" in picker.text


async def test_data_written_in_one_company_is_invisible_in_another(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    first, second = await _tokens(client, company="1"), await _tokens(client, company="2")
    created = await client.post("/v2/customers", json=customer_body(Name="Bara i ettan AB"), headers=_auth(first))
    assert created.status_code == 201, created.text
    customer_id = created.json()["Id"]

    seen_by_first = await client.get("/v2/customers", headers=_auth(first))
    seen_by_second = await client.get("/v2/customers", headers=_auth(second))
    direct = await client.get(f"/v2/customers/{customer_id}", headers=_auth(second))

    assert "Bara i ettan AB" in {c["Name"] for c in seen_by_first.json()["Data"]}
    assert "Bara i ettan AB" not in {c["Name"] for c in seen_by_second.json()["Data"]}
    assert direct.status_code == 404
    assert emulator.company_store(1).customers.get(customer_id) is not None
    assert emulator.company_store(2).customers.get(customer_id) is None


async def test_a_refresh_token_stays_with_its_company(client: httpx.AsyncClient) -> None:
    tokens = await _tokens(client, company="2")
    form = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    refreshed = await client.post("/connect/token", data=form, headers=basic_auth())
    assert refreshed.status_code == 200, refreshed.text

    assert await _company_name(client, refreshed.json()) == company_identity(2).name


async def test_one_company_is_the_default_and_the_demo_company() -> None:
    one = build_emulator("demo", clock=FakeClock())
    async with asgi_client(one.app) as single:
        tokens = await _tokens(single)
        assert await _company_name(single, tokens) == "Demo Konsult AB (sandbox)"
        assert len(one.companies) == 1
        response = await single.get("/connect/authorize", params=_params(company="2"))
        assert response.status_code == 400


async def test_a_database_file_keeps_the_companies_apart_across_a_restart(tmp_path: Path) -> None:
    db = str(tmp_path / "eek.sqlite")
    before = build_emulator("empty", db=db, clock=FakeClock(), companies=2)
    async with asgi_client(before.app) as client:
        tokens = await _tokens(client, company="2")
        created = await client.post("/v2/customers", json=customer_body(Name="Tvåan AB"), headers=_auth(tokens))
        assert created.status_code == 201, created.text
    before.close()

    after = build_emulator("empty", db=db, clock=FakeClock())  # no --companies: the file's two are served
    async with asgi_client(after.app) as client:
        first, second = await _tokens(client, company="1"), await _tokens(client, company="2")
        names_first = {c["Name"] for c in (await client.get("/v2/customers", headers=_auth(first))).json()["Data"]}
        names_second = {c["Name"] for c in (await client.get("/v2/customers", headers=_auth(second))).json()["Data"]}
        assert await _company_name(client, second) == company_identity(2).name
    after.close()

    assert "Tvåan AB" in names_second and "Tvåan AB" not in names_first
