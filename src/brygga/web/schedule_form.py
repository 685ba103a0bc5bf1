"""The schedule section of Dataöverföring: each category's schedule in words and its next planned run in Swedish
time, and the form that sets it.

The form is read into the words and options of ``brygga schedule set`` and checked by the same
``brygga.schedules.syntax.parse_schedule``, so the page and the CLI accept and refuse the same schedules. Before
that, each field is checked on its own with the same parsers and limits, so a refusal is said next to the field it
is about, in the page's language, with what to write instead; nothing is saved while any problem remains.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from brygga.calendar_se import STOCKHOLM
from brygga.errors import ConfigError
from brygga.schedules.model import ALL_DAYS, MAX_EVERY_MINUTES, OFF, RECONCILE, Schedule
from brygga.schedules.next_run import next_run
from brygga.schedules.syntax import parse_schedule, parse_time
from brygga.schedules.words import describe
from brygga.store import Store
from brygga.store.schedules import Pause
from brygga.transfer.runner import CATEGORIES
from brygga.web.i18n import translator
from brygga.web.texts_schedule import MONTHS, WEEKDAYS

__all__ = [
    "DAY_KEYS",
    "SCHEDULED",
    "ScheduleForm",
    "ScheduleLine",
    "ScheduleSection",
    "local_moment",
    "now",
    "parse_form",
    "read_form",
    "schedule_section",
]

# What the schedule section lists: every transfer category, then the weekly reconcile ("Avstämning").
SCHEDULED = (*CATEGORIES, RECONCILE)

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # the checkboxes' values, as --days takes them
KINDS = ("off", "every", "at")


@dataclass(frozen=True)
class ScheduleForm:
    """The form's values as the admin wrote them (or as the stored schedule fills them in)."""

    kind: str = "off"
    every_minutes: str = ""
    start: str = ""
    end: str = ""
    times: str = ""
    days: frozenset[int] = ALL_DAYS
    skip_holidays: bool = False
    skip_eves: bool = False

    @classmethod
    def of(cls, schedule: Schedule) -> ScheduleForm:
        """The form that shows ``schedule``; off fills in a working-day suggestion for when it is switched on."""
        if schedule.is_off:
            return cls(kind="off", every_minutes="10", start="07:00", end="19:00", days=frozenset(range(5)))
        whole_day = (schedule.start, schedule.end) == (time(0, 0), time(23, 59))
        return cls(
            kind=schedule.kind,
            every_minutes=str(schedule.every_minutes) if schedule.kind == "every" else "10",
            start="" if whole_day else f"{schedule.start:%H:%M}",
            end="" if whole_day else f"{schedule.end:%H:%M}",
            times=", ".join(f"{t:%H:%M}" for t in schedule.times),
            days=schedule.days,
            skip_holidays=schedule.skip_holidays,
            skip_eves=schedule.skip_eves,
        )


@dataclass
class ScheduleLine:
    category: str
    schedule: Schedule
    words: str  # "var 10:e minut 07–19 mån–fre, utom helgdagar", or "Manuell"
    next_run: str  # "mån 7 dec 07:10" in Swedish time; "" when off
    next_run_iso: str  # the same moment for machines (datetime attribute), UTC
    form: ScheduleForm
    problems: dict[str, str] = field(default_factory=dict)  # field -> what is wrong and what to do
    saved: bool = False


@dataclass
class ScheduleSection:
    lines: list[ScheduleLine]
    pause: Pause | None
    pause_reason: str
    paused_since: str

    @property
    def anything_scheduled(self) -> bool:
        return any(not line.schedule.is_off for line in self.lines)


def now() -> datetime:
    """The moment the next runs are counted from (a seam for the tests' fixed clock)."""
    return datetime.now(UTC)


def local_moment(moment: datetime, lang: str, now: datetime | None = None) -> str:
    """ "mån 7 dec 07:10" (English "Mon 7 Dec 07:10") in Swedish time; the year too when it is not this year's."""
    if moment.tzinfo is None:  # SQLite gives back the UTC it was given without its zone
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(STOCKHOLM)
    day = WEEKDAYS["en" if lang == "en" else "sv"][local.weekday()]
    month = MONTHS["en" if lang == "en" else "sv"][local.month - 1]
    this_year = (now or datetime.now(STOCKHOLM)).astimezone(STOCKHOLM).year
    year = "" if local.year == this_year else f" {local.year}"
    return f"{day} {local.day} {month}{year} {local:%H:%M}"


