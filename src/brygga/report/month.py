"""A calendar month as a Swedish company sees it: "2026-11", its bounds in Swedish time, and the default month of a
month-end report (the previous calendar month in Sweden)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from brygga.calendar_se import STOCKHOLM, swedish_date
from brygga.errors import ConfigError

__all__ = ["Month"]

_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """``"2026-11"``; anything else is a ``ConfigError`` that says the form."""
        found = _PATTERN.match(text.strip())
        if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 2000:
            raise ConfigError(
                f"Månaden {text!r} går inte att läsa.",
                hint="Skriv månaden som ÅÅÅÅ-MM, till exempel 2026-11.",
                message_en=f"The month {text!r} cannot be read.",
                hint_en="Write the month as YYYY-MM, for example 2026-11.",
            )
        return cls(int(found.group(1)), int(found.group(2)))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def previous(cls, now: datetime) -> Month:
        """The calendar month before the one it is in Sweden at ``now``: the month a month-end report is for."""
        today = swedish_date(now)
        return cls(today.year - 1, 12) if today.month == 1 else cls(today.year, today.month - 1)

    def next(self) -> Month:
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def start(self) -> datetime:
        """Midnight in Sweden on the first day, in UTC (what the store and the APIs compare with)."""
        return datetime.combine(self.first_day, time(0), tzinfo=STOCKHOLM).astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The next month's start: the month is ``start <= moment < end``."""
        return self.next().start

    def contains(self, moment: datetime | None) -> bool:
        if moment is None:
            return False
        if moment.tzinfo is None:  # SQLite gives stored UTC moments back without their zone
            moment = moment.replace(tzinfo=UTC)
        return self.start <= moment < self.end

    def is_future(self, now: datetime) -> bool:
        return self.first_day > swedish_date(now)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
