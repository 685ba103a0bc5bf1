"""An object's history in words, Swedish or English: what each run did to it ("Uppdaterad: Namn: Acme AB → Acme
Sverige AB"), why it failed or was skipped and what to do, and its ids in both systems. Shared by ``brygga history``
and the page ``/object/{category}/{key}``; on the lowest floor so that neither imports the other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from brygga.calendar_se import local_time
from brygga.categories import CATEGORY_LABELS
from brygga.errors import ConfigError
from brygga.field_changes import FieldChange
from brygga.store.object_history import HistoryEntry, ObjectHistory, ObjectMatch

__all__ = [
    "EntryText",
    "category_word",
    "change_text",
    "entry_text",
    "field_label",
    "history_json",
    "match_json",
    "not_found_error",
    "not_found_text",
    "object_path",
    "what_word",
]

_FIELDS: dict[str, tuple[str, str]] = {
    "name": ("Namn", "Name"),
    "number": ("Nummer", "Number"),
    "short_name": ("Kortnamn", "Short name"),
    "is_active": ("Aktiv", "Active"),
    "vat_number": ("Momsregistreringsnummer", "VAT number"),
    "organisation_number": ("Organisationsnummer", "Organisation number"),
    "email": ("E-post", "Email"),
    "website": ("Webbplats", "Website"),
    "notes": ("Anteckningar", "Notes"),
    "payment_days": ("Betalningsvillkor (dagar)", "Payment terms (days)"),
    "currency_code": ("Valuta", "Currency"),
    "address.line1": ("Adress", "Address"),
    "address.line2": ("Adress 2", "Address line 2"),
    "address.postal_code": ("Postnummer", "Postal code"),
    "address.city": ("Ort", "City"),
    "address.country_code": ("Land", "Country"),
    "address.phone": ("Telefon", "Phone"),
    "contact.first_name": ("Kontaktperson", "Contact person"),
    "contact.last_name": ("Kontaktperson, efternamn", "Contact person, last name"),
    "contact.email": ("Kontaktpersonens e-post", "Contact's email"),
    "contact.phone": ("Kontaktpersonens telefon", "Contact's phone"),
    "contact.mobile": ("Kontaktpersonens mobil", "Contact's mobile"),
    "kind": ("Typ", "Kind"),
    "unit": ("Enhet", "Unit"),
    "vat_rate": ("Momssats", "VAT rate"),
    "net_price": ("Pris ex. moms", "Price excl. VAT"),
    "mileage": ("Milersättning", "Mileage"),
    "status": ("Status i Visma PM", "Status in Visma PM"),
    "invoice_number": ("Fakturanummer", "Invoice number"),
}
_WHAT: dict[tuple[str, str], tuple[str, str]] = {  # (action, outcome) -> what happened
    ("create", "succeeded"): ("Skapad", "Created"),
    ("update", "succeeded"): ("Uppdaterad", "Updated"),
    ("link", "succeeded"): ("Kopplad", "Linked"),
    ("create", "failed"): ("Kunde inte skapas", "Could not be created"),
    ("update", "failed"): ("Kunde inte uppdateras", "Could not be updated"),
    ("link", "failed"): ("Kunde inte kopplas", "Could not be linked"),
}
_OUTCOMES = {
    "succeeded": ("Klar", "Done"),
    "failed": ("Misslyckades", "Failed"),
    "skipped": ("Överhoppad", "Skipped"),
    "unchanged": ("Oförändrad", "Unchanged"),
}
_DIRECTIONS = {
    "pm->eek": ("Visma PM → Visma eEkonomi", "Visma PM → Visma eEkonomi"),
    "eek->pm": ("Visma eEkonomi → Visma PM", "Visma eEkonomi → Visma PM"),
}
_RUN_STATES = {
    "ok": ("Klar", "Done"),
    "partial": ("Delvis klar", "Partly done"),
    "failed": ("Misslyckades", "Failed"),
    "interrupted": ("Avbruten", "Stopped"),
    "running": ("Pågår", "Running"),
}


def _pick(lang: str, pair: tuple[str, str]) -> str:
    return pair[1] if lang == "en" else pair[0]


def category_word(category: str, lang: str = "sv") -> str:
    return _pick(lang, CATEGORY_LABELS.get(category, (category, category)))


def field_label(name: str, lang: str = "sv") -> str:
    """The field's name as the pages call it; a field this version does not know keeps its own name."""
    return _pick(lang, _FIELDS[name]) if name in _FIELDS else name


def _value(value: str | None, lang: str) -> str:
    if value is None:
        return _pick(lang, ("(tomt)", "(empty)"))
    if value in ("true", "false"):
        return _pick(lang, ("ja", "yes") if value == "true" else ("nej", "no"))
    return value


def change_text(change: FieldChange, lang: str = "sv") -> str:
    """ "Namn: Acme AB → Acme Sverige AB"."""
    return f"{field_label(change.field, lang)}: {_value(change.old, lang)} → {_value(change.new, lang)}"


