"""A schedule in words, Swedish first: "var 10:e minut 07–19 mån–fre, utom helgdagar"."""

from __future__ import annotations

from datetime import time

from brygga.schedules.model import ALL_DAYS, Schedule

__all__ = ["DAY_NAMES", "days_in_words", "describe", "ordinal_sv"]

DAY_NAMES = {
    "sv": ("mån", "tis", "ons", "tor", "fre", "lör", "sön"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def ordinal_sv(n: int) -> str:
    """10 -> "10:e", 1 -> "1:a", 22 -> "22:a", 12 -> "12:e" (Swedish ordinals)."""
    return f"{n}:a" if n % 10 in (1, 2) and n % 100 not in (11, 12) else f"{n}:e"


def _clock(value: time) -> str:
    """07:00 -> "07", 07:30 -> "07:30"."""
    return f"{value.hour:02d}" if value.minute == 0 else value.strftime("%H:%M")


def days_in_words(days: frozenset[int], lang: str = "sv") -> str:
    """Runs of three or more days as a range ("mån–fre"), others listed ("mån, ons")."""
    names = DAY_NAMES[lang]
    if days == ALL_DAYS:
        return "alla dagar" if lang == "sv" else "every day"
    ordered = sorted(days)
    groups: list[list[int]] = []
    for day in ordered:
        if groups and day == groups[-1][-1] + 1:
            groups[-1].append(day)
        else:
            groups.append([day])
    parts: list[str] = []
    for group in groups:
        if len(group) >= 3:
            parts.append(f"{names[group[0]]}–{names[group[-1]]}")
        else:
            parts.extend(names[d] for d in group)
    return ", ".join(parts)


def _and_list(items: list[str], lang: str) -> str:
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {'och' if lang == 'sv' else 'and'} {items[-1]}"


def _exceptions(schedule: Schedule, lang: str) -> str:
    if schedule.skip_holidays and schedule.skip_eves:
        return ", utom helgdagar och aftnar" if lang == "sv" else ", except public holidays and eves"
    if schedule.skip_holidays:
        return ", utom helgdagar" if lang == "sv" else ", except public holidays"
    if schedule.skip_eves:
        return ", utom aftnar" if lang == "sv" else ", except eves"
    return ""


def describe(schedule: Schedule, lang: str = "sv") -> str:
    """The schedule in words in ``lang`` (``sv`` or ``en``)."""
    sv = lang != "en"
    if schedule.is_off:
        return "av (manuellt)" if sv else "off (manual)"
    days = days_in_words(schedule.days, "sv" if sv else "en")
    if schedule.kind == "every":
        n = schedule.every_minutes
        if sv:
            how = "varje minut" if n == 1 else f"var {ordinal_sv(n)} minut"
        else:
            how = "every minute" if n == 1 else f"every {n} minutes"
        window = f" {_clock(schedule.start)}–{_clock(schedule.end)}"
        if (schedule.start, schedule.end) == (time(0, 0), time(23, 59)):
            window = ""
        text = f"{how}{window} {days}"
    else:
        times = _and_list([t.strftime("%H:%M") for t in schedule.times], "sv" if sv else "en")
        text = f"kl. {times} {days}" if sv else f"at {times} {days}"
    return text + _exceptions(schedule, "sv" if sv else "en")
