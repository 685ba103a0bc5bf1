from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from brygga.eekonomi import EEkonomiAuth, EEkonomiClient
from brygga.eekonomi.auth import RECONNECT_MESSAGE
from brygga.errors import AuthError
from brygga.tokens import MemoryTokenStore, OAuthTokens

from .fakes import FakeEEkonomi
from .identity import CONFIG, FakeIdentity

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
BASE_URL = "https://eaccountingapi.example.test/v2"


def clock() -> datetime:
    return NOW


def tokens(expires_in: float, access: str = "access-1", refresh: str | None = "refresh-1") -> OAuthTokens:
    return OAuthTokens(access_token=access, refresh_token=refresh, expires_at=NOW + timedelta(seconds=expires_in))


class Setup:
    def __init__(self, stored: OAuthTokens | None, **identity_options: bool) -> None:
        self.api = FakeEEkonomi()
        self.api.accepted_access_tokens.clear()
        if stored is not None:
            self.api.accepted_access_tokens.add(stored.access_token)
        self.identity = FakeIdentity(self.api.accepted_access_tokens, **identity_options)
        self.store = MemoryTokenStore(stored)
        self.auth = EEkonomiAuth(CONFIG, self.store, token_transport=self.identity.transport(), clock=clock)
        self.client = EEkonomiClient(BASE_URL, self.auth, transport=self.api.transport())

    def bearers(self) -> list[str]:
        return self.api.authorizations


async def test_valid_token_is_used_without_refresh() -> None:
    setup = Setup(tokens(expires_in=600))
    settings = await setup.client.company_settings.get()
    assert settings.name == "Demo AB"
    assert setup.bearers() == ["Bearer access-1"]
    assert setup.identity.token_forms == []


async def test_token_expiring_within_a_minute_is_refreshed_first() -> None:
    setup = Setup(tokens(expires_in=30))
    await setup.client.company_settings.get()
    assert setup.identity.token_forms == [{"grant_type": "refresh_token", "refresh_token": "refresh-1"}]
    assert setup.bearers() == ["Bearer access-2"]
    saved = setup.store.load()
    assert saved is not None
    assert (saved.access_token, saved.refresh_token) == ("access-2", "refresh-2")
    assert saved.expires_at == NOW + timedelta(seconds=3600)


async def test_401_triggers_one_refresh_and_a_resend() -> None:
    setup = Setup(tokens(expires_in=600))
    setup.api.accepted_access_tokens.clear()  # the server revoked access-1 early
    await setup.client.company_settings.get()
    assert setup.bearers() == ["Bearer access-1", "Bearer access-2"]
    assert len(setup.identity.token_forms) == 1
    assert setup.client.api_calls == 2


async def test_a_second_401_after_refreshing_is_an_auth_error() -> None:
    setup = Setup(tokens(expires_in=600))
    setup.api.accepted_access_tokens.clear()
    setup.identity.accepted_access_tokens = set()  # new tokens are not honoured either
    with pytest.raises(AuthError) as caught:
        await setup.client.company_settings.get()
    assert caught.value.status == 401
    assert len(setup.identity.token_forms) == 1


@pytest.mark.parametrize("cause", ["expiring", "revoked"])
async def test_ten_concurrent_requests_cause_one_refresh(cause: str) -> None:
    setup = Setup(tokens(expires_in=30 if cause == "expiring" else 600))
    if cause == "revoked":
        setup.api.accepted_access_tokens.clear()
    results = await asyncio.gather(*(setup.client.company_settings.get() for _ in range(10)))
    assert len(results) == 10
    assert len(setup.identity.token_forms) == 1
    assert setup.auth.refreshes == 1
    assert setup.store.saves == 1


async def test_new_tokens_are_saved_before_the_new_access_token_is_used() -> None:
    setup = Setup(tokens(expires_in=30))
    stored_when_used: list[str | None] = []
    inner = setup.api

    def api(request: httpx.Request) -> httpx.Response:
        current = setup.store.load()
        stored_when_used.append(current.access_token if current else None)
        return inner(request)

    client = EEkonomiClient(BASE_URL, setup.auth, transport=httpx.MockTransport(api))
    await client.company_settings.get()
    assert inner.authorizations == ["Bearer access-2"]
    assert stored_when_used == ["access-2"]


