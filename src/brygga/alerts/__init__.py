"""Alerts with recovery (issue 15): a company's recipients hear once when a category starts failing, get a reminder
after their quiet period, and one "löst" message when it runs clean again (``evaluate``); messages go through an
outbox and are delivered by e-mail or signed webhook, best-effort with retries (``delivery``)."""

from __future__ import annotations

from brygga.alerts.delivery import DeliveryError, DeliveryResult, deliver_due, send
from brygga.alerts.evaluate import CategoryResult, evaluate, remind_open, results_from_error, results_from_report
from brygga.alerts.hook import after_run, deliver_everywhere, evaluate_run
from brygga.alerts.signing import new_key, sign, verify

__all__ = [
    "CategoryResult",
    "DeliveryError",
    "DeliveryResult",
    "after_run",
    "deliver_due",
    "deliver_everywhere",
    "evaluate",
    "evaluate_run",
    "new_key",
    "remind_open",
    "results_from_error",
    "results_from_report",
    "send",
    "sign",
    "verify",
]
