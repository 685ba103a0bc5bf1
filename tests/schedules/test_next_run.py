"""``next_run``: when a schedule runs next, in Swedish local time, across weekends, holidays and DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brygga.calendar_se import STOCKHOLM
from brygga.schedules import OFF, WEEKDAYS, Schedule, next_run
from brygga.schedules.holidays import is_public_holiday
from brygga.schedules.next_run import runs_on

EVERY_10_WORKDAYS = Schedule("every", 10, time(7, 0), time(19, 0), WEEKDAYS)


def se(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=STOCKHOLM)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (se(2026, 3, 4, 6, 0), se(2026, 3, 4, 7, 0)),  # Wednesday before the window: its start
        (se(2026, 3, 4, 7, 0), se(2026, 3, 4, 7, 10)),  # strictly after
        (se(2026, 3, 4, 7, 3), se(2026, 3, 4, 7, 10)),
        (se(2026, 3, 4, 18, 55), se(2026, 3, 4, 19, 0)),  # the end is included
        (se(2026, 3, 4, 19, 0), se(2026, 3, 5, 7, 0)),  # after the window: next morning
        (se(2026, 3, 6, 19, 5), se(2026, 3, 9, 7, 0)),  # Friday evening: Monday morning
    ],
)
def test_schedule_every_10_minutes_within_hours_weekdays(after: datetime, expected: datetime) -> None:
    assert next_run(EVERY_10_WORKDAYS, after) == expected


def test_schedule_off_never_runs() -> None:
    assert next_run(OFF, se(2026, 3, 4, 12, 0)) is None


def test_schedule_at_set_times() -> None:
    schedule = Schedule("at", times=(time(12, 0), time(6, 30)))
    assert schedule.times == (time(6, 30), time(12, 0))
    assert next_run(schedule, se(2026, 3, 7, 5, 0)) == se(2026, 3, 7, 6, 30)  # every day, Saturday too
    assert next_run(schedule, se(2026, 3, 7, 6, 30)) == se(2026, 3, 7, 12, 0)
    assert next_run(schedule, se(2026, 3, 7, 12, 0)) == se(2026, 3, 8, 6, 30)


def test_schedule_skips_swedish_public_holidays() -> None:
    schedule = Schedule("at", days=WEEKDAYS, times=(time(6, 30),), skip_holidays=True)
    # Easter 2026: långfredagen 3 April and annandag påsk 6 April are weekdays; Thursday 2 April is not a holiday.
    assert next_run(schedule, se(2026, 4, 2, 7, 0)) == se(2026, 4, 7, 6, 30)
    # Without skipping, långfredagen runs.
    assert next_run(Schedule("at", days=WEEKDAYS, times=(time(6, 30),)), se(2026, 4, 2, 7, 0)) == se(2026, 4, 3, 6, 30)
    # Christmas 2026: juldagen Friday 25 December, then the weekend; julafton runs unless eves are skipped.
    assert next_run(schedule, se(2026, 12, 23, 7, 0)) == se(2026, 12, 24, 6, 30)
    assert next_run(
        Schedule("at", days=WEEKDAYS, times=(time(6, 30),), skip_holidays=True, skip_eves=True), se(2026, 12, 23, 7, 0)
    ) == se(2026, 12, 28, 6, 30)


def test_schedule_skips_midsummer_eve_only_when_eves_are_skipped() -> None:
    holidays_only = Schedule("every", 30, time(8, 0), time(16, 0), WEEKDAYS, skip_holidays=True)
    with_eves = Schedule("every", 30, time(8, 0), time(16, 0), WEEKDAYS, skip_holidays=True, skip_eves=True)
    assert next_run(holidays_only, se(2026, 6, 18, 17, 0)) == se(2026, 6, 19, 8, 0)
    assert next_run(with_eves, se(2026, 6, 18, 17, 0)) == se(2026, 6, 22, 8, 0)


def test_schedule_dst_spring_forward_missing_hour_runs_once_when_it_ends() -> None:
    """29 March 2026: 02:00 becomes 03:00. Slots 02:00–02:50 do not exist; they run once, at 03:00."""
    every = Schedule("every", 10, time(0, 0), time(23, 59))
    moment = se(2026, 3, 29, 1, 50)
    seen = []
    for _ in range(4):
        moment = next_run(every, moment)  # type: ignore[assignment]
        seen.append(moment.astimezone(UTC))
    assert seen == [datetime(2026, 3, 29, h, m, tzinfo=UTC) for h, m in ((1, 0), (1, 10), (1, 20), (1, 30))]
    assert [m.astimezone(STOCKHOLM).strftime("%H:%M") for m in seen] == ["03:00", "03:10", "03:20", "03:30"]
    at_0230 = Schedule("at", times=(time(2, 30),))
    assert next_run(at_0230, se(2026, 3, 28, 12, 0)) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)


def test_schedule_dst_fall_back_repeated_hour_runs_once() -> None:
    """25 October 2026: 03:00 becomes 02:00 again. 02:30 runs once, in its first occurrence (00:30 UTC)."""
    at_0230 = Schedule("at", times=(time(2, 30),))
    first = next_run(at_0230, se(2026, 10, 24, 12, 0))
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert first is not None and next_run(at_0230, first) == datetime(2026, 10, 26, 1, 30, tzinfo=UTC)
    at_0700 = Schedule("at", times=(time(7, 0),))  # after the change 07:00 is UTC+1
    assert next_run(at_0700, se(2026, 10, 24, 12, 0)) == datetime(2026, 10, 25, 6, 0, tzinfo=UTC)


def test_schedule_needs_an_aware_moment() -> None:
    with pytest.raises(ValueError):
        next_run(EVERY_10_WORKDAYS, datetime(2026, 3, 4, 12, 0))


def test_schedule_json_round_trip() -> None:
    for schedule in (
        OFF,
        EVERY_10_WORKDAYS,
        Schedule("at", days=frozenset({0, 3}), times=(time(6, 30),), skip_holidays=True, skip_eves=True),
    ):
        assert Schedule.from_json(schedule.to_json()) == schedule


schedules = st.one_of(
    st.builds(
        lambda n, a, b, days, hol: Schedule("every", n, min(a, b), max(a, b), days, skip_holidays=hol),
        st.integers(1, 240),
        st.times().map(lambda t: t.replace(second=0, microsecond=0)),
        st.times().map(lambda t: t.replace(second=0, microsecond=0)),
        st.frozensets(st.integers(0, 6), min_size=1),
        st.booleans(),
    ),
    st.builds(
        lambda times, days, hol: Schedule("at", days=days, times=tuple(times), skip_holidays=hol),
        st.lists(st.times().map(lambda t: t.replace(second=0, microsecond=0)), min_size=1, max_size=4),
        st.frozensets(st.integers(0, 6), min_size=1),
        st.booleans(),
    ),
)
moments = st.datetimes(datetime(2024, 1, 1), datetime(2030, 12, 31), timezones=st.just(UTC))


@settings(max_examples=150, deadline=None)
@given(schedules, moments)
def test_schedule_next_run_is_later_on_an_allowed_day_and_nothing_in_between(
    schedule: Schedule, after: datetime
) -> None:
    due = next_run(schedule, after)
    assert due is not None and due > after
    local = due.astimezone(STOCKHOLM)
    assert runs_on(schedule, local.date())
    if schedule.skip_holidays:
        assert not is_public_holiday(local.date())
    # Nothing due in between: asking from just before the answer gives the same answer.
    assert next_run(schedule, max(after, due - timedelta(seconds=1))) == due
