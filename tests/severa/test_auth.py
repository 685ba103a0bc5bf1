from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
import pytest

from brygga.errors import AuthError, ServerError
from brygga.severa import SeveraAuth, fetch_token
from brygga.severa.auth import AUTH_REFUSED_MESSAGE, DEFAULT_SCOPE
from brygga.tokens import MemoryTokenStore, OAuthTokens

from .fakes import (
    BASE_URL,
    CLIENT_ID,
    CLIENT_SECRET,
    CREDENTIALS,
    T0,
    FakeClock,
    TokenServer,
    body_of,
    expiring_tokens,
    json_response,
    make_client,
    severa_error,
)

CUSTOMER = {"guid": "c1", "name": "Kund"}


def bearer(request: httpx.Request) -> str:
    return request.headers["Authorization"].removeprefix("Bearer ")


async def test_client_id_and_bearer_go_on_every_call_including_token_calls() -> None:
    tokens = TokenServer()

    def respond(request: httpx.Request) -> httpx.Response:
        return json_response(200, [] if request.url.path.endswith("/addresses") else CUSTOMER)

    client, api = make_client(respond, store=MemoryTokenStore(), tokens=tokens)
    async with client:
        await client.customers.get("c1")
        await client.addresses.for_customer("c1")

    assert len(api.requests) == 2
    for request in api.requests + tokens.requests:
        assert request.headers["Client_Id"] == CLIENT_ID
    assert set(api.bearers) == {"access-1"}


async def test_first_use_logs_in_with_client_credentials_and_saves_first() -> None:
    tokens = TokenServer(expires_in=3600)
    store = MemoryTokenStore()
    seen_in_store: list[str | None] = []

    def respond(request: httpx.Request) -> httpx.Response:
        saved = store.load()
        seen_in_store.append(saved.access_token if saved else None)
        return json_response(200, CUSTOMER)

    client, api = make_client(respond, store=store, tokens=tokens)
    async with client:
        await client.customers.get("c1")

    assert tokens.paths() == ["/rest-api/v1/token"]
    assert body_of(tokens.requests[0]) == {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scope": DEFAULT_SCOPE,
    }
    # The token was in the store before the API saw it.
    assert seen_in_store == api.bearers == ["access-1"]
    saved = store.load()
    assert saved is not None
    assert saved.refresh_token == "refresh-1"
    assert saved.expires_at == T0 + timedelta(seconds=3600)


@pytest.mark.parametrize(
    ("initial", "token_path"),
    [(None, "/rest-api/v1/token"), (expiring_tokens(5), "/rest-api/v1/refreshtoken")],
)
async def test_ten_concurrent_requests_share_one_token_call(initial: OAuthTokens | None, token_path: str) -> None:
    tokens = TokenServer()
    store = MemoryTokenStore(initial)
    client, api = make_client(lambda request: json_response(200, CUSTOMER), store=store, tokens=tokens)
    async with client:
        await asyncio.gather(*(client.customers.get(f"c{index}") for index in range(10)))

    assert tokens.paths() == [token_path]
    assert len(api.requests) == 10
    assert set(api.bearers) == {"access-1"}
    assert store.saves == 1


async def test_a_token_expiring_within_a_minute_is_refreshed_before_sending() -> None:
    tokens = TokenServer()
    store = MemoryTokenStore(expiring_tokens(59))
    client, api = make_client(lambda request: json_response(200, CUSTOMER), store=store, tokens=tokens)
    async with client:
        await client.customers.get("c1")

    assert tokens.paths() == ["/rest-api/v1/refreshtoken"]
    # The refresh token goes as a bare JSON string.
    assert tokens.requests[0].content == b'"refresh-0"'
    assert api.bearers == ["access-1"]
    assert store.saves == 1


async def test_a_token_with_more_than_a_minute_left_is_used_as_is() -> None:
    tokens = TokenServer()
    client, api = make_client(
        lambda request: json_response(200, CUSTOMER), store=MemoryTokenStore(expiring_tokens(61)), tokens=tokens
    )
    async with client:
        await client.customers.get("c1")

    assert tokens.requests == []
    assert api.bearers == ["access-0"]


async def test_a_401_refreshes_once_and_resends() -> None:
    tokens = TokenServer()

    def respond(request: httpx.Request) -> httpx.Response:
        if bearer(request) == "access-0":
            return severa_error(401, "AuthenticationRequired", "Token revoked")
        return json_response(200, CUSTOMER)

    store = MemoryTokenStore(expiring_tokens(3600))
    client, api = make_client(respond, store=store, tokens=tokens)
    async with client:
        customer = await client.customers.get("c1")

    assert customer.guid == "c1"
    assert tokens.paths() == ["/rest-api/v1/refreshtoken"]
    assert api.bearers == ["access-0", "access-1"]
    assert client.api_calls == 2