def schedule_section(
    store: Store,
    lang: str,
    now: datetime,
    *,
    edited: str | None = None,
    form: ScheduleForm | None = None,
    problems: Mapping[str, str] | None = None,
) -> ScheduleSection:
    """Every category's schedule of ``store``'s company; ``edited`` is the category just saved (``problems``
    empty) or refused (its ``form`` as written and the ``problems``)."""
    t = translator(lang)
    stored = store.schedules.all()
    pause = store.schedules.paused()
    lines = []
    for category in SCHEDULED:
        schedule = stored.get(category, OFF)
        due = None if pause is not None else next_run(schedule, now)
        line = ScheduleLine(
            category,
            schedule,
            t("schedule.manual") if schedule.is_off else describe(schedule, lang),
            "" if due is None else local_moment(due, lang, now),
            "" if due is None else due.isoformat(),
            ScheduleForm.of(schedule),
        )
        if category == edited:
            line.problems = dict(problems or {})
            line.saved = not line.problems
            if line.problems and form is not None:
                line.form = form
        lines.append(line)
    reason = "" if pause is None else (pause.reason_en if lang == "en" and pause.reason_en else pause.reason)
    since = "" if pause is None else local_moment(pause.paused_at, lang, now)
    return ScheduleSection(lines, pause, reason, since)


def read_form(values: Mapping[str, str], days: Sequence[str]) -> ScheduleForm:
    """The posted form (``days``: the checked weekday boxes) as written, trimmed."""
    chosen = frozenset(DAY_KEYS.index(day) for day in days if day in DAY_KEYS)
    return ScheduleForm(
        kind=values.get("kind", "").strip(),
        every_minutes=values.get("every_minutes", "").strip(),
        start=values.get("start", "").strip(),
        end=values.get("end", "").strip(),
        times=values.get("times", "").strip(),
        days=chosen,
        skip_holidays=bool(values.get("skip_holidays")),
        skip_eves=bool(values.get("skip_eves")),
    )


def parse_form(form: ScheduleForm, lang: str) -> tuple[Schedule | None, dict[str, str]]:
    """The schedule the form describes, or the problems per field (``kind``, ``every_minutes``, ``start``, ``end``,
    ``times``, ``days``) with nothing to save."""
    t = translator(lang)
    if form.kind not in KINDS:
        return None, {"kind": t("schedule.bad_kind")}
    if form.kind == "off":
        return _checked(["off"], form, lang)
    problems: dict[str, str] = {}
    if not form.days:
        problems["days"] = t("schedule.no_days")
    if form.kind == "every":
        n = form.every_minutes
        if not n.isdigit() or not 1 <= int(n) <= MAX_EVERY_MINUTES:
            given = n or ("inget" if lang != "en" else "nothing")
            problems["every_minutes"] = (
                t("schedule.bad_every").replace("{max}", str(MAX_EVERY_MINUTES)).replace("{given}", given)
            )
        window = {key: _time_problem(getattr(form, key), key, lang) for key in ("start", "end")}
        problems |= {key: problem for key, problem in window.items() if problem}
        if not window["start"] and not window["end"] and form.start and form.end:
            first, last = parse_time(form.start), parse_time(form.end)
            if first > last:
                problems["end"] = (
                    t("schedule.bad_window").replace("{start}", f"{first:%H:%M}").replace("{end}", f"{last:%H:%M}")
                )
    else:
        texts = _time_words(form.times)
        if not texts:
            problems["times"] = t("schedule.no_times")
        else:
            bad = [problem for text in texts if (problem := _time_problem(text, "times", lang))]
            if bad:
                problems["times"] = bad[0]
    if problems:
        return None, problems
    words = ["every", form.every_minutes] if form.kind == "every" else ["at", *_time_words(form.times)]
    return _checked(words, form, lang)


def _checked(words: list[str], form: ScheduleForm, lang: str) -> tuple[Schedule | None, dict[str, str]]:
    """``brygga schedule set``'s own parser has the last word, so the page accepts exactly what the CLI does."""
    every = words[0] == "every"
    days = None if words[0] == "off" else ",".join(DAY_KEYS[d] for d in sorted(form.days))
    try:
        schedule = parse_schedule(
            words,
            start=(form.start or None) if every else None,
            end=(form.end or None) if every else None,
            days=days,
            skip_holidays=form.skip_holidays and words[0] != "off",
            skip_eves=form.skip_eves and words[0] != "off",
        )
    except ConfigError as exc:
        return None, {"kind": exc.message_en if lang == "en" and exc.message_en else exc.message}
    return schedule, {}


def _time_words(text: str) -> list[str]:
    return [part for word in text.replace(",", " ").split() if (part := word.strip())]


_FIELD_NAMES = {"start": ("Från", "From"), "end": ("Till", "To"), "times": ("Tider", "Times")}


def _time_problem(text: str, key: str, lang: str) -> str:
    """What is wrong with one time (empty: nothing, or nothing written), from the CLI's own time parser."""
    if not text:
        return ""
    sv, en = _FIELD_NAMES[key]
    try:
        parse_time(text, sv, en)
    except ConfigError as exc:
        return exc.message_en if lang == "en" and exc.message_en else exc.message
    return ""
