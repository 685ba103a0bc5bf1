"""The hook in ``TransferSession.run``, where the CLI, the web page and both workers pass: a real run is evaluated,
a dry run never; a broken mail server, or a defect in alerting, never fails the transfer or reaches the user."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

import brygga.alerts.hook as hook
import brygga.session as session_module
from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.session import TransferSession
from brygga.store import Store
from brygga.store.alerts import AlertStore
from brygga.transfer.report import RunReport
from tests.alerts.conftest import with_smtp
from tests.alerts.reports import T0, failed_objects, kinds


def _session(store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch, outcome: Any) -> TransferSession:
    async def fake_run(ctx: Any, categories: list[str]) -> RunReport:
        if isinstance(outcome, Exception):
            raise outcome
        report: RunReport = outcome
        report.dry_run = ctx.dry_run
        return report

    monkeypatch.setattr(session_module, "run_transfers", fake_run)
    session = TransferSession.__new__(TransferSession)  # the clients are not needed: the engine is replaced
    session.store, session.settings, session.eek, session.pm = store, settings, object(), object()  # type: ignore[assignment]
    return session


async def test_alert_broken_mail_server_never_fails_a_transfer(
    store: Store, settings: Settings, certificate: tuple[Path, Path], smtp_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    mail = with_smtp(settings, certificate, smtp_port)  # nothing listens there
    AlertStore(store.db, store.tenant).add_recipient("email", "ekonomi@example.se", now=T0)
    report = await _session(store, mail, monkeypatch, failed_objects()).run(["articles"])
    assert report.state == "partial"
    assert kinds(store) == ["alert:articles"]
    summary = AlertStore(store.db, store.tenant).summary()
    assert summary.undelivered == 1 and summary.last_error and "kunde inte nås" in summary.last_error


async def test_alert_dry_run_is_never_evaluated(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    AlertStore(store.db, store.tenant).add_recipient("email", "ekonomi@example.se", now=T0)
    await _session(store, settings, monkeypatch, failed_objects()).run(["articles"], dry_run=True)
    assert kinds(store) == [] and AlertStore(store.db, store.tenant).states() == []


async def test_alert_run_stopped_by_an_error_alerts_and_the_error_still_reaches_the_caller(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    AlertStore(store.db, store.tenant).add_recipient("email", "ekonomi@example.se", now=T0)
    x4 = ConfigError("Visma eEkonomi är nu anslutet till ett annat företag.")
    with pytest.raises(ConfigError):
        await _session(store, settings, monkeypatch, x4).run(["customers", "invoices"])
    assert kinds(store) == ["alert:customers", "alert:invoices"]


async def test_alert_defect_in_alerting_is_logged_never_raised(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("alert defect")

    monkeypatch.setattr(hook, "evaluate", broken)
    report = await _session(store, settings, monkeypatch, failed_objects()).run(["articles"])
    assert report.state == "partial"
    assert any(r.levelno == logging.ERROR and "alerts" in r.getMessage() for r in caplog.records)
