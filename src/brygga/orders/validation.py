"""One order's data checked against the published JSON Schema, with the reasons in Swedish.

The JSON Schema is the contract the order system sees, so it decides; the pydantic model then builds the
typed ``Order``. Tests prove that both accept and refuse the same documents, so the model's own errors
only show up here if that proof is broken (and are then reported like any other reason, never swallowed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from pydantic import ValidationError as ModelError

from brygga.orders.models import Order
from brygga.orders.schema_errors import PathPart, schema_violations

__all__ = ["SCHEMA_RESOURCE", "Violation", "check_order", "order_number_of", "order_schema"]

SCHEMA_RESOURCE = "order-v1.schema.json"


@dataclass(frozen=True)
class Violation:
    """One reason why an order is refused; ``path`` points into the order (``("rows", 2, "vat_rate")``)."""

    path: tuple[PathPart, ...]
    reason: str

    @property
    def row_index(self) -> int | None:
        """Index of the order row the reason is about, or None when it is about the order header."""
        if len(self.path) >= 2 and self.path[0] == "rows" and isinstance(self.path[1], int):
            return self.path[1]
        return None

    def __str__(self) -> str:
        return f"{render_path(self.path)}: {self.reason}" if self.path else self.reason


def render_path(path: tuple[PathPart, ...]) -> str:
    """``("rows", 2, "vat_rate")`` -> ``rows[2].vat_rate``: the field names the order system's developer wrote."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@cache
def order_schema() -> dict[str, Any]:
    """The JSON Schema shipped in the package (``brygga/orders/schema/order-v1.schema.json``)."""
    text = resources.files("brygga.orders").joinpath("schema").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(order_schema())


def check_order(data: object) -> Order | list[Violation]:
    """The typed order, or every reason (in Swedish) why ``data`` is not a valid order."""
    found = [Violation(path, reason) for path, reason in schema_violations(_validator(), data)]
    if found:
        return sorted(found, key=lambda violation: render_path(violation.path))
    try:
        return Order.model_validate(data)
    except ModelError as exc:
        return [Violation(tuple(error["loc"]), f"ogiltigt värde ({error['msg']})") for error in exc.errors()]


def order_number_of(data: object) -> str | None:
    """The order number of a document that may be invalid, for messages; None when there is none to show."""
    if isinstance(data, dict):
        number = data.get("order_number")
        if isinstance(number, str) and number.strip():
            return number.strip()
    return None
