"""The state machine per (company, category): one alert when a category starts failing, nothing while it keeps
failing until the recipient's quiet period has passed (then one reminder, and the next after another period), one
"löst" message when it runs clean again, and a recovery only to those who were alerted. A fake clock (``now``)."""

from __future__ import annotations

import pytest

from brygga.alerts import evaluate_run, remind_open
from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.store import Store
from brygga.store.alerts import AlertStore
from tests.alerts.reports import T0, clean, failed_objects, hours, kinds, nothing, payloads, public, stopped

pytestmark = pytest.mark.both_databases


def _recipient(store: Store, reminder_hours: int = 24, lang: str = "sv") -> int:
    alerts = AlertStore(store.db, store.tenant)
    return alerts.add_recipient("email", "ekonomi@example.se", now=T0, lang=lang, reminder_hours=reminder_hours).id


def test_alert_failing_category_sends_exactly_one_alert(store: Store, settings: Settings) -> None:
    _recipient(store)
    assert evaluate_run(store, public(settings), ["articles"], report=failed_objects(), now=T0) == 1
    assert kinds(store) == ["alert:articles"]
    facts = payloads(store)[0]
    assert facts["failed"] == 2 and facts["headline"] == "Produkten saknar momssats"
    assert facts["hint"] == "Ange en momssats på produkten i Visma PM." and facts["rule"] == "A8"
    assert facts["link"] == "https://brygga.example.se/alerts/company/default"
    assert AlertStore(store.db, store.tenant).open_alerts()[0].category == "articles"


def test_alert_still_failing_sends_nothing_until_the_reminder(store: Store, settings: Settings) -> None:
    _recipient(store, reminder_hours=24)
    evaluate_run(store, settings, ["articles"], report=failed_objects(), now=T0)
    for minutes in range(10, 24 * 60, 10):  # every scheduled run of a day, failing the same way
        evaluate_run(store, settings, ["articles"], report=failed_objects(), now=T0 + hours(minutes / 60))
    assert kinds(store) == ["alert:articles"]


def test_alert_reminder_after_quiet_period_and_the_next_after_another(store: Store, settings: Settings) -> None:
    _recipient(store, reminder_hours=4)
    evaluate_run(store, settings, ["articles"], report=failed_objects(), now=T0)
    evaluate_run(store, settings, ["articles"], report=failed_objects(), now=T0 + hours(4))
    evaluate_run(store, settings, ["articles"], report=failed_objects(), now=T0 + hours(5))
    assert kinds(store) == ["alert:articles", "reminder:articles"]
    # Without runs (a paused schedule) the periodic task reminds, repeating the facts.
    assert remind_open(store.db, store.tenant, now=T0 + hours(7)) == 0
    assert remind_open(store.db, store.tenant, now=T0 + hours(8)) == 1
    assert kinds(store) == ["alert:articles", "reminder:articles", "reminder:articles"]
    assert payloads(store)[-1]["headline"] == "Produkten saknar momssats"


def test_alert_clean_again_sends_exactly_one_recovery(store: Store, settings: Settings) -> None:
    _recipient(store)
    evaluate_run(store, settings, ["articles"], report=failed_objects(), now=T0)
    evaluate_run(store, settings, ["articles"], report=clean(), now=T0 + hours(1))
    evaluate_run(store, settings, ["articles"], report=clean(), now=T0 + hours(2))
    evaluate_run(store, settings, ["articles"], report=nothing(), now=T0 + hours(3))
    assert kinds(store) == ["alert:articles", "resolved:articles"]
    assert AlertStore(store.db, store.tenant).open_alerts() == []
    # Failing again is a new episode: a new alert, once.
    evaluate_run(store, settings, ["articles"], report=failed_objects(), now=T0 + hours(4))
    evaluate_run(store, settings, ["articles"], report=failed_objects(), now=T0 + hours(5))
    assert kinds(store) == ["alert:articles", "resolved:articles", "alert:articles"]


def test_alert_recovery_only_after_an_alert(store: Store, settings: Settings) -> None:
    evaluate_run(store, settings, ["articles"], report=clean(), now=T0)
    evaluate_run(store, settings, ["articles"], report=failed_objects(), now=T0 + hours(1))  # nobody to tell yet
    _recipient(store)  # added while it fails, then it runs clean before any alert reached this recipient
    evaluate_run(store, settings, ["articles"], report=clean(), now=T0 + hours(2))
    assert kinds(store) == []


def test_alert_changed_reason_while_failing_is_no_new_alert(store: Store, settings: Settings) -> None:
    _recipient(store, reminder_hours=24)
    evaluate_run(store, settings, ["articles"], report=failed_objects(rule="A8"), now=T0)
    evaluate_run(store, settings, ["articles"], report=failed_objects(rule="A7", count=5), now=T0 + hours(1))
    assert kinds(store) == ["alert:articles"]
    state = AlertStore(store.db, store.tenant).open_alerts()[0]
    assert state.fingerprint == "objects:A7" and state.failed_count == 5


def test_alert_stopped_category_and_a_run_stopped_before_its_categories(store: Store, settings: Settings) -> None:
    _recipient(store)
    evaluate_run(store, settings, ["customers"], report=stopped(), now=T0)
    x4 = ConfigError("Visma eEkonomi är nu anslutet till ett annat företag.", hint="Anslut det rätta företaget.")
    evaluate_run(store, settings, ["invoices"], error=x4, now=T0)
    facts = payloads(store)
    assert [f["category"] for f in facts] == ["customers", "invoices"]
    assert all(f["stopped"] for f in facts)
    assert facts[1]["headline"] == "Visma eEkonomi är nu anslutet till ett annat företag."


def test_alert_dry_run_and_a_busy_lease_are_never_evaluated(store: Store, settings: Settings) -> None:
    from brygga.transfer.runner import LeaseBusyError

    _recipient(store)
    dry = failed_objects()
    dry.dry_run = True
    assert evaluate_run(store, settings, ["articles"], report=dry, now=T0) == 0
    assert evaluate_run(store, settings, ["articles"], error=LeaseBusyError("upptaget"), now=T0) == 0
    assert kinds(store) == [] and AlertStore(store.db, store.tenant).states() == []
