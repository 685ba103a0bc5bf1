"""Order documents for tests: a valid one, and small changes to it."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from brygga.orders.models import Order


def order_document(order_number: str = "GKS-1", **changes: Any) -> dict[str, Any]:
    """A valid, released order with two rows; ``changes`` replace top-level fields."""
    document: dict[str, Any] = {
        "schema_version": 1,
        "order_number": order_number,
        "released": True,
        "customer": {
            "number": "1001",
            "name": "Byggfirman i Norr AB",
            "country_code": "SE",
            "address": {"line1": "Storgatan 1", "postal_code": "901 10", "city": "Umeå"},
        },
        "payment_terms_days": 30,
        "rows": [
            {"text": "Takpapp", "quantity": 4, "unit": "rulle", "unit_price": Decimal("1249.50"), "vat_rate": 25},
            {"text": "Bok", "quantity": "1", "unit_price": "349.00", "vat_rate": Decimal("6")},
        ],
    }
    document.update(changes)
    return document


def changed(document: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """A deep copy of ``document`` with the value at ``path`` replaced (or removed when ``value`` is DELETE)."""
    result = copy.deepcopy(document)
    target: Any = result
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return result


DELETE = object()


def order(order_number: str = "GKS-1", **changes: Any) -> Order:
    return Order.model_validate(order_document(order_number, **changes))
