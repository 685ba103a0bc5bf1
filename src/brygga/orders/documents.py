"""Orders as JSON documents: one order or a list of them, from a file or an HTTP body.

Numbers are read as ``Decimal`` straight from the text (simplejson ``use_decimal``), so ``0.1`` stays 0.1.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import simplejson

from brygga.orders.models import Order
from brygga.orders.validation import Violation, check_order, order_number_of

__all__ = ["BrokenInput", "CheckedDocuments", "DocumentProblem", "check_documents", "decode_json", "read_text"]


class BrokenInput(ValueError):
    """The input as a whole cannot be read (not UTF-8, not JSON, empty); ``reason`` says why, in Swedish."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class DocumentProblem:
    """Why the order at ``index`` (0-based position in the list) is refused."""

    index: int
    order_number: str | None
    violations: tuple[Violation, ...]


@dataclass
class CheckedDocuments:
    orders: list[tuple[int, Order]] = field(default_factory=list)
    problems: list[DocumentProblem] = field(default_factory=list)


def read_text(data: bytes, what: str) -> str:
    """UTF-8 text (a byte-order mark is allowed, as Excel writes one); ``what`` names the input in messages."""
    if not data.strip():
        raise BrokenInput(f"{what} är tom.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BrokenInput(
            f"{what} är inte UTF-8-kodad (ogiltig byte på position {exc.start}). "
            'Spara den som UTF-8, t.ex. "CSV UTF-8" i Excel.'
        ) from exc


def decode_json(text: str, what: str) -> list[object]:
    """The order documents in JSON text: an object is one order, an array a list of orders."""
    try:
        parsed = simplejson.loads(text, use_decimal=True)
    except simplejson.JSONDecodeError as exc:
        raise BrokenInput(f"{what} är inte giltig JSON: {exc.msg} (rad {exc.lineno}, kolumn {exc.colno}).") from exc
    if isinstance(parsed, dict):
        return [parsed]
    if isinstance(parsed, list):
        if not parsed:
            raise BrokenInput(f"{what} innehåller en tom lista: inga order att ta emot.")
        return parsed
    raise BrokenInput(f"{what} måste innehålla en order (ett JSON-objekt) eller en lista av order.")


def check_documents(documents: list[object]) -> CheckedDocuments:
    """Each document checked on its own; an order number used twice refuses every copy (which one is right?)."""
    checked = CheckedDocuments()
    for index, document in enumerate(documents):
        result = check_order(document)
        if isinstance(result, Order):
            checked.orders.append((index, result))
        else:
            checked.problems.append(DocumentProblem(index, order_number_of(document), tuple(result)))
    _refuse_duplicates(checked)
    checked.problems.sort(key=lambda problem: problem.index)
    return checked


def _refuse_duplicates(checked: CheckedDocuments) -> None:
    positions: dict[str, list[int]] = defaultdict(list)
    for index, order in checked.orders:
        positions[order.order_number].append(index)
    repeated = {number: found for number, found in positions.items() if len(found) > 1}
    if not repeated:
        return
    for index, order in checked.orders:
        if order.order_number in repeated:
            where = ", ".join(str(position) for position in repeated[order.order_number])
            reason = f"ordernumret {order.order_number} förekommer flera gånger (index {where}); ingen av dem tas emot"
            checked.problems.append(DocumentProblem(index, order.order_number, (Violation(("order_number",), reason),)))
    checked.orders = [(index, order) for index, order in checked.orders if order.order_number not in repeated]