async def test_a_second_401_becomes_auth_error() -> None:
    tokens = TokenServer()
    client, api = make_client(
        lambda request: severa_error(401, "AuthenticationRequired"), store=MemoryTokenStore(), tokens=tokens
    )
    async with client:
        with pytest.raises(AuthError) as caught:
            await client.customers.get("c1")

    assert len(api.requests) == 2
    assert caught.value.status == 401


async def test_refused_refresh_falls_back_to_client_credentials() -> None:
    tokens = TokenServer(refuse_refresh=True)
    store = MemoryTokenStore(expiring_tokens(10))
    client, api = make_client(lambda request: json_response(200, CUSTOMER), store=store, tokens=tokens)
    async with client:
        await client.customers.get("c1")

    assert tokens.paths() == ["/rest-api/v1/refreshtoken", "/rest-api/v1/token"]
    assert api.bearers == ["access-1"]
    saved = store.load()
    assert saved is not None and saved.refresh_token == "refresh-1"


async def test_bad_credentials_raise_auth_error_without_the_secret() -> None:
    tokens = TokenServer(refuse_login=True)
    client, api = make_client(lambda request: json_response(200, CUSTOMER), store=MemoryTokenStore(), tokens=tokens)
    async with client:
        with pytest.raises(AuthError) as caught:
            await client.customers.get("c1")

    error = caught.value
    assert api.requests == []
    assert error.message == AUTH_REFUSED_MESSAGE
    assert "brygga connect severa" in str(error)
    assert error.status == 401
    assert error.error_code == "AuthenticationRequired"
    for text in (str(error), repr(error), repr(CREDENTIALS)):
        assert CLIENT_SECRET not in text


async def test_token_server_failure_is_a_server_error_not_a_login_refusal() -> None:
    def failing(request: httpx.Request) -> httpx.Response:
        return severa_error(503, "InternalSystemError")

    with pytest.raises(ServerError):
        await fetch_token(CREDENTIALS, BASE_URL, transport=httpx.MockTransport(failing))


async def test_fetch_token_checks_credentials_for_the_cli() -> None:
    clock = FakeClock()
    tokens = await fetch_token(CREDENTIALS, BASE_URL + "/", transport=httpx.MockTransport(TokenServer()), clock=clock)

    assert tokens.access_token == "access-1"
    assert tokens.expires_at == T0 + timedelta(seconds=3600)
    with pytest.raises(AuthError, match="klient-id och klienthemlighet"):
        await fetch_token(CREDENTIALS, BASE_URL, transport=httpx.MockTransport(TokenServer(refuse_login=True)))


def test_reprs_hide_secrets() -> None:
    store = MemoryTokenStore(OAuthTokens("access-secret", "refresh-secret"))
    auth = SeveraAuth(CREDENTIALS, store, BASE_URL)
    for text in (repr(auth), repr(CREDENTIALS), repr(store.load())):
        assert CLIENT_SECRET not in text
        assert "access-secret" not in text
        assert "refresh-secret" not in text


class CountingStore(MemoryTokenStore):
    """Counts the reads, as a store that decrypts on every read would pay for them."""

    def __init__(self, tokens: OAuthTokens | None = None) -> None:
        super().__init__(tokens)
        self.loads = 0

    def load(self) -> OAuthTokens | None:
        self.loads += 1
        return super().load()


async def test_x4_tokens_are_read_from_the_store_once_for_many_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16: reading and decrypting the tokens for every call was a tenth of an invoice transfer's CPU."""
    store = CountingStore(expiring_tokens(3600))
    client, api = make_client(lambda request: json_response(200, CUSTOMER), store=store, tokens=TokenServer())
    async with client:
        for _ in range(20):
            await client.customers.get("c1")
        assert store.loads == 1 and len(api.requests) == 20
        # Another process renewed: seen once the reuse window has passed, without a 401.
        store.save(OAuthTokens("elsewhere", None, T0 + timedelta(hours=2)))
        monkeypatch.setattr("brygga.severa.auth.TOKEN_REREAD_SECONDS", 0.0)  # the reuse window has passed
        await client.customers.get("c1")
    assert store.loads == 2
    assert api.bearers[-1] == "elsewhere" and set(api.bearers[:-1]) == {"access-0"}
