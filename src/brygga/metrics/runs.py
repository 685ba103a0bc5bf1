"""What the runner tells the metrics: each category of a real run (a dry run writes nothing and is not counted)."""

from __future__ import annotations

import asyncio
import time

from brygga.metrics.book import current_book
from brygga.transfer.report import CategoryReport

__all__ = ["category_broken", "category_done"]


def category_done(company: str, report: CategoryReport, started: float) -> None:
    """``report``'s category ended (``started``: ``time.monotonic()`` when it began): its state, objects, time.
    A failure that stopped the whole category is the category's state, not an object."""
    outcomes = [item.outcome.value for item in report.outcomes if not item.is_run_level]
    current_book().category_finished(company, report.category, report.state, time.monotonic() - started, outcomes)


def category_broken(company: str, category: str, exc: BaseException, started: float) -> None:
    """The run stopped inside ``category``: "interrupted" when stopped (Ctrl+C, a cancelled task), else "failed"."""
    interrupted = isinstance(exc, KeyboardInterrupt | asyncio.CancelledError)
    state = "interrupted" if interrupted else "failed"
    current_book().category_finished(company, category, state, time.monotonic() - started)