def object_path(category: str, key: str) -> str:
    """The page of one object (``/object/{category}/{key}``); a key may hold "/" (invoice "K-1/P-2")."""
    from urllib.parse import quote

    return f"/object/{quote(category, safe='')}/{quote(key, safe='/')}"


@dataclass(frozen=True)
class EntryText:
    """One run's part in the history, as both the CLI and the page show it."""

    when: str
    run_id: int | None
    run_state: str
    category: str
    direction: str
    what: str  # "Skapad", "Uppdaterad", "Överhoppad", "Misslyckades"
    outcome: str  # the raw outcome, for colours: succeeded, failed, skipped, unchanged
    headline: str  # why it failed or was skipped, in the user's words; empty when it went through
    hint: str
    detail: str  # the rule id and the original's or the API's text
    changes: tuple[str, ...]
    pm_id: str
    eek_id: str


def what_word(action: str, outcome: str, lang: str = "sv") -> str:
    """ "Skapad", "Uppdaterad", "Kopplad", "Överhoppad", "Kunde inte skapas"…"""
    return _pick(lang, _WHAT.get((action, outcome)) or _OUTCOMES.get(outcome, (outcome, outcome)))


def entry_text(entry: HistoryEntry, lang: str = "sv") -> EntryText:
    item = entry.item
    rule = f"[{item.rule_id}] " if item.rule_id else ""
    detail = item.detail(lang)
    return EntryText(
        when=local_time(item.at),
        run_id=item.run_id,
        run_state=_pick(lang, _RUN_STATES.get(entry.run_status, (entry.run_status, entry.run_status))),
        category=category_word(item.category, lang),
        direction=_pick(lang, _DIRECTIONS.get(item.direction, (item.direction, item.direction))),
        what=what_word(item.action, item.outcome, lang),
        outcome=item.outcome,
        headline=item.headline(lang) if item.outcome in ("failed", "skipped") else "",
        hint=item.hint_in(lang) if item.outcome in ("failed", "skipped") else "",
        detail=f"{rule}{detail}".strip() if (detail or rule) else "",
        changes=tuple(change_text(change, lang) for change in item.changes),
        pm_id=item.pm_id or "",
        eek_id=item.eek_id or "",
    )


def not_found_error(key: str, category: str | None, lang: str = "sv") -> ConfigError:
    """ "Inget objekt med nummer … har överförts", with what to do: the error both the CLI and the page say."""
    where_sv = f" bland {category_word(category, 'sv').lower()}" if category else ""
    where_en = f" among {category_word(category, 'en').lower()}" if category else ""
    return ConfigError(
        f"Inget objekt med nummer {key}{where_sv} har överförts.",
        hint="Kontrollera numret (kund-, artikel-, projekt-, faktura- eller ordernummer) eller sök utan kategori. "
        "Ett objekt får historik först när en överföring har läst det: kör brygga transfer.",
        message_en=f"No object with number {key}{where_en} has been transferred.",
        hint_en="Check the number (customer, article, project, invoice or order number) or search without a "
        "category. An object gets a history once a transfer has read it: run brygga transfer.",
    )


def not_found_text(key: str, category: str | None, lang: str = "sv") -> tuple[str, str]:
    """The not-found message and what to do, in ``lang`` (for the page; the CLI raises the error itself)."""
    error = not_found_error(key, category, lang)
    if lang == "en":
        return error.message_en or error.message, error.hint_en or error.hint
    return error.message, error.hint


def history_json(history: ObjectHistory, lang: str = "sv") -> dict[str, Any]:
    return {
        "category": history.category,
        "object": history.object_key,
        "name": history.name,
        "also_known_as": [key for key in history.keys if key != history.object_key],
        "links": [
            {
                "category": link.category,
                "pm_id": link.pm_id,
                "eek_id": link.eek_id,
                "linked_at": link.created_at.isoformat(),
                "updated_at": link.updated_at.isoformat(),
            }
            for link in history.links
        ],
        "runs": [_entry_json(entry, lang) for entry in history.entries],
    }


def _entry_json(entry: HistoryEntry, lang: str) -> dict[str, Any]:
    item, words = entry.item, entry_text(entry, lang)
    return {
        "run_id": item.run_id,
        "at": item.at.isoformat() if item.at else None,
        "run_state": entry.run_status,
        "category": item.category,
        "direction": item.direction or None,
        "action": item.action,
        "outcome": item.outcome,
        "what": words.what,
        "message": words.headline or None,
        "hint": words.hint or None,
        "detail": words.detail or None,
        "rule": item.rule_id,
        "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in item.changes],
        "pm_id": item.pm_id,
        "eek_id": item.eek_id,
    }


def match_json(match: ObjectMatch) -> dict[str, Any]:
    return {
        "category": match.category,
        "object": match.object_key,
        "name": match.name,
        "last_at": match.last_at.isoformat(),
        "runs": match.runs,
        "path": object_path(match.category, match.object_key),
    }
