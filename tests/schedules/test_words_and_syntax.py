"""A schedule in Swedish (and English) words, and the written form ``brygga schedule set`` takes."""

from __future__ import annotations

from datetime import time

import pytest

from brygga.errors import ConfigError
from brygga.schedules import OFF, WEEKDAYS, Schedule
from brygga.schedules.syntax import parse_days, parse_schedule
from brygga.schedules.words import describe, ordinal_sv


def test_schedule_words_every_10_minutes_07_19_weekdays_except_holidays() -> None:
    schedule = Schedule("every", 10, time(7, 0), time(19, 0), WEEKDAYS, skip_holidays=True)
    assert describe(schedule) == "var 10:e minut 07–19 mån–fre, utom helgdagar"
    assert describe(schedule, "en") == "every 10 minutes 07–19 Mon–Fri, except public holidays"


def test_schedule_words_set_times_off_and_day_lists() -> None:
    at = Schedule("at", days=frozenset({0, 2, 4}), times=(time(6, 30), time(12, 0)), skip_holidays=True, skip_eves=True)
    assert describe(at) == "kl. 06:30 och 12:00 mån, ons, fre, utom helgdagar och aftnar"
    assert describe(at, "en") == "at 06:30 and 12:00 Mon, Wed, Fri, except public holidays and eves"
    assert describe(OFF) == "av (manuellt)" and describe(OFF, "en") == "off (manual)"
    assert describe(Schedule("every", 1)) == "varje minut alla dagar"
    assert [ordinal_sv(n) for n in (1, 2, 3, 10, 11, 12, 21, 22, 30)] == [
        "1:a",
        "2:a",
        "3:e",
        "10:e",
        "11:e",
        "12:e",
        "21:a",
        "22:a",
        "30:e",
    ]


def test_schedule_syntax_every_at_and_off() -> None:
    assert parse_schedule(["every", "10"], start="07:00", end="19:00", days="mon-fri", skip_holidays=True) == (
        Schedule("every", 10, time(7, 0), time(19, 0), WEEKDAYS, skip_holidays=True)
    )
    assert parse_schedule(["at", "12:00,06:30"], days="mån-fre") == Schedule(
        "at", days=WEEKDAYS, times=(time(6, 30), time(12, 0))
    )
    assert parse_schedule(["off"]) == OFF
    assert parse_days("fri-mon") == frozenset({4, 5, 6, 0})
    assert parse_days("mon-wed,sat") == frozenset({0, 1, 2, 5})


@pytest.mark.parametrize(
    ("words", "options", "named"),
    [
        (["every"], {}, "every behöver ett antal minuter"),
        (["every", "0"], {}, "1–1440"),
        (["every", "ten"], {}, "fick: ten"),
        (["every", "10"], {"start": "25:00"}, "Ogiltig tid för --from: '25:00'"),
        (["every", "10"], {"start": "19:00", "end": "07:00"}, "--from 19:00 kommer efter --to 07:00"),
        (["every", "10"], {"days": "mon-fredag"}, "Okänd veckodag 'fredag'"),
        (["at"], {}, "at behöver minst en tid"),
        (["at", "6"], {}, "Ogiltig tid för tiden: '6'"),
        (["at", "06:30"], {"start": "07:00"}, "--from och --to gäller bara every"),
        (["off"], {"skip_holidays": True}, "off tar inga fler"),
        (["sometimes"], {}, "Okänt schema: 'sometimes'"),
    ],
)
def test_schedule_syntax_wrong_input_names_what_is_wrong_and_the_format(
    words: list[str], options: dict[str, object], named: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_schedule(words, **options)  # type: ignore[arg-type]
    assert named in caught.value.message
    assert "every N" in caught.value.hint and "every N" in caught.value.hint_en and caught.value.message_en
