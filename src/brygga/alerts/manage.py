"""Managing a company's recipients, shared by ``brygga alerts`` and the "Larm" page: checked input, the test message
to every recipient (with whether it got through), and the status (open alerts, undelivered messages)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from brygga.alerts.delivery import DeliveryError, send
from brygga.alerts.evaluate import company_link
from brygga.alerts.hook import base_url
from brygga.alerts.signing import new_key
from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.store import Store
from brygga.store.alerts import AlertState, AlertStore, OutboxSummary, Recipient
from brygga.store.companies import CompanyRegistry

__all__ = ["AlertStatus", "TestResult", "add_email", "add_webhook", "alert_status", "error_text", "test_all"]

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _check(lang: str, reminder_hours: int) -> None:
    if lang not in ("sv", "en"):
        raise ConfigError(
            f"Språket '{lang}' finns inte.",
            hint="Välj sv eller en.",
            message_en=f"No language '{lang}'.",
            hint_en="Choose sv or en.",
        )
    if not 1 <= reminder_hours <= 24 * 30:
        raise ConfigError(
            "Påminnelsen måste komma efter 1 till 720 timmar.",
            hint="T.ex. --reminder-hours 24.",
            message_en="The reminder must come after 1 to 720 hours.",
            hint_en="E.g. --reminder-hours 24.",
        )


def add_email(
    store: Store, address: str, *, lang: str = "sv", reminder_hours: int = 24, daily_summary: bool = False
) -> Recipient:
    address = address.strip()
    if not _EMAIL.fullmatch(address):
        raise ConfigError(
            f"'{address}' är ingen e-postadress.",
            hint="T.ex. ekonomi@example.se.",
            message_en=f"'{address}' is not an e-mail address.",
            hint_en="E.g. finance@example.com.",
        )
    _check(lang, reminder_hours)
    return AlertStore(store.db, store.tenant).add_recipient(
        "email", address, now=datetime.now(UTC), lang=lang, reminder_hours=reminder_hours, daily_summary=daily_summary
    )


def add_webhook(
    store: Store,
    url: str,
    *,
    key: str | None = None,
    lang: str = "sv",
    reminder_hours: int = 24,
    daily_summary: bool = False,
) -> tuple[Recipient, str]:
    """The recipient and its signing key (``key``, else a new one: shown once, stored encrypted)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            "Webbhooken måste vara en http- eller https-adress.",
            hint="T.ex. https://larm.example.se/brygga.",
            message_en="The webhook must be an http or https address.",
            hint_en="E.g. https://alerts.example.com/brygga.",
        )
    _check(lang, reminder_hours)
    signing_key = key or new_key()
    recipient = AlertStore(store.db, store.tenant).add_recipient(
        "webhook",
        url,
        now=datetime.now(UTC),
        key=signing_key,
        lang=lang,
        reminder_hours=reminder_hours,
        daily_summary=daily_summary,
    )
    return recipient, signing_key


@dataclass(frozen=True)
class TestResult:
    recipient: Recipient
    ok: bool
    error: str = ""  # in the language asked for


def test_all(store: Store, settings: Settings, lang: str = "sv") -> list[TestResult]:
    """A test message to every recipient of the company, sent now (not through the outbox), and how it went."""
    company = CompanyRegistry(store.db).get(store.tenant)
    results = []
    for recipient in AlertStore(store.db, store.tenant).recipients():
        facts = {
            "event": "test",
            "lang": recipient.lang,
            "company": store.tenant,
            "company_name": company.name if company else store.tenant,
            "at": datetime.now(UTC).isoformat(),
            "link": company_link(base_url(settings), store.tenant),
        }
        try:
            send(settings, recipient, facts)
        except DeliveryError as exc:
            results.append(TestResult(recipient, False, exc.en if lang == "en" else exc.sv))
            continue
        results.append(TestResult(recipient, True))
    return results


def error_text(stored: str | None, lang: str) -> str:
    """A kept delivery error (JSON with ``sv`` and ``en``) in ``lang``."""
    if not stored:
        return ""
    try:
        words = json.loads(stored)
    except ValueError:
        return stored
    return str(words.get(lang) or words.get("sv") or "")


@dataclass(frozen=True)
class AlertStatus:
    open: list[AlertState]
    outbox: OutboxSummary


def alert_status(store: Store) -> AlertStatus:
    alerts = AlertStore(store.db, store.tenant)
    return AlertStatus(alerts.open_alerts(), alerts.summary())
