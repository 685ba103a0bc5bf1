"""The engine's ``Progress`` port on a terminal: a Rich bar with the time left, or plain lines in a pipe.

While a category plans (reads both systems) nobody knows yet how much there is to write, so a spinner line says
what is being read; then ``start`` puts up the bar with the count and the estimated time left. When stdout is
not a terminal (a log, CI, ``| tee``) a bar would be noise: one plain line per category is printed instead.
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from brygga.transfer.report import CATEGORY_LABELS

__all__ = ["PlainProgress", "RichProgress", "planning_text", "progress_for"]

# What each category reads before it knows what to write (its plan), in the user's words.
_READS: dict[str, tuple[str, str]] = {
    "customers": ("läser Visma PM och Visma eEkonomi", "reading Visma PM and Visma eEkonomi"),
    "articles": ("läser Visma PM och Visma eEkonomi", "reading Visma PM and Visma eEkonomi"),
    "projects": (
        "läser projekt i Visma PM och resultatenheter i Visma eEkonomi",
        "reading Visma PM and Visma eEkonomi",
    ),
    "invoices": ("läser fakturor i Visma PM", "reading invoices in Visma PM"),
    "invoice-status": ("läser fakturor i Visma eEkonomi", "reading invoices in Visma eEkonomi"),
    "supplier-invoices": ("läser leverantörsfakturor i Visma eEkonomi", "reading supplier invoices in Visma eEkonomi"),
    "orders": ("läser orderinkorgen och Visma eEkonomi", "reading the order inbox and Visma eEkonomi"),
}


def planning_text(name: str, lang: str = "sv") -> str:
    """``Kunder: läser Visma PM och Visma eEkonomi …``."""
    index = 1 if lang == "en" else 0
    label = CATEGORY_LABELS.get(name, (name, name))[index]
    reads = _READS.get(name, ("läser", "reading"))[index]
    return f"{label}: {reads} …"


class RichProgress:
    """A spinner while a category plans, then a bar with done/total, time spent and time left."""

    def __init__(self, console: Console, lang: str = "sv") -> None:
        self._lang = lang
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("·"),
            TimeRemainingColumn(),
            TextColumn("kvar" if lang == "sv" else "left"),
            console=console,
            transient=True,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Take the bar off the screen; stopping twice is harmless."""
        self._progress.stop()

    def _replace(self, description: str, total: int | None) -> None:
        if self._task is not None:
            self._progress.remove_task(self._task)
        self._task = self._progress.add_task(description, total=total)

    def category(self, name: str) -> None:
        """A category begins reading: a spinner line with what it reads (no total yet, so no bar)."""
        self._replace(planning_text(name, self._lang), None)

    def start(self, label: str, total: int) -> None:
        self._replace(label, total)

    def advance(self, steps: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, steps)


class PlainProgress:
    """One plain line per category, for output that is not a terminal."""

    def __init__(self, console: Console, lang: str = "sv") -> None:
        self._console = console
        self._lang = lang

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def stop(self) -> None:
        return None

    def category(self, name: str) -> None:
        self._console.print(planning_text(name, self._lang), highlight=False, markup=False)

    def start(self, label: str, total: int) -> None:
        return None

    def advance(self, steps: int = 1) -> None:
        return None


def progress_for(console: Console, lang: str = "sv") -> RichProgress | PlainProgress:
    """The bar on a terminal, plain lines elsewhere."""
    return RichProgress(console, lang) if console.is_terminal else PlainProgress(console, lang)
