"""Delivery against real servers: an in-process SMTP server (aiosmtpd, STARTTLS with a self-signed certificate,
login) and an HTTP receiver on loopback. Failures are kept with their reason and retried; nothing secret is sent
or logged; English per recipient; one company's recipients never get another's alerts."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest

from brygga.alerts import deliver_due, deliver_everywhere, evaluate_run, verify
from brygga.alerts.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER
from brygga.config import Settings
from brygga.store import Store
from brygga.store.alerts import AlertStore
from brygga.store.companies import CompanyRegistry
from tests.alerts.conftest import SMTP_PASSWORD, Receiver, SmtpServer, with_smtp
from tests.alerts.reports import T0, clean, failed_objects, hours

KEY = "webhook-nyckel-7Qx2"


def test_alert_email_through_starttls_and_login_on_a_real_smtp_server(
    store: Store, settings: Settings, smtp_server: SmtpServer, certificate: tuple[Path, Path]
) -> None:
    smtp_server.start()
    mail = with_smtp(settings, certificate, smtp_server.port)
    AlertStore(store.db, store.tenant).add_recipient("email", "ekonomi@example.se", now=T0)
    evaluate_run(store, mail, ["articles"], report=failed_objects(), now=T0)
    result = deliver_due(store.db, store.tenant, mail, now=T0)
    assert (result.sent, result.failed) == (1, 0)
    assert smtp_server.mailbox.logins == ["larm@example.se"]
    (text,) = smtp_server.mailbox.texts()
    assert "Subject: brygga: Artiklar misslyckas" in text
    assert "2 misslyckades" in text and "Första felet: Produkten saknar momssats" in text
    assert "Gör så här: Ange en momssats" in text and "Teknisk detalj: A8" in text
    assert SMTP_PASSWORD not in text


def test_alert_smtp_server_down_then_up_is_retried_with_the_reason_kept(
    store: Store, settings: Settings, smtp_server: SmtpServer, certificate: tuple[Path, Path]
) -> None:
    mail = with_smtp(settings, certificate, smtp_server.port)
    alerts = AlertStore(store.db, store.tenant)
    alerts.add_recipient("email", "ekonomi@example.se", now=T0)
    evaluate_run(store, mail, ["articles"], report=failed_objects(), now=T0)
    assert deliver_due(store.db, store.tenant, mail, now=T0).failed == 1  # nothing listens on the port yet
    summary = alerts.summary()
    assert summary.undelivered == 1 and summary.last_error is not None
    assert "kunde inte nås" in json.loads(summary.last_error)["sv"]
    smtp_server.start()
    assert deliver_due(store.db, store.tenant, mail, now=T0).sent == 0  # backoff: not due yet
    assert deliver_everywhere(store.db, mail, now=T0 + hours(1)).sent == 1
    assert alerts.summary().undelivered == 0 and len(smtp_server.mailbox.messages) == 1


def test_alert_webhook_500_then_200_retried_and_signature_verified_by_the_receiver(
    store: Store, settings: Settings, receiver: Receiver
) -> None:
    receiver.statuses = [500, 200]
    alerts = AlertStore(store.db, store.tenant)
    alerts.add_recipient("webhook", receiver.url, now=T0, key=KEY)
    evaluate_run(store, settings, ["articles"], report=failed_objects(), now=T0)
    assert deliver_due(store.db, store.tenant, settings, now=T0).failed == 1
    assert json.loads(alerts.summary().last_error or "{}")["sv"].endswith("svarade 500.")
    assert deliver_due(store.db, store.tenant, settings, now=T0 + hours(1)).sent == 1
    headers, body = receiver.requests[-1]
    assert verify(KEY, headers[TIMESTAMP_HEADER], body, headers[SIGNATURE_HEADER], now=int(time.time()))
    assert not verify("another key", headers[TIMESTAMP_HEADER], body, headers[SIGNATURE_HEADER], now=int(time.time()))
    assert not verify(KEY, headers[TIMESTAMP_HEADER], body + b" ", headers[SIGNATURE_HEADER], now=int(time.time()))
    payload = json.loads(body)
    assert payload["event"] == "alert" and payload["category"] == "articles" and payload["failed"] == 2
    assert KEY not in body.decode()


def test_alert_english_per_recipient(store: Store, settings: Settings, receiver: Receiver) -> None:
    alerts = AlertStore(store.db, store.tenant)
    alerts.add_recipient("webhook", receiver.url, now=T0, key=KEY, lang="en")
    evaluate_run(store, settings, ["articles"], report=failed_objects(), now=T0)
    evaluate_run(store, settings, ["articles"], report=clean(), now=T0 + hours(1))
    deliver_due(store.db, store.tenant, settings, now=T0 + hours(1))
    alert, resolved = (receiver.body_json(0), receiver.body_json(1))
    assert alert["subject"] == "brygga: Articles failing for default"
    assert "First error: The product has no VAT rate" in alert["text"]
    assert "What to do: Set a VAT rate on the product in Visma PM." in alert["text"]
    assert resolved["subject"] == "brygga: resolved: Articles works again for default"


def test_alert_no_secret_in_messages_or_logs(
    store: Store,
    settings: Settings,
    receiver: Receiver,
    certificate: tuple[Path, Path],
    smtp_port: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    mail = with_smtp(settings, certificate, smtp_port)  # nothing listens: the failure is logged
    alerts = AlertStore(store.db, store.tenant)
    alerts.add_recipient("email", "ekonomi@example.se", now=T0)
    alerts.add_recipient("webhook", receiver.url + "?token=url-hemlis", now=T0, key=KEY)
    evaluate_run(store, mail, ["articles"], report=failed_objects(), now=T0)
    deliver_due(store.db, store.tenant, mail, now=T0)
    stored = [m.payload for m in alerts.messages()] + [alerts.summary().last_error or ""]
    sent = [body.decode() for _, body in receiver.requests]
    for text in [*stored, *sent, caplog.text, repr(alerts.recipients()), repr(mail)]:
        assert SMTP_PASSWORD not in text and KEY not in text and "url-hemlis" not in text
    assert "?…" in alerts.recipients()[1].shown


def test_alert_tenants_one_companys_recipients_never_get_anothers_alerts(
    store: Store, settings: Settings, receiver: Receiver
) -> None:
    CompanyRegistry(store.db).add("kund-4711", "Byggfirman i Norr AB")
    other = Store.for_tenant(store.db, "kund-4711")
    AlertStore(store.db, store.tenant).add_recipient("webhook", receiver.url + "/default", now=T0)
    AlertStore(store.db, "kund-4711").add_recipient("webhook", receiver.url + "/kund", now=T0)
    evaluate_run(other, settings, ["invoices"], report=failed_objects("invoices"), now=T0)
    assert deliver_everywhere(store.db, settings, now=T0).sent == 1
    ((_headers, body),) = receiver.requests
    payload = json.loads(body)
    assert payload["company"] == "kund-4711" and payload["company_name"] == "Byggfirman i Norr AB"
    assert AlertStore(store.db, store.tenant).messages() == []
    assert (
        AlertStore(store.db, store.tenant).remove_recipient(AlertStore(store.db, "kund-4711").recipients()[0].id)
        is False
    )
