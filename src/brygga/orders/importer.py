"""Orders from a file: JSON (one order or a list) or CSV (one line per order row).

The valid orders are kept and every invalid one is reported: with its CSV line number or its index in the
JSON list, and a Swedish reason. A file that cannot be read at all gives one problem, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from brygga.orders.csv_orders import read_csv_orders
from brygga.orders.documents import BrokenInput, check_documents, decode_json, read_text
from brygga.orders.models import Order

__all__ = ["ImportProblem", "ImportResult", "import_orders", "import_orders_text"]


@dataclass(frozen=True)
class ImportProblem:
    """Why an order (or the whole file, when neither ``line`` nor ``index`` is set) is not imported."""

    reason: str
    line: int | None = None  # CSV: the line number, the header being line 1
    index: int | None = None  # JSON: the order's 0-based position in the list
    order_number: str | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"rad {self.line}")
        if self.index is not None:
            where.append(f"order på index {self.index}")
        if self.order_number:
            where.append(f"order {self.order_number}")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


@dataclass
class ImportResult:
    orders: list[Order] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def import_orders(path: Path) -> ImportResult:
    """Read the orders in ``path``; ``.csv`` files are CSV, everything else must be JSON."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ImportResult(problems=[ImportProblem(f"Filen {path} kan inte läsas: {exc.strerror or exc}.")])
    return import_orders_text(data, csv_format=path.suffix.lower() == ".csv", what=f"Filen {path.name}")


def import_orders_text(data: bytes, *, csv_format: bool, what: str = "Filen") -> ImportResult:
    """The orders in file content ``data``; ``what`` names the input in messages."""
    try:
        result = _read_csv(data, what) if csv_format else _read_json(data, what)
    except BrokenInput as exc:
        return ImportResult(problems=[ImportProblem(exc.reason)])
    if not result.orders and not result.problems:
        result.problems.append(ImportProblem(f"{what} innehåller inga order."))
    return result


def _read_json(data: bytes, what: str) -> ImportResult:
    checked = check_documents(decode_json(read_text(data, what), what))
    problems = [
        ImportProblem(str(violation), index=problem.index, order_number=problem.order_number)
        for problem in checked.problems
        for violation in problem.violations
    ]
    return ImportResult([order for _, order in checked.orders], problems)


def _read_csv(data: bytes, what: str) -> ImportResult:
    read = read_csv_orders(read_text(data, what))
    problems = [
        ImportProblem(problem.reason, line=problem.line, order_number=problem.order_number) for problem in read.problems
    ]
    return ImportResult([order for _, order in read.orders], problems)
