"""The alert state machine per (company, category), evaluated after every real run.

- A category **starts failing** when its run has a run-level failure (it stopped: an expired connection, another
  eEkonomi company (X4), a system that cannot be reached) or failed objects: a new episode begins and every
  recipient gets **one** alert.
- While it **keeps failing** nothing is sent, until a recipient's quiet period (``reminder_hours``) has passed since
  the last alert or reminder it got: then one reminder, and the next after another period. A changed reason while
  failing (another rule or headline first) is no new alert: the state keeps the newest fingerprint and the next
  reminder says the newest reason. A recipient added while a category fails gets the alert at the next evaluation.
- When it **runs clean** again (state ok, or nothing to do), the episode closes and **one** "löst" message goes to
  each recipient that was told of this episode; a recipient never told gets no recovery.

The state change and its messages are written in one transaction (the outbox); delivery comes after
(``brygga.alerts.delivery``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from brygga.alerts.texts import Facts
from brygga.errors import BryggaError
from brygga.store.database import Database
from brygga.store.tables import AlertMessageRow, AlertRecipientRow, AlertStateRow
from brygga.transfer.outcome import Action, ObjectOutcome, failure_from_error
from brygga.transfer.report import CATEGORY_LABELS, RunReport

__all__ = ["CategoryResult", "company_link", "evaluate", "remind_open", "results_from_error", "results_from_report"]

TOLD = ("alert", "reminder")


@dataclass(frozen=True)
class CategoryResult:
    """One category's result in one run, as alerts need it: failing or clean, and the first failure in words."""

    category: str
    failing: bool
    failed: int = 0
    stopped: bool = False
    fingerprint: str = ""
    headline: tuple[str, str] = ("", "")
    hint: tuple[str, str] = ("", "")
    detail: tuple[str, str] = ("", "")
    rule: str | None = None


def _from_outcomes(category: str, failed: Sequence[ObjectOutcome], stopped: ObjectOutcome | None) -> CategoryResult:
    if not failed:
        return CategoryResult(category, failing=False)
    first = stopped or sorted(failed, key=lambda o: (o.direction, o.key, o.name))[0]
    headline = (first.headline("sv"), first.headline("en"))
    fingerprint = f"{'stopped' if stopped else 'objects'}:{first.rule_id or headline[0]}"[:300]
    return CategoryResult(
        category,
        failing=True,
        failed=len(failed),
        stopped=stopped is not None,
        fingerprint=fingerprint,
        headline=headline,
        hint=(first.hint_in("sv"), first.hint_in("en")),
        detail=(first.detail("sv"), first.detail("en")),
        rule=first.rule_id,
    )


def results_from_report(report: RunReport) -> list[CategoryResult]:
    return [_from_outcomes(name, c.failed, c.stopped) for name, c in report.categories.items()]


def results_from_error(categories: Iterable[str], error: BryggaError) -> list[CategoryResult]:
    """A run stopped before its categories (X4, eEkonomi unreachable or refusing the login): each one stopped."""
    results = []
    for category in categories:
        stop = failure_from_error(error, category=category, direction="", key="", name="", action=Action.NONE)
        results.append(_from_outcomes(category, [stop], stop))
    return results


def company_link(base_url: str, tenant: str) -> str:
    return f"{base_url.rstrip('/')}/alerts/company/{tenant}"


def _facts(
    kind: str, result: CategoryResult, lang: str, *, tenant: str, company: str, since: datetime, now: datetime
) -> Facts:
    en = lang == "en"
    return {
        "event": kind,
        "lang": lang,
        "company": tenant,
        "company_name": company,
        "category": result.category,
        "category_label": CATEGORY_LABELS.get(result.category, (result.category, result.category))[en],
        "failed": result.failed,
        "stopped": result.stopped,
        "headline": result.headline[en] or result.headline[0],
        "hint": result.hint[en] or result.hint[0],
        "detail": result.detail[en] or result.detail[0],
        "rule": result.rule,
        "since": since.isoformat(),
        "at": now.isoformat(),
    }


def _queue(
    session: Session,
    tenant: str,
    recipient: AlertRecipientRow,
    state: AlertStateRow,
    facts: Facts,
    now: datetime,
    link: str,
) -> None:
    facts = {**facts, "reminder_hours": recipient.reminder_hours, "link": link}
    session.add(
        AlertMessageRow(
            tenant_id=tenant,
            recipient_id=recipient.id,
            category=state.category,
            episode=state.episode,
            kind=str(facts["event"]),
            payload=json.dumps(facts, ensure_ascii=False),
            created_at=now,
            attempts=0,
            next_attempt_at=now,
        )
    )