async def test_refresh_without_new_refresh_token_keeps_the_old_one() -> None:
    setup = Setup(tokens(expires_in=30), return_refresh_token=False)
    await setup.client.company_settings.get()
    saved = setup.store.load()
    assert saved is not None and saved.refresh_token == "refresh-1"


async def test_refused_refresh_is_an_auth_error_without_secrets() -> None:
    setup = Setup(tokens(expires_in=30), refuse_refresh=True)
    with pytest.raises(AuthError) as caught:
        await setup.client.company_settings.get()
    error = caught.value
    assert RECONNECT_MESSAGE in str(error)
    rendered = " ".join([str(error), repr(error), repr(vars(error)), repr(error.__cause__)])
    for secret in (CONFIG.client_secret, "refresh-1", "access-1"):
        assert secret not in rendered
    assert setup.api.requests == []


async def test_no_tokens_at_all_is_an_auth_error() -> None:
    setup = Setup(None)
    with pytest.raises(AuthError, match="brygga connect eekonomi"):
        await setup.client.company_settings.get()
    assert setup.api.requests == []


async def test_expired_token_without_refresh_token_is_an_auth_error() -> None:
    setup = Setup(tokens(expires_in=-5, refresh=None))
    with pytest.raises(AuthError):
        await setup.client.company_settings.get()
    assert setup.identity.token_forms == []


def test_config_repr_hides_the_secret() -> None:
    assert CONFIG.client_secret not in repr(CONFIG)


async def test_two_auths_sharing_one_store_refresh_once() -> None:
    """Two clients of one connection (as two processes sharing the store) both see the token expiring: the store's
    refresh lock lets one refresh; the other finds the new tokens under the lock and uses them."""
    setup = Setup(tokens(expires_in=30))
    other_auth = EEkonomiAuth(CONFIG, setup.store, token_transport=setup.identity.transport(), clock=clock)
    other = EEkonomiClient(BASE_URL, other_auth, transport=setup.api.transport())
    await asyncio.gather(setup.client.company_settings.get(), other.company_settings.get())
    assert len(setup.identity.token_forms) == 1
    assert setup.auth.refreshes + other_auth.refreshes == 1
    assert setup.bearers() == ["Bearer access-2", "Bearer access-2"]


async def test_invalid_grant_after_another_process_rotated_rereads_the_store_once() -> None:
    """A refresh refused with invalid_grant because someone else spent the refresh token (and stored the new
    tokens) is not the end of the connection: the store is read once more and its new tokens are used."""
    setup = Setup(tokens(expires_in=30))

    def identity(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/connect/token" and setup.store.saves == 0:
            # Another process refreshes first and stores its tokens: refresh-1 is spent.
            setup.identity.valid_refresh_tokens.discard("refresh-1")
            setup.api.accepted_access_tokens.add("access-9")
            setup.store.save(tokens(expires_in=3600, access="access-9", refresh="refresh-9"))
        return setup.identity(request)

    auth = EEkonomiAuth(CONFIG, setup.store, token_transport=httpx.MockTransport(identity), clock=clock)
    client = EEkonomiClient(BASE_URL, auth, transport=setup.api.transport())
    await client.company_settings.get()
    assert setup.identity.token_forms == [{"grant_type": "refresh_token", "refresh_token": "refresh-1"}]
    assert setup.bearers() == ["Bearer access-9"]
    assert auth.refreshes == 0
    saved = setup.store.load()
    assert saved is not None and saved.refresh_token == "refresh-9"


async def test_invalid_grant_with_nothing_new_in_the_store_asks_to_connect_again() -> None:
    setup = Setup(tokens(expires_in=30))
    setup.identity.valid_refresh_tokens.clear()  # spent, and nobody stored a new one
    with pytest.raises(AuthError) as caught:
        await setup.client.company_settings.get()
    assert RECONNECT_MESSAGE in str(caught.value)
    assert caught.value.error_code == "invalid_grant"
    assert len(setup.identity.token_forms) == 1
    assert setup.api.requests == []
