"""Network and connect errors name the system and the address with what to check, in Swedish and English, never
httpx's class names; a wrong --auth-url is found with one request, and the browser login says where to go."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx
import pytest

from brygga.cli.entry import error_texts
from brygga.eekonomi import EEkonomiOAuthConfig, connect_unattended, connect_with_browser
from brygga.eekonomi.auth import LoginRequired
from brygga.errors import ConfigError, TransportError
from brygga.http import ApiTransport
from brygga.severa.auth import SeveraCredentials, fetch_token
from tests.cli.support import brygga

CONFIG = EEkonomiOAuthConfig("client", "secret", "https://identity.example.test")
REDIRECT = "http://localhost:8765/callback"
CLASS_NAMES = ("ConnectError", "UnsupportedProtocol", "InvalidURL", "ConnectTimeout")


def failing(exc: type[httpx.TransportError]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc("boom", request=request)

    return httpx.MockTransport(handler)


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def no_class_names(*texts: str) -> bool:
    return not any(name in text for name in CLASS_NAMES for text in texts)


async def test_an_unreachable_api_names_the_system_and_the_address_in_both_languages() -> None:
    transport = ApiTransport(
        system="severa",
        base_url="https://pm.example.test/rest-api",
        error_mapper=lambda request, response: TransportError("x", system="severa", method="GET", path="/"),
        transport=failing(httpx.ConnectError),
        max_attempts=1,
    )
    with pytest.raises(TransportError) as caught:
        await transport.request("GET", "/v1/customers", params={"secret": "no"})
    await transport.aclose()
    sv, hint = error_texts(caught.value, "sv")
    en, hint_en = error_texts(caught.value, "en")
    assert sv.startswith("Kunde inte nå Visma PM på https://pm.example.test/rest-api/v1/customers")
    assert "kontrollera adressen och nätverket" in sv and hint
    assert en.startswith("Could not reach Visma PM at https://pm.example.test/rest-api/v1/customers") and hint_en
    assert "secret" not in sv + en  # the query string stays out
    assert no_class_names(sv, en, hint, hint_en, str(caught.value))


def test_an_address_that_is_no_url_is_a_setting_to_correct() -> None:
    with pytest.raises(ConfigError) as caught:
        ApiTransport(
            system="eekonomi",
            base_url="http://[::1",
            error_mapper=lambda q, r: TransportError("x", system="eekonomi", method="GET", path="/"),
        )
    assert "Ogiltig adress till Visma eEkonomi" in caught.value.message and caught.value.message_en
    assert no_class_names(caught.value.message)


async def test_connect_severa_with_an_address_without_scheme_says_what_is_wrong() -> None:
    with pytest.raises(TransportError) as caught:
        await fetch_token(SeveraCredentials("id", "secret"), "api.severa.example.test")
    assert "Kunde inte nå Visma PM på api.severa.example.test/v1/token" in caught.value.message
    assert "https://" in caught.value.message and no_class_names(caught.value.message)


async def test_an_unreachable_auth_url_fails_at_once_and_is_no_reason_for_the_browser() -> None:
    config = EEkonomiOAuthConfig("client", "secret", f"http://127.0.0.1:{unused_port()}")
    started = time.monotonic()
    with pytest.raises(ConfigError) as caught:
        await connect_unattended(config, REDIRECT)
    assert time.monotonic() - started < 10
    assert not isinstance(caught.value, LoginRequired)
    assert caught.value.message.startswith(f"Kunde inte nå Visma eEkonomi på {config.auth_url}")


@pytest.mark.parametrize("status", [404, 400, 500])
async def test_an_auth_url_that_is_no_identity_server_is_said_at_once(status: int) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, text="nope"))
    with pytest.raises(ConfigError) as caught:
        await connect_unattended(CONFIG, REDIRECT, transport=transport)
    assert not isinstance(caught.value, LoginRequired)
    assert f"HTTP {status}" in caught.value.message and caught.value.hint and caught.value.message_en


async def test_only_a_login_page_sends_connect_to_the_browser() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, text="<html>Logga in</html>"))
    with pytest.raises(LoginRequired):
        await connect_unattended(CONFIG, REDIRECT, transport=transport)


async def test_the_login_url_and_the_port_are_announced_before_the_wait() -> None:
    port = unused_port()
    events: list[str] = []

    def announce(url: str, listening: int) -> None:
        events.append(f"announce {listening} {url}")

    with pytest.raises(ConfigError, match="inom 5 minuter"):
        await connect_with_browser(
            CONFIG, port=port, open_browser=lambda url: events.append("browser"), announce=announce, timeout=0.05
        )
    assert events[0].startswith(f"announce {port} https://identity.example.test/connect/authorize?")
    assert events[1] == "browser"


async def test_a_busy_callback_port_is_said_with_the_port_option() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ConfigError) as caught:
            await connect_with_browser(CONFIG, port=port, open_browser=lambda url: None, timeout=0.05)
    assert f"Port {port}" in caught.value.message and "upptagen" in caught.value.message
    assert "--port" in caught.value.hint and "--port" in caught.value.hint_en


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("sv", ("Fel: Kunde inte nå Visma eEkonomi på", "kontrollera adressen")),
        ("en", ("Error: Could not reach Visma eEkonomi at", "check the address")),
    ],
)
def test_connect_eekonomi_with_an_unreachable_auth_url_ends_in_seconds(
    tmp_path: Path, lang: str, words: tuple[str, ...]
) -> None:
    url = f"http://127.0.0.1:{unused_port()}"
    started = time.monotonic()
    result = brygga(
        "connect",
        "eekonomi",
        "--api-url",
        f"{url}/v2",
        "--auth-url",
        url,
        "--client-id",
        "id",
        "--client-secret",
        "secret",
        data_dir=tmp_path,
        lang=lang,
        COLUMNS="200",
        timeout=60,
    )
    assert time.monotonic() - started < 30
    assert result.returncode == 2
    for word in words:
        assert word in result.stderr
    assert no_class_names(result.stderr) and "Traceback" not in result.stderr


async def test_a_passing_503_of_the_identity_server_is_retried_like_any_get() -> None:
    answers = iter([httpx.Response(503), httpx.Response(503), httpx.Response(200, text="<form>Logga in</form>")])
    waits: list[float] = []

    async def no_wait(seconds: float) -> None:
        waits.append(seconds)

    transport = httpx.MockTransport(lambda request: next(answers))
    with pytest.raises(LoginRequired):  # the third answer is a login page: the browser's turn, not an error
        await connect_unattended(CONFIG, REDIRECT, transport=transport, sleep=no_wait)
    assert waits == [0.5, 1.0]


async def test_a_503_that_lasts_is_said_at_once_after_three_tries() -> None:
    calls: list[int] = []

    def always_503(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(503)

    async def no_wait(seconds: float) -> None:
        return None

    with pytest.raises(ConfigError) as caught:
        await connect_unattended(CONFIG, REDIRECT, transport=httpx.MockTransport(always_503), sleep=no_wait)
    assert not isinstance(caught.value, LoginRequired) and "HTTP 503" in caught.value.message
    assert len(calls) == 3
