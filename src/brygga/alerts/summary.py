"""The optional daily summary per recipient: which categories of the company are failing (and since when), or that
none is; queued once a day for each recipient who asked for it (``--daily-summary``), delivered like alerts."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import select

from brygga.alerts.evaluate import company_link
from brygga.alerts.texts import category_words
from brygga.calendar_se import STOCKHOLM
from brygga.store.database import Database
from brygga.store.tables import AlertMessageRow, AlertRecipientRow, AlertStateRow

__all__ = ["SUMMARY_EVERY", "queue_summaries"]

SUMMARY_EVERY = timedelta(days=1)


def queue_summaries(db: Database, tenant: str, company_name: str, base_url: str, *, now: datetime) -> int:
    queued = 0
    with db.for_tenant(tenant).transaction() as session:
        wanting = [
            r
            for r in session.scalars(
                select(AlertRecipientRow).where(
                    AlertRecipientRow.tenant_id == tenant, AlertRecipientRow.daily_summary.is_(True)
                )
            )
            if r.summary_sent_at is None or now - r.summary_sent_at >= SUMMARY_EVERY
        ]
        if not wanting:
            return 0
        failing = session.scalars(
            select(AlertStateRow)
            .where(AlertStateRow.tenant_id == tenant, AlertStateRow.failing.is_(True))
            .order_by(AlertStateRow.category)
        ).all()
        for recipient in wanting:
            sv = recipient.lang != "en"
            lines = [
                f"{category_words(s.category, recipient.lang)}: "
                + (f"misslyckas sedan {_local(s.since)}" if sv else f"failing since {_local(s.since)}")
                + f" ({s.headline})"
                for s in failing
            ]
            facts = {
                "event": "summary",
                "lang": recipient.lang,
                "company": tenant,
                "company_name": company_name,
                "lines": lines,
                "failing": [s.category for s in failing],
                "at": now.isoformat(),
                "link": company_link(base_url, tenant),
            }
            session.add(
                AlertMessageRow(
                    tenant_id=tenant,
                    recipient_id=recipient.id,
                    category="",
                    episode=0,
                    kind="summary",
                    payload=json.dumps(facts, ensure_ascii=False),
                    created_at=now,
                    attempts=0,
                    next_attempt_at=now,
                )
            )
            recipient.summary_sent_at = now
            queued += 1
    return queued


def _local(moment: datetime) -> str:
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
