"""Network failures in the user's words: which system, at which address, and what to check.

httpx names its failures by class (``ConnectError``, ``UnsupportedProtocol``, ``InvalidURL``); nobody using brygga
should have to read those. Every place that turns an httpx failure into a brygga error words it here, in Swedish
and English, so the CLI, the doctor and the web pages all say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

__all__ = ["SYSTEM_NAMES", "NetworkText", "invalid_address", "unreachable"]

SYSTEM_NAMES = {"eekonomi": "Visma eEkonomi", "severa": "Visma PM", "pm": "Visma PM"}

_REASONS: tuple[tuple[type[Exception], str, str], ...] = (
    (
        httpx.UnsupportedProtocol,
        "adressen måste börja med https:// (eller http://)",
        "the address must start with https://",
    ),
    (httpx.TimeoutException, "inget svar inom tidsgränsen", "no answer in time"),
    (httpx.ConnectError, "anslutningen misslyckades", "the connection failed"),
    (httpx.RemoteProtocolError, "servern bröt anslutningen", "the server broke the connection"),
    (httpx.NetworkError, "anslutningen bröts", "the connection broke"),
    (httpx.ProxyError, "proxyn svarade inte", "the proxy failed"),
)

_UNKNOWN_NAME = ("Name or service not known", "nodename nor servname", "getaddrinfo failed", "No address associated")


@dataclass(frozen=True)
class NetworkText:
    """What to tell the user, in both languages."""

    message: str
    message_en: str
    hint: str
    hint_en: str


def system_name(system: str) -> str:
    return SYSTEM_NAMES.get(system, system)


def _reason(exc: Exception) -> tuple[str, str]:
    if isinstance(exc, httpx.ConnectError) and any(text in str(exc) for text in _UNKNOWN_NAME):
        return "namnet hittades inte", "the name was not found"
    for kind, sv, en in _REASONS:
        if isinstance(exc, kind):
            return sv, en
    return "nätverksfel", "network error"


def _address(url: httpx.URL | str) -> str:
    """The address without its query string (which may hold an OAuth state or a client id)."""
    if isinstance(url, httpx.URL):
        return str(url.copy_with(query=None, fragment=None))
    return url.split("?", 1)[0]


def unreachable(system: str, url: httpx.URL | str, exc: Exception) -> NetworkText:
    """``Kunde inte nå Visma PM på https://…: kontrollera adressen och nätverket``, with the reason."""
    name, address = system_name(system), _address(url)
    reason_sv, reason_en = _reason(exc)
    return NetworkText(
        f"Kunde inte nå {name} på {address} ({reason_sv}): kontrollera adressen och nätverket",
        f"Could not reach {name} at {address} ({reason_en}): check the address and the network",
        f"Kontrollera att adressen till {name} stämmer och att datorn når den (brygga doctor visar läget).",
        f"Check that the address of {name} is right and that this computer reaches it (brygga doctor shows the state).",
    )


def invalid_address(system: str, url: str) -> NetworkText:
    """An address httpx cannot even parse."""
    name = system_name(system)
    return NetworkText(
        f"Ogiltig adress till {name}: {url!r}",
        f"Invalid address for {name}: {url!r}",
        "Ange hela adressen, t.ex. https://eaccountingapi.vismaonline.com/v2 eller https://api.severa.visma.com/rest-api.",
        "Give the whole address, e.g. https://eaccountingapi.vismaonline.com/v2 or https://api.severa.visma.com/rest-api.",
    )
