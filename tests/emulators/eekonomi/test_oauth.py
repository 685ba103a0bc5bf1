from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from brygga_emulators.eekonomi import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Emulator, build_emulator

from .support import REDIRECT_URI, FakeClock, authorize, basic_auth, bearer, obtain_tokens


async def refresh(client: httpx.AsyncClient, refresh_token: str) -> httpx.Response:
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    return await client.post("/connect/token", data=form, headers=basic_auth())


async def test_code_flow_issues_bearer_tokens_that_open_the_api(client: httpx.AsyncClient) -> None:
    tokens = await obtain_tokens(client)

    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] == 3600
    assert tokens["scope"] == "ea:api offline_access ea:sales"
    assert tokens["refresh_token"]
    response = await client.get("/v2/companysettings", headers=bearer(tokens))
    assert response.status_code == 200
    assert response.json()["Name"] == "Demo Konsult AB (sandbox)"


async def test_authorize_redirects_back_with_code_and_state(client: httpx.AsyncClient) -> None:
    params = {
        "client_id": DEMO_CLIENT_ID,
        "redirect_uri": "http://localhost:5000/oauth/callback?tenant=1",
        "scope": "ea:api offline_access ea:sales",
        "state": "s-123",
        "response_type": "code",
        "prompt": "select_account",
    }
    response = await client.get("/connect/authorize", params=params)

    assert response.status_code == 302
    location = urlsplit(response.headers["location"])
    assert (location.hostname, location.port, location.path) == ("localhost", 5000, "/oauth/callback")
    query = parse_qs(location.query)
    assert query["tenant"] == ["1"]
    assert query["state"] == ["s-123"]
    assert len(query["code"][0]) > 20


async def test_authorize_refuses_unknown_client_and_foreign_redirect(client: httpx.AsyncClient) -> None:
    unknown = await client.get(
        "/connect/authorize",
        params={"client_id": "someone", "redirect_uri": REDIRECT_URI, "response_type": "code"},
    )
    foreign = await client.get(
        "/connect/authorize",
        params={"client_id": DEMO_CLIENT_ID, "redirect_uri": "https://evil.example/cb", "response_type": "code"},
    )

    assert unknown.status_code == 400
    assert "unknown client" in unknown.text
    assert foreign.status_code == 400


async def test_empty_data_set_accepts_any_client_id(clock: FakeClock) -> None:
    emulator = build_emulator("empty", clock=clock)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=emulator.app), base_url="http://e") as client:
        tokens = await obtain_tokens(client, client_id="my-own-app", secret="whatever")
        wrong_demo_secret = await client.post(
            "/connect/token",
            data={"grant_type": "authorization_code", "code": await authorize(client), "redirect_uri": REDIRECT_URI},
            headers=basic_auth(DEMO_CLIENT_ID, "not-the-secret"),
        )

    assert tokens["access_token"]
    assert wrong_demo_secret.status_code == 400
    assert wrong_demo_secret.json()["error"] == "invalid_client"


async def test_client_credentials_may_come_in_the_form(client: httpx.AsyncClient) -> None:
    code = await authorize(client)
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT_URI,
        "client_id": DEMO_CLIENT_ID,
        "client_secret": DEMO_CLIENT_SECRET,
    }
    response = await client.post("/connect/token", data=form)

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("secret", ["wrong", "fel-hemlighet-åäö"])
async def test_wrong_client_secret_is_invalid_client(client: httpx.AsyncClient, secret: str) -> None:
    code = await authorize(client)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
    response = await client.post("/connect/token", data=form, headers=basic_auth(secret=secret))

    assert response.status_code in (400, 401)
    assert response.json()["error"] == "invalid_client"


async def test_code_is_single_use_and_bound_to_its_redirect_uri(client: httpx.AsyncClient) -> None:
    code = await authorize(client)
    mismatched = await client.post(
        "/connect/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": "http://127.0.0.1:1/other"},
        headers=basic_auth(),
    )
    # The failed attempt spent the code, as IdentityServer does.
    again = await client.post(
        "/connect/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI},
        headers=basic_auth(),
    )

    assert mismatched.status_code == 400
    assert mismatched.json()["error"] == "invalid_grant"
    assert again.json()["error"] == "invalid_grant"


