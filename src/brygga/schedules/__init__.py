"""Scheduled transfers: per company and category off, every N minutes within hours and weekdays, or at set times
(Swedish local time), optionally skipping Swedish public holidays; ``next_run`` says when a schedule runs next."""

from brygga.schedules.model import ALL_DAYS, OFF, WEEKDAYS, Schedule
from brygga.schedules.next_run import next_run

__all__ = ["ALL_DAYS", "OFF", "WEEKDAYS", "Schedule", "next_run"]
