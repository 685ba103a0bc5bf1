"""``next_run``: when a schedule runs next, as a pure function of the schedule and a moment.

Slots are Swedish wall-clock times. On the day summer time starts (the last Sunday in March, 02:00 -> 03:00) a slot
in the missing hour runs when the hour ends, 03:00, once however many slots fell into it. On the day it ends (the
last Sunday in October, 03:00 -> 02:00) a slot in the repeated hour runs once, in its first occurrence.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from brygga.calendar_se import STOCKHOLM
from brygga.schedules.holidays import is_eve, is_public_holiday
from brygga.schedules.model import Schedule

__all__ = ["next_run", "runs_on", "slots"]

_HORIZON_DAYS = 400  # every schedule that is not off runs on some weekday within any two weeks


def runs_on(schedule: Schedule, day: date) -> bool:
    """Whether ``schedule`` runs at all on ``day`` (its weekdays, minus the holidays and eves it skips)."""
    if schedule.is_off or day.weekday() not in schedule.days:
        return False
    if schedule.skip_holidays and is_public_holiday(day):
        return False
    return not (schedule.skip_eves and is_eve(day))


def slots(schedule: Schedule) -> Iterator[time]:
    """The wall-clock times of one day the schedule runs at, earliest first."""
    if schedule.kind == "at":
        yield from schedule.times
        return
    if schedule.kind == "every":
        start = schedule.start.hour * 60 + schedule.start.minute
        end = schedule.end.hour * 60 + schedule.end.minute
        for minute in range(start, end + 1, schedule.every_minutes):
            yield time(minute // 60, minute % 60)


def _instant(day: date, wall: time) -> datetime:
    """The moment Sweden's clocks show ``wall`` on ``day``: the first of two in October's repeated hour; for a time
    that does not exist (March's missing hour) the moment the gap ends."""
    local = datetime.combine(day, wall, tzinfo=STOCKHOLM)  # fold=0: the earlier of two
    shown = local.astimezone(UTC).astimezone(STOCKHOLM)
    if shown.replace(tzinfo=None) == local.replace(tzinfo=None):
        return local.astimezone(UTC)
    # In the gap: fold=1 reads it with the later offset, an instant before the change; walk to the change.
    moment = local.replace(fold=1).astimezone(UTC)
    while moment.astimezone(STOCKHOLM).utcoffset() != shown.utcoffset():
        moment += timedelta(minutes=1)
    return moment


def next_run(schedule: Schedule, after: datetime) -> datetime | None:
    """The first moment strictly after ``after`` (an aware datetime) that ``schedule`` runs at, as an aware UTC
    datetime (a Swedish one in October's repeated hour would compare unequal to every other zone, PEP 495);
    ``None`` when it is off."""
    if after.tzinfo is None:
        raise ValueError("next_run needs an aware datetime")
    if schedule.is_off:
        return None
    first = after.astimezone(STOCKHOLM).date()
    for offset in range(_HORIZON_DAYS):
        day = first + timedelta(days=offset)
        if not runs_on(schedule, day):
            continue
        for wall in slots(schedule):
            moment = _instant(day, wall)
            if moment > after:
                return moment
    return None
