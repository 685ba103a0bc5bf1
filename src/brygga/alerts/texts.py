"""What an alert says, in Swedish or English per recipient: the company, the category in words, how many failed,
the first error's headline and hint as the web shows them (the rule id only in a detail line) and a link.

A message is kept in the outbox as its facts (``Facts``, JSON) and rendered from them, so a reminder sent by the
periodic retry says the same as the alert it repeats.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from brygga.calendar_se import STOCKHOLM
from brygga.transfer.report import CATEGORY_LABELS

__all__ = ["Facts", "category_words", "render"]

Facts = dict[str, Any]

_SUBJECTS = {
    "alert": ("brygga: {category} misslyckas för {company}", "brygga: {category} failing for {company}"),
    "reminder": (
        "brygga: påminnelse: {category} misslyckas fortfarande för {company}",
        "brygga: reminder: {category} still failing for {company}",
    ),
    "resolved": (
        "brygga: löst: {category} fungerar igen för {company}",
        "brygga: resolved: {category} works again for {company}",
    ),
    "test": ("brygga: testmeddelande för {company}", "brygga: test message for {company}"),
    "summary": ("brygga: daglig sammanfattning för {company}", "brygga: daily summary for {company}"),
}


def category_words(category: str, lang: str) -> str:
    sv, en = CATEGORY_LABELS.get(category, (category, category))
    return en if lang == "en" else sv


def _when(iso: str | None) -> str:
    if not iso:
        return ""
    return datetime.fromisoformat(iso).astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


def render(facts: Facts) -> tuple[str, str]:
    """The subject and the plain text of the message ``facts`` describe, in ``facts["lang"]``."""
    lang = "en" if facts.get("lang") == "en" else "sv"
    kind = str(facts.get("event", "alert"))
    company = str(facts.get("company_name") or facts.get("company", ""))
    category = category_words(str(facts.get("category", "")), lang)
    subject = _SUBJECTS[kind][lang == "en"].format(category=category, company=company)
    if kind == "test":
        lines = [
            "Det här är ett testmeddelande från brygga. Larm för företaget kommer fram hit."
            if lang == "sv"
            else "This is a test message from brygga. Alerts for the company will reach you here."
        ]
    elif kind == "summary":
        lines = [str(line) for line in facts.get("lines", [])] or [
            "Inga kategorier misslyckas just nu." if lang == "sv" else "No category is failing right now."
        ]
    elif kind == "resolved":
        lines = _resolved(facts, lang, category, company)
    else:
        lines = _failing(facts, lang, kind, category, company)
    link = facts.get("link")
    if link:
        lines += ["", f"{'Öppna i brygga' if lang == 'sv' else 'Open in brygga'}: {link}"]
    return subject, "\n".join(lines) + "\n"


def _failing(facts: Facts, lang: str, kind: str, category: str, company: str) -> list[str]:
    sv = lang == "sv"
    failed = int(facts.get("failed", 0))
    if facts.get("stopped"):
        first = (
            f"{category} för {company} stoppades helt i körningen {_when(facts.get('at'))}."
            if sv
            else f"{category} for {company} stopped as a whole in the run at {_when(facts.get('at'))}."
        )
    else:
        first = (
            f"{category} för {company}: {failed} misslyckades i körningen {_when(facts.get('at'))}."
            if sv
            else f"{category} for {company}: {failed} failed in the run at {_when(facts.get('at'))}."
        )
    lines = [first]
    if kind == "reminder":
        lines.append(
            f"Kategorin har misslyckats sedan {_when(facts.get('since'))}."
            if sv
            else f"The category has been failing since {_when(facts.get('since'))}."
        )
    lines += ["", f"{'Första felet' if sv else 'First error'}: {facts.get('headline', '')}"]
    if facts.get("hint"):
        lines.append(f"{'Gör så här' if sv else 'What to do'}: {facts['hint']}")
    detail = " – ".join(str(part) for part in (facts.get("rule"), facts.get("detail")) if part)
    if detail:
        lines.append(f"{'Teknisk detalj' if sv else 'Technical detail'}: {detail}")
    hours = facts.get("reminder_hours")
    lines += [
        "",
        f"Du får ett meddelande när kategorin går utan fel igen, och en påminnelse om {hours} timmar om den "
        "fortfarande misslyckas."
        if sv
        else f"You will get a message when the category runs without errors again, and a reminder in {hours} "
        "hours if it is still failing.",
    ]
    return lines


def _resolved(facts: Facts, lang: str, category: str, company: str) -> list[str]:
    if lang == "sv":
        return [
            f"Löst: {category} för {company} gick utan fel i körningen {_when(facts.get('at'))}.",
            f"Kategorin misslyckades sedan {_when(facts.get('since'))}.",
        ]
    return [
        f"Resolved: {category} for {company} ran without errors at {_when(facts.get('at'))}.",
        f"The category had been failing since {_when(facts.get('since'))}.",
    ]
