"""Run reports as the engine makes them: a category with failed objects, one that stopped, one that ran clean."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from brygga.config import Settings
from brygga.store import Store
from brygga.store.alerts import AlertStore
from brygga.transfer.outcome import Action, ObjectOutcome, Outcome
from brygga.transfer.report import CategoryReport, RunReport

T0 = datetime(2026, 12, 10, 2, 0, tzinfo=UTC)  # 03:00 in Stockholm: nobody is watching


def failed_objects(category: str = "articles", count: int = 2, rule: str = "A8") -> RunReport:
    outcomes = [
        ObjectOutcome(
            category,
            "pm->eek",
            f"P-{140 + i}",
            f"Produkt {i}",
            Action.CREATE,
            Outcome.FAILED,
            message=f"Could not add product P-{140 + i} to Visma eAccounting. ErrorCode: 2000",
            hint="Ange en momssats på produkten i Visma PM.",
            hint_en="Set a VAT rate on the product in Visma PM.",
            rule_id=rule,
            title="Produkten saknar momssats",
            title_en="The product has no VAT rate",
        )
        for i in range(count)
    ]
    ok = ObjectOutcome(category, "pm->eek", "P-1", "Produkt ok", Action.CREATE, Outcome.SUCCEEDED)
    return RunReport(1, False, {category: CategoryReport(category, [*outcomes, ok])})


def stopped(category: str = "customers") -> RunReport:
    stop = ObjectOutcome(
        category,
        "",
        "",
        "",
        Action.NONE,
        Outcome.FAILED,
        message="Anslutningen till Visma eEkonomi har gått ut.",
        hint="Anslut igen: brygga connect eekonomi.",
        hint_en="Connect again: brygga connect eekonomi.",
        title_en="The connection to Visma eEkonomi has expired.",
    )
    return RunReport(2, False, {category: CategoryReport(category, [stop])})


def clean(category: str = "articles") -> RunReport:
    ok = ObjectOutcome(category, "pm->eek", "P-1", "Produkt ok", Action.CREATE, Outcome.SUCCEEDED)
    return RunReport(3, False, {category: CategoryReport(category, [ok])})


def nothing(category: str = "articles") -> RunReport:
    return RunReport(4, False, {category: CategoryReport(category, [])})


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def kinds(store: Store, company: str | None = None) -> list[str]:
    """The outbox's messages, oldest first, as ``kind:category``."""
    alerts = AlertStore(store.db, company or store.tenant)
    return [f"{m.kind}:{m.category}" for m in reversed(alerts.messages())]


def payloads(store: Store) -> list[dict[str, object]]:
    return [dict(json.loads(m.payload)) for m in reversed(AlertStore(store.db, store.tenant).messages())]


def public(settings: Settings) -> Settings:
    return settings.model_copy(update={"public_url": "https://brygga.example.se"})