async def test_code_expires_after_five_minutes(client: httpx.AsyncClient, clock: FakeClock) -> None:
    code = await authorize(client)
    clock.advance(minutes=5, seconds=1)
    response = await client.post(
        "/connect/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI},
        headers=basic_auth(),
    )

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


async def test_refresh_tokens_rotate_and_a_reused_one_is_refused(client: httpx.AsyncClient) -> None:
    first = await obtain_tokens(client)

    second = await refresh(client, first["refresh_token"])
    reused = await refresh(client, first["refresh_token"])
    third = await refresh(client, second.json()["refresh_token"])

    assert second.status_code == 200
    assert second.json()["refresh_token"] != first["refresh_token"]
    assert second.json()["access_token"] != first["access_token"]
    assert reused.status_code == 400
    assert reused.json()["error"] == "invalid_grant"
    assert third.status_code == 200


async def test_access_token_expires_after_an_hour_by_the_clock(client: httpx.AsyncClient, clock: FakeClock) -> None:
    tokens = await obtain_tokens(client)
    clock.advance(minutes=59)
    still_valid = await client.get("/v2/currencies", headers=bearer(tokens))
    clock.advance(minutes=1)
    expired = await client.get("/v2/currencies", headers=bearer(tokens))
    renewed = await refresh(client, tokens["refresh_token"])

    assert still_valid.status_code == 200
    assert expired.status_code == 401
    assert renewed.status_code == 200
    assert (await client.get("/v2/currencies", headers=bearer(renewed.json()))).status_code == 200


async def test_expire_tokens_invalidates_earlier_access_tokens_only(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    tokens = await obtain_tokens(client)
    emulator.faults.expire_tokens()

    old = await client.get("/v2/currencies", headers=bearer(tokens))
    renewed = (await refresh(client, tokens["refresh_token"])).json()
    new = await client.get("/v2/currencies", headers=bearer(renewed))

    assert old.status_code == 401
    assert new.status_code == 200


async def test_api_without_or_with_a_bad_token_is_401(client: httpx.AsyncClient) -> None:
    missing = await client.get("/v2/customers")
    garbage = await client.get("/v2/customers", headers={"Authorization": "Bearer not-a-token"})

    for response in (missing, garbage):
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
        body = response.json()
        assert body["ErrorCode"] == 4005
        assert body["DeveloperErrorMessage"].startswith("NotAuthorized - ")
        assert len(body["ErrorId"]) == 36


async def test_scope_without_sales_is_403(client: httpx.AsyncClient) -> None:
    code = await authorize(client, scope="ea:api offline_access ea:accounting")
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
    tokens = (await client.post("/connect/token", data=form, headers=basic_auth())).json()

    response = await client.get("/v2/customers", headers=bearer(tokens))

    assert response.status_code == 403
    assert response.json()["ErrorCode"] == 4006


async def test_no_refresh_token_without_offline_access(client: httpx.AsyncClient) -> None:
    code = await authorize(client, scope="ea:api ea:sales")
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
    tokens = (await client.post("/connect/token", data=form, headers=basic_auth())).json()

    assert "refresh_token" not in tokens
    assert tokens["access_token"]


async def test_revocation_kills_the_refresh_token(client: httpx.AsyncClient) -> None:
    tokens = await obtain_tokens(client)
    revoked = await client.post(
        "/connect/revocation",
        data={"token": tokens["refresh_token"], "token_type_hint": "refresh_token"},
        headers=basic_auth(),
    )

    assert revoked.status_code == 200
    assert (await refresh(client, tokens["refresh_token"])).json()["error"] == "invalid_grant"


async def test_unsupported_grant_type(client: httpx.AsyncClient) -> None:
    response = await client.post("/connect/token", data={"grant_type": "password"}, headers=basic_auth())

    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"
