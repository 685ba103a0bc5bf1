"""Dates and periods typed on the command line, with errors that say which date is wrong and how to write it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from brygga.errors import ConfigError

__all__ = ["PERIODS", "parse_date", "supplier_period"]

PERIODS = ("today", "this_week", "last_week", "this_month", "last_month")
_FORMAT_HINT = "Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2026-01-31."
_FORMAT_HINT_EN = "Write dates as YYYY-MM-DD, e.g. 2026-01-31."


def parse_date(option: str, text: str) -> date:
    """``--from 2026-13-01`` -> an error naming ``--from``, the text and the expected format ÅÅÅÅ-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ConfigError(
            f"{option} {text!r} är inget giltigt datum (formatet är ÅÅÅÅ-MM-DD).",
            hint=_FORMAT_HINT,
            message_en=f"{option} {text!r} is not a valid date (the format is YYYY-MM-DD).",
            hint_en=_FORMAT_HINT_EN,
        ) from exc


def _period_error(sv: str, en: str) -> ConfigError:
    return ConfigError(
        f"Ogiltig period för leverantörsfakturor: {sv}",
        hint=f"Använd --period {'|'.join(PERIODS)}, eller --from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD.",
        message_en=f"Invalid period for supplier invoices: {en}",
        hint_en=f"Use --period {'|'.join(PERIODS)}, or --from YYYY-MM-DD --to YYYY-MM-DD.",
    )


def supplier_period(period: str | None, date_from: str | None, date_to: str | None) -> tuple[date, date] | None:
    """Rule S7 from the command line: a named period, or --from and --to; nothing given means the setting."""
    from brygga.calendar_se import swedish_date
    from brygga.transfer.supplier_costs.period import period_dates

    if date_from or date_to:
        if not (date_from and date_to):
            raise _period_error("ange både --from och --to", "give both --from and --to")
        start, end = parse_date("--from", date_from), parse_date("--to", date_to)
        if start > end:
            raise _period_error(f"--from {start} ligger efter --to {end}", f"--from {start} is after --to {end}")
        return start, end
    if period is None:
        return None
    if period not in PERIODS:
        raise _period_error(f"okänd period {period!r}", f"unknown period {period!r}")
    return period_dates(period, swedish_date(datetime.now(UTC)))
