"""Many companies with varied runs, connections, schedules and pauses, written straight into the store's tables
(the overview's tests, its browser test and ``benchmarks/overview.py``).

Company ``n`` (from 0) gets, by ``n % 10``: 0 nothing (never transferred, no connection), 1 a failed customers run,
2 a partial invoices run, 3 a pause (X4-like reason), 4 an interrupted run, 5.. ok runs; every third company a
schedule, every seventh the eEkonomi connection to another company than its links (X4).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from brygga.company_guard import LINKED_COMPANY_KEY
from brygga.store import Database
from brygga.store.tables import (
    AlertStateRow,
    CompanyRow,
    ConnectionRow,
    LinkRow,
    RunItemRow,
    RunRow,
    SchedulePauseRow,
    ScheduleRow,
    SettingRow,
)

__all__ = ["BASE", "company_id", "seed"]

BASE = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
EVERY_10 = json.dumps(
    {"kind": "every", "every_minutes": 10, "start": "07:00", "end": "19:00", "days": [0, 1, 2, 3, 4],
     "skip_holidays": True, "skip_eves": False}
)  # fmt: skip
AT_0630 = json.dumps({"kind": "at", "times": ["06:30"], "days": [0, 1, 2, 3, 4, 5, 6], "skip_holidays": False,
                      "skip_eves": False})  # fmt: skip


def company_id(n: int) -> str:
    return f"kund-{n:05d}"


def seed(db: Database, count: int, *, runs_per_company: int = 3, start: int = 0) -> None:
    """``count`` companies ``kund-…`` (from number ``start``), each with ``runs_per_company`` older ok runs before
    its newest, as the kind of company its number says."""
    companies, connections, settings, runs, items, links, schedules, pauses, alerts = ([] for _ in range(9))
    run_id = 1_000_000 + start * (runs_per_company + 2)
    for n in range(start, start + count):
        tenant, kind = company_id(n), n % 10
        companies.append({"tenant_id": tenant, "name": f"Företag {n} AB", "created_at": BASE})
        if kind == 0:
            continue
        for system, company in (("eekonomi", "eek-x" if n % 7 == 0 else f"eek-{n}"), ("severa", None)):
            connections.append(
                {"tenant_id": tenant, "system": system, "api_url": "http://x", "auth_url": None, "client_id": "c",
                 "secret_enc": b"s", "tokens_enc": b"t" if system == "eekonomi" else None, "company_name": None,
                 "company_id": company, "company_org_number": None, "updated_at": BASE}
            )  # fmt: skip
        settings.append({"tenant_id": tenant, "key": LINKED_COMPANY_KEY, "value": f"eek-{n}"})
        links.append({"tenant_id": tenant, "category": "customers", "pm_id": "p1", "eek_id": "e1", "pm_hash": None,
                      "eek_hash": None, "created_at": BASE, "updated_at": BASE})  # fmt: skip
        if n % 3 == 0:
            schedules.append({"tenant_id": tenant, "category": "customers", "spec": EVERY_10, "updated_at": BASE})
            schedules.append({"tenant_id": tenant, "category": "invoices", "spec": AT_0630, "updated_at": BASE})
        if kind == 3:
            pauses.append({"tenant_id": tenant, "reason": "Visma eEkonomi-anslutningen har gått ut.",
                           "reason_en": "The Visma eEkonomi connection has expired.", "paused_at": BASE})  # fmt: skip
        for older in range(runs_per_company):
            run_id += 1
            at = BASE - timedelta(days=older + 1, minutes=n % 60)
            runs.append(_run(run_id, tenant, "customers,invoices", "ok", at))
            items.append(_item(run_id, tenant, "customers", "c1", "succeeded", at))
        run_id += 1
        at = BASE - timedelta(minutes=n % 600)
        status = {1: "failed", 2: "partial", 4: "interrupted"}.get(kind, "ok")
        category = "invoices" if kind == 2 else "customers"
        runs.append(_run(run_id, tenant, category, status, at))
        items.append(_item(run_id, tenant, category, f"o{n}", "succeeded", at))
        if kind in (1, 2):
            items.append(_item(run_id, tenant, category, "" if kind == 1 else "o-bad", "failed", at))
            alerts.append({"tenant_id": tenant, "category": category, "failing": True, "episode": 1,
                           "fingerprint": "x", "failed_count": 1, "headline": "Kunde inte nå Visma PM",
                           "since": at, "updated_at": at})  # fmt: skip
    with db.transaction() as session:
        for table, rows in (
            (CompanyRow, companies),
            (ConnectionRow, connections),
            (SettingRow, settings),
            (LinkRow, links),
            (RunRow, runs),
            (RunItemRow, items),
            (ScheduleRow, schedules),
            (SchedulePauseRow, pauses),
            (AlertStateRow, alerts),
        ):
            if rows:
                session.execute(insert(table), rows)


def _run(run_id: int, tenant: str, categories: str, status: str, at: datetime) -> dict[str, object]:
    return {"id": run_id, "tenant_id": tenant, "categories": categories, "dry_run": False, "status": status,
            "started_at": at, "finished_at": at + timedelta(seconds=40), "summary": None}  # fmt: skip


def _item(run_id: int, tenant: str, category: str, key: str, outcome: str, at: datetime) -> dict[str, object]:
    return {"run_id": run_id, "tenant_id": tenant, "category": category, "direction": "pm->eek", "object_key": key,
            "object_name": key or "-", "action": "create", "outcome": outcome, "rule_id": None, "message": None,
            "hint": None, "hint_en": None, "title": None, "title_en": None, "at": at}  # fmt: skip
