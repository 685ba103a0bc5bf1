"""Where alerting meets the rest: ``after_run`` after every real run (``TransferSession.run``: the CLI, the web
page, the SQLite worker and the PostgreSQL queue's task all pass there; dry runs never), and ``deliver_everywhere``
on every worker tick, the queue's periodic task and ``brygga alerts retry``.

Nothing here raises: an exception in alerting is logged and the run's result stands.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from brygga.alerts.delivery import DeliveryResult, Sender, deliver_due
from brygga.alerts.evaluate import evaluate, remind_open, results_from_error, results_from_report
from brygga.alerts.summary import queue_summaries
from brygga.config import Settings
from brygga.errors import BryggaError
from brygga.store import Database, Store
from brygga.store.companies import CompanyRegistry
from brygga.transfer.report import CATEGORY_LABELS, RunReport

__all__ = ["DEFAULT_PUBLIC_URL", "after_run", "base_url", "deliver_everywhere", "evaluate_run"]

logger = logging.getLogger(__name__)

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"


def base_url(settings: Settings) -> str:
    return settings.public_url or DEFAULT_PUBLIC_URL


def _not_alerted(error: BryggaError) -> bool:
    """Errors that are no failure of a category: another run holds the company, an unknown category was typed."""
    from brygga.transfer.runner import LeaseBusyError

    return isinstance(error, LeaseBusyError)


def evaluate_run(
    store: Store,
    settings: Settings,
    categories: Sequence[str],
    *,
    report: RunReport | None = None,
    error: BryggaError | None = None,
    now: datetime | None = None,
) -> int:
    """Move the alert states after one run (its report, or the error that stopped it); messages queued."""
    if report is not None:
        if report.dry_run:
            return 0
        results = results_from_report(report)
    elif error is not None and not _not_alerted(error) and all(c in CATEGORY_LABELS for c in categories):
        results = results_from_error(categories, error)
    else:
        return 0
    company = CompanyRegistry(store.db).get(store.tenant)
    return evaluate(
        store.db,
        store.tenant,
        results,
        now=now or datetime.now(UTC),
        company_name=company.name if company else store.tenant,
        base_url=base_url(settings),
    )


async def after_run(
    store: Store,
    settings: Settings,
    categories: Sequence[str],
    *,
    report: RunReport | None = None,
    error: BryggaError | None = None,
    sender: Sender | None = None,
) -> None:
    """Evaluate, then deliver what is due for this company, best-effort; never raises."""
    try:
        queued = evaluate_run(store, settings, categories, report=report, error=error)
    except Exception:
        logger.exception("alerts: evaluating the run of %s failed; the run itself is not affected", store.tenant)
        return
    if not queued:
        return
    try:
        await asyncio.to_thread(deliver_due, store.db, store.tenant, settings, now=datetime.now(UTC), sender=sender)
    except Exception:
        logger.exception("alerts: delivering for %s failed; kept for the next attempt", store.tenant)


def deliver_everywhere(
    db: Database, settings: Settings, *, now: datetime | None = None, sender: Sender | None = None
) -> DeliveryResult:
    """For every company: reminders due without a run, daily summaries due, and every message due for (another)
    attempt. One company's trouble never stops the others'."""
    moment = now or datetime.now(UTC)
    sent = failed = 0
    for company in CompanyRegistry(db).all():
        try:
            remind_open(db, company.id, now=moment)
            queue_summaries(db, company.id, company.name, base_url(settings), now=moment)
            result = deliver_due(db, company.id, settings, now=moment, sender=sender)
        except Exception:
            logger.exception("alerts: delivery for %s failed; kept for the next attempt", company.id)
            continue
        sent += result.sent
        failed += result.failed
    return DeliveryResult(sent, failed)
