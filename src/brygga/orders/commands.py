"""What ``brygga orders import`` does: read a file, put its valid orders in the inbox, count what happened."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brygga.orders.importer import ImportProblem, import_orders
from brygga.store import Store
from brygga.store.orders import OrderStore

__all__ = ["ImportReport", "orders_import_command"]


@dataclass
class ImportReport:
    """Counts per outcome; ``errors`` (Swedish) lists invalid orders and conflicts, one per line."""

    path: Path
    stored: int = 0
    unchanged: int = 0
    replaced: int = 0
    conflicts: int = 0
    invalid: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return (
            f"{self.stored} nya, {self.replaced} ersatta, {self.unchanged} oförändrade, "
            f"{self.conflicts} i konflikt, {self.invalid} ogiltiga"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "stored": self.stored,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "conflicts": self.conflicts,
            "invalid": self.invalid,
            "errors": list(self.errors),
        }


def orders_import_command(store: Store, path: Path) -> ImportReport:
    """Import ``path`` (JSON or CSV) into ``store``'s order inbox."""
    result = import_orders(path)
    report = ImportReport(path, invalid=_refused(result.problems), errors=[str(p) for p in result.problems])
    inbox = OrderStore(store.db, store.tenant)
    for order in result.orders:
        received = inbox.receive(order)
        match received.status:
            case "stored":
                report.stored += 1
            case "replaced":
                report.replaced += 1
            case "unchanged":
                report.unchanged += 1
            case "conflict":
                report.conflicts += 1
                report.errors.append(f"order {received.order_number}: {received.message}")
    return report


def _refused(problems: list[ImportProblem]) -> int:
    """How many orders (or unreadable lines, or a whole file) the problems are about: an order may have several."""
    subjects: set[tuple[str, object]] = set()
    for problem in problems:
        if problem.index is not None:
            subjects.add(("index", problem.index))
        elif problem.order_number:
            subjects.add(("order", problem.order_number))
        else:
            subjects.add(("line", problem.line))
    return len(subjects)
