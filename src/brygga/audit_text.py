"""An audit event in words, Swedish or English: "Inställning Huvudsystem för kunder: Visma PM → Visma eEkonomi",
"Schema Kunder: Manuell → var 10:e minut 07–19 mån–fre", "Anslutning Visma eEkonomi: ansluten",
"Schemat pausat: <orsak>". Shared by the web page and ``brygga audit``."""

from __future__ import annotations

import json
from typing import Any

from brygga.calendar_se import local_time
from brygga.categories import CATEGORY_LABELS
from brygga.schedules.model import Schedule
from brygga.schedules.words import describe
from brygga.store.audit import CHANGED, AuditEvent

__all__ = ["actor_text", "event_text", "local_time"]

_SYSTEMS = {"eekonomi": "Visma eEkonomi", "severa": "Visma PM"}
_FIELDS = {
    "api_url": ("API-adress", "API address"),
    "auth_url": ("inloggningsadress", "sign-in address"),
    "client_id": ("klient-id", "client id"),
}


def _pick(lang: str, sv: str, en: str) -> str:
    return en if lang == "en" else sv


def actor_text(event: AuditEvent, lang: str = "sv") -> str:
    if event.actor == "okänd":
        return _pick(lang, "okänd", "unknown")
    return event.actor


def event_text(event: AuditEvent, lang: str = "sv") -> str:
    """What changed, in words; a subject this version does not know is said with its raw key and values."""
    describe_subject = _SUBJECTS.get(event.subject)
    if describe_subject is not None:
        try:
            return describe_subject(event, lang)
        except (ValueError, TypeError, KeyError, AttributeError):  # a value this version cannot read: said raw
            pass
    return f"{event.subject} {event.key}: {_arrow(event.old_value, event.new_value, lang)}"


def _arrow(old: str | None, new: str | None, lang: str) -> str:
    empty = _pick(lang, "(inget)", "(none)")
    return f"{_value(old, lang) if old is not None else empty} → {_value(new, lang) if new is not None else empty}"


def _value(value: str, lang: str) -> str:
    from brygga.web.settings_texts import choice_label  # the page's words (importing brygga.web loads the app)

    return _pick(lang, "ändrad", "changed") if value == CHANGED else choice_label(value, lang)


def _setting(event: AuditEvent, lang: str) -> str:
    from brygga.web.settings_texts import SETTING_LABELS

    label = SETTING_LABELS.get(event.key)
    name = label[1 if lang == "en" else 0] if label else event.key
    head = _pick(lang, "Inställning", "Setting")
    if event.new_value == CHANGED and event.old_value is None:
        return f"{head} {name}: {_pick(lang, 'ändrad', 'changed')}"
    return f"{head} {name}: {_arrow(event.old_value, event.new_value, lang)}"


def _schedule_words(spec: str | None, lang: str) -> str:
    if spec is None:
        return _pick(lang, "Manuell", "Manual")
    return describe(Schedule.from_json(json.loads(spec)), lang)


def _schedule(event: AuditEvent, lang: str) -> str:
    labels = CATEGORY_LABELS.get(event.key)
    category = labels[1 if lang == "en" else 0] if labels else event.key
    old, new = _schedule_words(event.old_value, lang), _schedule_words(event.new_value, lang)
    return f"{_pick(lang, 'Schema', 'Schedule')} {category}: {old} → {new}"


def _connection(event: AuditEvent, lang: str) -> str:
    head = f"{_pick(lang, 'Anslutning', 'Connection')} {_SYSTEMS.get(event.key, event.key)}"
    if event.old_value is None:
        return f"{head}: {_pick(lang, 'ansluten', 'connected')}"
    if event.new_value is None:
        return f"{head}: {_pick(lang, 'frånkopplad', 'disconnected')}"
    old: dict[str, Any] = json.loads(event.old_value)
    new: dict[str, Any] = json.loads(event.new_value)
    changes = [
        f"{labels[1 if lang == 'en' else 0]} {old.get(field) or '-'} → {new.get(field) or '-'}"
        for field, labels in _FIELDS.items()
        if old.get(field) != new.get(field)
    ]
    if new.get("client_secret") == CHANGED:
        changes.append(_pick(lang, "klienthemlighet ändrad", "client secret changed"))
    detail = f" ({', '.join(changes)})" if changes else ""
    return f"{head}: {_pick(lang, 'ansluten igen', 'connected again')}{detail}"


def _pause(event: AuditEvent, lang: str) -> str:
    if event.new_value is None:
        return _pick(lang, "Schemat återupptaget", "Schedules resumed")
    reasons: dict[str, str] = json.loads(event.new_value)
    return f"{_pick(lang, 'Schemat pausat', 'Schedules paused')}: {reasons.get(lang, reasons.get('sv', ''))}"


def _company(event: AuditEvent, lang: str) -> str:
    if event.new_value is None:
        return f"{_pick(lang, 'Företaget borttaget', 'Company removed')}: {event.key}"
    return f"{_pick(lang, 'Företaget tillagt', 'Company added')}: {event.new_value} ({event.key})"


_SUBJECTS = {
    "setting": _setting,
    "schedule": _schedule,
    "connection": _connection,
    "pause": _pause,
    "company": _company,
}
