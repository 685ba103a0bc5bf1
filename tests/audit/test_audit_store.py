"""The audit at the store layer, on SQLite and PostgreSQL: every subject is recorded with who acted and from where,
only real changes are, secrets never are (only that they changed), and a company's audit has only its events."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from brygga.actor import WORKER, Actor, acting
from brygga.audit_text import event_text
from brygga.schedules import Schedule
from brygga.store import Store
from brygga.store.audit import CHANGED, AuditStore
from brygga.store.tables import AuditEventRow

pytestmark = pytest.mark.both_databases

ANNA = Actor("cli:anna", "cli")
WEB = Actor("webb (admin)", "web")
SECRET = "klient-hemlighet-4711-xyz"
OTHER_SECRET = "ny-hemlighet-0815-xyz"
SMTP_PASSWORD = "smtp-losen-2626-xyz"


def _audit(store: Store) -> AuditStore:
    return AuditStore(store.db, store.tenant)


def _save_pm(store: Store, secret: str = SECRET, client_id: str = "cid") -> None:
    store.connections.save(
        "severa", api_url="https://pm.test", auth_url=None, client_id=client_id, client_secret=secret
    )


@pytest.mark.parametrize("actor", [ANNA, WEB], ids=["cli", "web"])
def test_audit_every_subject_is_recorded_with_actor_and_source(store: Store, actor: Actor) -> None:
    with acting(actor):
        store.settings.set_many({"master_customers": "pm"})
        store.settings.set_many({"master_customers": "eekonomi"})
        _save_pm(store)
        _save_pm(store, OTHER_SECRET, "cid2")
        store.schedules.set("customers", Schedule("every", 10))
        store.schedules.pause("Anslutningen har upphört.", "The connection expired.")
        store.schedules.resume()
        store.connections.delete("severa")
    events = list(reversed(_audit(store).events()))
    assert {(e.actor, e.source) for e in events} == {(actor.name, actor.source)}
    assert [event_text(e) for e in events] == [
        "Inställning Huvudsystem för kunder: (inget) → Visma PM",
        "Inställning Huvudsystem för kunder: Visma PM → Visma eEkonomi",
        "Anslutning Visma PM: ansluten",
        "Anslutning Visma PM: ansluten igen (klient-id cid → cid2, klienthemlighet ändrad)",
        "Schema Kunder: Manuell → var 10:e minut alla dagar",
        "Schemat pausat: Anslutningen har upphört.",
        "Schemat återupptaget",
        "Anslutning Visma PM: frånkopplad",
    ]
    assert event_text(events[5], "en") == "Schedules paused: The connection expired."
    assert _audit(store).count() == 8


def test_audit_unchanged_saves_record_nothing(store: Store) -> None:
    with acting(ANNA):
        store.settings.set_many({"master_customers": "pm", "master_articles": "pm"})
        store.schedules.set("customers", Schedule("every", 10))
        store.schedules.pause("Orsak.", "Reason.")
    before = _audit(store).count()
    with acting(ANNA):
        store.settings.set_many({"master_customers": "pm", "master_articles": "pm"})
        store.schedules.set("customers", Schedule("every", 10))
        store.schedules.set("articles", Schedule())  # off, and was off
        store.schedules.pause("Orsak.", "Reason.")
        store.connections.delete("eekonomi")  # there is none
        store.schedules.resume()
        store.schedules.resume()  # not paused any more
    assert before == 4
    assert _audit(store).count() == before + 1  # only the first resume


def test_audit_secrets_never_appear_in_the_table(store: Store) -> None:
    with acting(WEB):
        _save_pm(store)
        _save_pm(store, OTHER_SECRET)
        store.settings.set_many({"alerts.smtp_password": SMTP_PASSWORD, "alerts.webhook_key": "whk-9999-xyz"})
        store.connections.token_store("severa")  # tokens go through their own store, never audited
    with store.db.read() as session:
        rows = list(session.scalars(select(AuditEventRow)))
    dumped = " ".join(f"{r.key} {r.old_value} {r.new_value}" for r in rows)
    for secret in (SECRET, OTHER_SECRET, SMTP_PASSWORD, "whk-9999-xyz"):
        assert secret not in dumped
    settings = {r.key: (r.old_value, r.new_value) for r in rows if r.subject == "setting"}
    assert settings == {"alerts.smtp_password": (None, CHANGED), "alerts.webhook_key": (None, CHANGED)}
    texts = [event_text(e) for e in _audit(store).events()]
    assert "Inställning alerts.smtp_password: ändrad" in texts
    assert "Anslutning Visma PM: ansluten igen (klienthemlighet ändrad)" in texts


def test_audit_the_worker_pause_is_recorded_as_the_worker(store: Store) -> None:
    with acting(WORKER):
        store.schedules.pause("Anslutningen har upphört.", "The connection expired.")
    (event,) = _audit(store).events()
    assert (event.actor, event.source, event.subject) == ("worker", "worker", "pause")


def test_audit_a_company_sees_only_its_own_events(store: Store) -> None:
    other = Store.for_tenant(store.db, "beta")
    with acting(ANNA):
        store.settings.set_many({"master_customers": "pm"})
        other.settings.set_many({"master_articles": "eekonomi"})
        other.schedules.set("projects", Schedule("every", 30))
    assert [e.key for e in _audit(store).events()] == ["master_customers"]
    assert sorted(e.key for e in _audit(other).events()) == ["master_articles", "projects"]


def test_audit_nothing_is_recorded_when_nobody_changes_anything(store: Store) -> None:
    assert _audit(store).events() == []
    assert _audit(store).count() == 0
