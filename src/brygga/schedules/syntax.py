"""The written form of a schedule, as ``brygga schedule set`` and the web form take it.

    off                                   manual only (the default)
    every N [from 07:00] [to 19:00] [days mon-fri]
    at 06:30,12:00 [days mon-fri]

``days`` is ``all``, a range (``mon-fri``), a list (``mon,wed,fri``) or both (``mon-wed,sat``), in English or
Swedish day names (``mån-fre``). Wrong input is a ``ConfigError`` naming what is wrong and the format.
"""

from __future__ import annotations

import re
from datetime import time

from brygga.errors import ConfigError
from brygga.schedules.model import ALL_DAYS, MAX_EVERY_MINUTES, OFF, Schedule

__all__ = ["FORMAT_EN", "FORMAT_SV", "parse_days", "parse_schedule", "parse_time"]

FORMAT_SV = (
    "Skriv off, every N [--from 07:00 --to 19:00] [--days mon-fri] eller at 06:30,12:00 [--days mon-fri]; "
    "lägg till --skip-holidays för att hoppa över helgdagar (och --skip-eves för midsommar-, jul- och nyårsafton)."
)
FORMAT_EN = (
    "Write off, every N [--from 07:00 --to 19:00] [--days mon-fri] or at 06:30,12:00 [--days mon-fri]; add "
    "--skip-holidays to skip public holidays (and --skip-eves for Midsummer, Christmas and New Year's Eve)."
)
_DAYS = {
    **{name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{name: i for i, name in enumerate(("mån", "tis", "ons", "tor", "fre", "lör", "sön"))},
}
_TIME = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")


def _wrong(sv: str, en: str) -> ConfigError:
    return ConfigError(sv, hint=FORMAT_SV, message_en=en, hint_en=FORMAT_EN)


def parse_time(text: str, what_sv: str = "tiden", what_en: str = "the time") -> time:
    """``07:00`` or ``7:00`` (also ``07.00``) as a time of day."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise _wrong(
            f"Ogiltig tid för {what_sv}: '{text}'. Skriv timmar och minuter, t.ex. 07:00.",
            f"Invalid time for {what_en}: '{text}'. Write hours and minutes, e.g. 07:00.",
        )
    return time(int(match.group(1)), int(match.group(2)))


def _day(name: str, text: str) -> int:
    day = _DAYS.get(name.strip().lower())
    if day is None:
        raise _wrong(
            f"Okänd veckodag '{name}' i --days {text}. Använd mon tue wed thu fri sat sun (eller mån–sön), "
            "t.ex. mon-fri eller mon,wed,fri.",
            f"Unknown weekday '{name}' in --days {text}. Use mon tue wed thu fri sat sun, e.g. mon-fri or mon,wed,fri.",
        )
    return day


def parse_days(text: str) -> frozenset[int]:
    """``all``, ``mon-fri``, ``mon,wed,fri``, ``fri-mon`` (wraps over the weekend), Swedish names too."""
    if text.strip().lower() in ("all", "alla"):
        return ALL_DAYS
    days: set[int] = set()
    for part in text.split(","):
        if "-" in part or "–" in part:
            first, _, last = part.replace("–", "-").partition("-")
            start, end = _day(first, text), _day(last, text)
            days.update((start + i) % 7 for i in range((end - start) % 7 + 1))
        else:
            days.add(_day(part, text))
    return frozenset(days)


def _every(words: list[str]) -> int:
    if len(words) != 2 or not words[1].isdigit() or not 1 <= int(words[1]) <= MAX_EVERY_MINUTES:
        given = " ".join(words[1:]) or "inget"
        raise _wrong(
            f"every behöver ett antal minuter, 1–{MAX_EVERY_MINUTES} (fick: {given}), t.ex. every 10.",
            f"every needs a number of minutes, 1–{MAX_EVERY_MINUTES} (got: {given}), e.g. every 10.",
        )
    return int(words[1])


def _times(words: list[str]) -> tuple[time, ...]:
    texts = [t for word in words[1:] for t in word.split(",") if t.strip()]
    if not texts:
        raise _wrong(
            "at behöver minst en tid, t.ex. at 06:30,12:00.", "at needs at least one time, e.g. at 06:30,12:00."
        )
    return tuple(parse_time(t) for t in texts)


def parse_schedule(
    words: list[str],
    *,
    start: str | None = None,
    end: str | None = None,
    days: str | None = None,
    skip_holidays: bool = False,
    skip_eves: bool = False,
) -> Schedule:
    """The schedule ``words`` (``off`` | ``every N`` | ``at T,T``) and the options describe."""
    kind = words[0].strip().lower() if words else ""
    if kind in ("off", "av"):
        if len(words) > 1 or start or end or days or skip_holidays or skip_eves:
            raise _wrong("off tar inga fler värden eller flaggor.", "off takes no further values or options.")
        return OFF
    chosen_days = parse_days(days) if days else ALL_DAYS
    if kind in ("every", "var"):
        first = parse_time(start, "--from", "--from") if start else time(0, 0)
        last = parse_time(end, "--to", "--to") if end else time(23, 59)
        if first > last:
            raise _wrong(
                f"--from {first:%H:%M} kommer efter --to {last:%H:%M}; fönstret måste ligga inom ett dygn.",
                f"--from {first:%H:%M} comes after --to {last:%H:%M}; the window must lie within one day.",
            )
        return Schedule(
            "every", _every(words), first, last, chosen_days, skip_holidays=skip_holidays, skip_eves=skip_eves
        )
    if kind in ("at", "kl"):
        if start or end:
            raise _wrong(
                "--from och --to gäller bara every; at har sina egna tider.",
                "--from and --to only go with every; at has its own times.",
            )
        return Schedule("at", days=chosen_days, times=_times(words), skip_holidays=skip_holidays, skip_eves=skip_eves)
    raise _wrong(
        f"Okänt schema: '{' '.join(words)}'. Det börjar med off, every eller at.",
        f"Unknown schedule: '{' '.join(words)}'. It starts with off, every or at.",
    )
