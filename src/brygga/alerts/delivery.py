"""Sending alert messages: e-mail through the installation's SMTP server (STARTTLS and login, stdlib ``smtplib``)
and webhooks as a signed JSON POST (httpx, short timeout).

Delivery is best-effort and never raises into a transfer: a message that could not be sent keeps the reason (in
words, Swedish and English, never a password, a key or a webhook URL's query) and is tried again with backoff by
``deliver_due`` (after each run, each tick of the SQLite worker, the PostgreSQL worker's periodic task and
``brygga alerts retry``).
"""

from __future__ import annotations

import json
import logging
import smtplib
import ssl
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from urllib.parse import urlsplit

import httpx

from brygga.alerts.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from brygga.alerts.texts import Facts, render
from brygga.config import Settings
from brygga.store.alerts import AlertStore, Recipient
from brygga.store.database import Database

__all__ = ["DeliveryError", "DeliveryResult", "Sender", "backoff", "deliver_due", "send"]

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)
_WEBHOOK: ContextVar[str | None] = ContextVar("brygga_webhook", default=None)


class _WebhookUrlFilter(logging.Filter):
    """httpx logs each request's full URL; a webhook's may carry a token in its path or query, so while a webhook is
    posted its log lines name only the scheme, host and port."""

    def filter(self, record: logging.LogRecord) -> bool:
        where = _WEBHOOK.get()
        if where is not None and isinstance(record.args, tuple):
            record.args = tuple(where if isinstance(a, httpx.URL) else a for a in record.args)
        return True


logging.getLogger("httpx").addFilter(_WebhookUrlFilter())


class DeliveryError(Exception):
    """A message that did not get through, said in words (``sv``, ``en``)."""

    def __init__(self, sv: str, en: str) -> None:
        super().__init__(en)
        self.sv = sv
        self.en = en

    def as_json(self) -> str:
        return json.dumps({"sv": self.sv, "en": self.en}, ensure_ascii=False)


@dataclass(frozen=True)
class DeliveryResult:
    sent: int
    failed: int


def backoff(attempts: int) -> timedelta:
    """After the n-th failed attempt: 1, 2, 4 … minutes, at most an hour."""
    return min(timedelta(minutes=2 ** max(0, attempts - 1)), MAX_BACKOFF)


def _where(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}{f':{parts.port}' if parts.port else ''}"


def send_email(settings: Settings, to: str, facts: Facts) -> None:
    if not settings.smtp_host:
        raise DeliveryError(
            "Ingen e-postserver är inställd (BRYGGA_SMTP_HOST).", "No mail server is set (BRYGGA_SMTP_HOST)."
        )
    subject, text = render(facts)
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    server = f"{settings.smtp_host}:{settings.smtp_port}"
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout) as smtp:
            if settings.smtp_starttls:
                context = ssl.create_default_context(
                    cafile=str(settings.smtp_ca_file) if settings.smtp_ca_file else None
                )
                smtp.starttls(context=context)
            if settings.smtp_user and settings.smtp_password is not None:
                smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value())
            smtp.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(
            f"Inloggningen på e-postservern {server} nekades ({exc.smtp_code}).",
            f"The mail server {server} refused the login ({exc.smtp_code}).",
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(
            f"E-postservern {server} tog inte emot meddelandet ({exc.smtp_code}).",
            f"The mail server {server} did not accept the message ({exc.smtp_code}).",
        ) from None
    except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
        reason = getattr(exc, "strerror", None) or exc.__class__.__name__
        raise DeliveryError(
            f"E-postservern {server} kunde inte nås ({reason}).",
            f"The mail server {server} could not be reached ({reason}).",
        ) from None


def send_webhook(
    settings: Settings, url: str, key: str | None, facts: Facts, *, transport: httpx.BaseTransport | None = None
) -> None:
    subject, text = render(facts)
    body = json.dumps({**facts, "subject": subject, "text": text}, ensure_ascii=False).encode()
    timestamp = int(time.time())
    headers = {"Content-Type": "application/json", TIMESTAMP_HEADER: str(timestamp)}
    if key:
        headers[SIGNATURE_HEADER] = sign(key, timestamp, body)
    where = _where(url)
    marker = _WEBHOOK.set(where)
    try:
        with httpx.Client(timeout=settings.alert_webhook_timeout, transport=transport) as client:
            answer = client.post(url, content=body, headers=headers)
    except httpx.TimeoutException:
        raise DeliveryError(
            f"Webbhooken {where} svarade inte inom {settings.alert_webhook_timeout:g} s.",
            f"The webhook {where} did not answer within {settings.alert_webhook_timeout:g} s.",
        ) from None
    except httpx.HTTPError:
        raise DeliveryError(
            f"Webbhooken {where} kunde inte nås.", f"The webhook {where} could not be reached."
        ) from None
    finally:
        _WEBHOOK.reset(marker)
    if answer.status_code >= 300:
        raise DeliveryError(
            f"Webbhooken {where} svarade {answer.status_code}.", f"The webhook {where} answered {answer.status_code}."
        )


Sender = Callable[[Recipient, Facts], None]


def send(settings: Settings, recipient: Recipient, facts: Facts) -> None:
    """Send one message to one recipient; ``DeliveryError`` says why it did not get through."""
    if recipient.kind == "webhook":
        send_webhook(settings, recipient.address, recipient.key, facts)
    else:
        send_email(settings, recipient.address, facts)


def deliver_due(
    db: Database, tenant: str, settings: Settings, *, now: datetime, sender: Sender | None = None
) -> DeliveryResult:
    """Send this company's messages that are due; each failure is kept with its reason and a next attempt."""
    store = AlertStore(db, tenant)
    due = store.due(now)
    if not due:
        return DeliveryResult(0, 0)
    recipients = {r.id: r for r in store.recipients()}
    send_one = sender or (lambda recipient, facts: send(settings, recipient, facts))
    sent = failed = 0
    for message in due:
        recipient = recipients.get(message.recipient_id)
        if recipient is None:
            continue
        try:
            send_one(recipient, json.loads(message.payload))
        except DeliveryError as exc:
            failed += 1
            store.mark_failed(message.id, exc.as_json(), now + backoff(message.attempts + 1))
            logger.warning("alert %s to recipient %s of %s not delivered: %s", message.id, recipient.id, tenant, exc.en)
            continue
        except Exception:  # a defect in sending: kept for the next attempt, logged for the admin
            failed += 1
            error = DeliveryError("Ett oväntat fel i brygga, se loggen.", "An unexpected error in brygga, see the log.")
            store.mark_failed(message.id, error.as_json(), now + backoff(message.attempts + 1))
            logger.exception("alert %s of %s: unexpected error while sending", message.id, tenant)
            continue
        sent += 1
        store.mark_sent(message.id, now)
    return DeliveryResult(sent, failed)
