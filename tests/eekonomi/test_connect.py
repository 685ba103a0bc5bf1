from __future__ import annotations

import socket
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from brygga.eekonomi import authorize_url, connect_unattended, connect_with_browser, exchange_code
from brygga.errors import AuthError, ConfigError

from .identity import CONFIG, FakeIdentity

REDIRECT_URI = "http://localhost:8765/callback"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_authorize_url_carries_everything_visma_expects() -> None:
    url = authorize_url(CONFIG, REDIRECT_URI, "st4te")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://identity.example.test/connect/authorize"
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert query == {
        "client_id": "brygga-test",
        "redirect_uri": REDIRECT_URI,
        "scope": "ea:api offline_access ea:sales ea:purchase ea:accounting",
        "state": "st4te",
        "response_type": "code",
        "prompt": "select_account",
        "acr_values": "service:44643EB1-3F76-4C1C-A672-402AE8085934",
    }
    assert "%20" in parts.query and "+" not in parts.query


async def test_exchange_code_posts_the_form_with_basic_auth() -> None:
    identity = FakeIdentity()
    tokens = await exchange_code(CONFIG, "code-1", REDIRECT_URI, transport=identity.transport())
    assert (tokens.access_token, tokens.refresh_token) == ("access-2", "refresh-2")
    assert tokens.expires_at is not None
    assert identity.token_forms == [
        {"grant_type": "authorization_code", "code": "code-1", "redirect_uri": REDIRECT_URI}
    ]


async def test_a_used_code_is_refused() -> None:
    identity = FakeIdentity()
    await exchange_code(CONFIG, "code-1", REDIRECT_URI, transport=identity.transport())
    with pytest.raises(AuthError, match="invalid_grant"):
        await exchange_code(CONFIG, "code-1", REDIRECT_URI, transport=identity.transport())


async def test_connect_unattended_follows_the_redirect_code() -> None:
    identity = FakeIdentity()
    tokens = await connect_unattended(CONFIG, REDIRECT_URI, transport=identity.transport())
    assert tokens.access_token == "access-2"
    assert identity.token_forms[0]["code"] == "code-1"


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, text="<html>Logga in</html>"),
        httpx.Response(302, headers={"Location": REDIRECT_URI + "?error=access_denied"}),
        httpx.Response(302, headers={"Location": "https://identity.example.test/login"}),
    ],
    ids=["login-page", "denied", "elsewhere"],
)
async def test_connect_unattended_asks_for_the_browser_otherwise(answer: httpx.Response) -> None:
    transport = httpx.MockTransport(lambda request: answer)
    with pytest.raises(ConfigError) as caught:
        await connect_unattended(CONFIG, REDIRECT_URI, transport=transport)
    assert "webbläsaren" in caught.value.message


async def test_connect_unattended_refuses_a_redirect_with_someone_elses_state() -> None:
    def identity(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": REDIRECT_URI + "?code=code-1&state=forged"})

    with pytest.raises(ConfigError):
        await connect_unattended(CONFIG, REDIRECT_URI, transport=httpx.MockTransport(identity))


class FakeBrowser:
    """Opens the authorize URL against the fake identity server, then follows its redirect for real."""

    def __init__(self, identity: FakeIdentity, *, tamper_state: bool = False) -> None:
        self.identity = identity
        self.tamper_state = tamper_state
        self.pages: list[httpx.Response] = []

    def __call__(self, url: str) -> None:
        with httpx.Client(transport=httpx.MockTransport(self.identity)) as idp:
            location = idp.get(url).headers["Location"]
        loopback = location.replace("//localhost:", "//127.0.0.1:")
        if self.tamper_state:
            loopback = loopback.split("&state=")[0] + "&state=forged"
        base = loopback.split("/callback")[0]
        self.pages.append(httpx.get(base + "/favicon.ico"))
        self.pages.append(httpx.get(loopback))


async def test_connect_with_browser_catches_the_code_on_loopback() -> None:
    identity = FakeIdentity()
    browser = FakeBrowser(identity)
    port = free_port()
    tokens = await connect_with_browser(CONFIG, port=port, open_browser=browser, transport=identity.transport())
    assert tokens.access_token == "access-2"
    assert identity.token_forms[0]["redirect_uri"] == f"http://localhost:{port}/callback"
    favicon, callback = browser.pages
    assert favicon.status_code == 404
    assert callback.status_code == 200
    assert "Klart – du kan stänga fönstret" in callback.text


async def test_connect_with_browser_rejects_a_wrong_state() -> None:
    identity = FakeIdentity()
    browser = FakeBrowser(identity, tamper_state=True)
    with pytest.raises(ConfigError):
        await connect_with_browser(CONFIG, port=free_port(), open_browser=browser, transport=identity.transport())
    assert "Klart" not in browser.pages[-1].text
    assert identity.token_forms == []


async def test_connect_with_browser_gives_up_when_nobody_logs_in() -> None:
    with pytest.raises(ConfigError, match="inom 5 minuter"):
        await connect_with_browser(CONFIG, port=free_port(), open_browser=lambda url: None, timeout=0.05)