def _last_told(session: Session, tenant: str, state: AlertStateRow) -> dict[int, AlertMessageRow]:
    """Per recipient, the latest alert or reminder it got in ``state``'s episode."""
    rows = session.scalars(
        select(AlertMessageRow)
        .where(
            AlertMessageRow.tenant_id == tenant,
            AlertMessageRow.category == state.category,
            AlertMessageRow.episode == state.episode,
            AlertMessageRow.kind.in_(TOLD),
        )
        .order_by(AlertMessageRow.id.desc())
    )
    latest: dict[int, AlertMessageRow] = {}
    for row in rows:
        latest.setdefault(row.recipient_id, row)
    return latest


def _recipients(session: Session, tenant: str) -> list[AlertRecipientRow]:
    return list(
        session.scalars(
            select(AlertRecipientRow).where(AlertRecipientRow.tenant_id == tenant).order_by(AlertRecipientRow.id)
        )
    )


def evaluate(
    db: Database,
    tenant: str,
    results: Sequence[CategoryResult],
    *,
    now: datetime,
    company_name: str,
    base_url: str,
) -> int:
    """Move each category's state after a run and queue the messages it calls for; how many were queued."""
    link = company_link(base_url, tenant)
    queued = 0
    with db.for_tenant(tenant).transaction() as session:
        recipients = _recipients(session, tenant)
        for result in results:
            state = session.get(AlertStateRow, (tenant, result.category))
            if result.failing:
                if state is None or not state.failing:
                    state = _open(session, tenant, state, result, now)
                    told: dict[int, AlertMessageRow] = {}
                else:
                    state.fingerprint, state.failed_count = result.fingerprint, result.failed
                    state.headline, state.updated_at = result.headline[0], now
                    told = _last_told(session, tenant, state)
                for recipient in recipients:
                    last = told.get(recipient.id)
                    kind = "alert" if last is None else "reminder"
                    if last is not None and now - last.created_at < timedelta(hours=recipient.reminder_hours):
                        continue
                    facts = _facts(
                        kind, result, recipient.lang, tenant=tenant, company=company_name, since=state.since, now=now
                    )
                    _queue(session, tenant, recipient, state, facts, now, link)
                    queued += 1
            elif state is not None and state.failing:
                told = _last_told(session, tenant, state)
                state.failing, state.updated_at = False, now
                for recipient in recipients:
                    if recipient.id in told:
                        facts = _facts(
                            "resolved",
                            result,
                            recipient.lang,
                            tenant=tenant,
                            company=company_name,
                            since=state.since,
                            now=now,
                        )
                        _queue(session, tenant, recipient, state, facts, now, link)
                        queued += 1
    return queued


def _open(
    session: Session, tenant: str, state: AlertStateRow | None, result: CategoryResult, now: datetime
) -> AlertStateRow:
    if state is None:
        state = AlertStateRow(tenant_id=tenant, category=result.category, episode=0)
        session.add(state)
    state.failing, state.episode, state.since, state.updated_at = True, state.episode + 1, now, now
    state.fingerprint, state.failed_count, state.headline = result.fingerprint, result.failed, result.headline[0]
    return state


def remind_open(db: Database, tenant: str, *, now: datetime) -> int:
    """Reminders due for categories still failing, without a run (a paused company's schedule does not run): each
    repeats the facts of the last alert or reminder its recipient got."""
    queued = 0
    with db.for_tenant(tenant).transaction() as session:
        states = session.scalars(
            select(AlertStateRow).where(AlertStateRow.tenant_id == tenant, AlertStateRow.failing.is_(True))
        ).all()
        if not states:
            return 0
        recipients = {r.id: r for r in _recipients(session, tenant)}
        for state in states:
            for recipient_id, last in _last_told(session, tenant, state).items():
                recipient = recipients.get(recipient_id)
                if recipient is None or now - last.created_at < timedelta(hours=recipient.reminder_hours):
                    continue
                facts = {**json.loads(last.payload), "event": "reminder"}
                _queue(session, tenant, recipient, state, facts, now, str(facts.get("link", "")))
                queued += 1
    return queued
