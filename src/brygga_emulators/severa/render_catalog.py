"""Stored products, work types and travel expense types -> their full output models."""

from __future__ import annotations

from typing import Any

from .catalog_models import PRODUCT_OUTPUT, TRAVEL_EXPENSE_TYPE_OUTPUT, WORK_TYPE_OUTPUT
from .render import fill
from .store import Document, SeveraStore

__all__ = ["render_product", "render_travel_expense_type", "render_work_type"]


def render_product(store: SeveraStore, product: Document) -> dict[str, Any]:
    return fill(PRODUCT_OUTPUT, product)


def render_work_type(store: SeveraStore, work_type: Document) -> dict[str, Any]:
    return fill(WORK_TYPE_OUTPUT, work_type)


def render_travel_expense_type(store: SeveraStore, travel_type: Document) -> dict[str, Any]:
    """``isMileage`` and ``isDailyAllowance`` restate the expense class, so they are derived from it."""
    body = fill(TRAVEL_EXPENSE_TYPE_OUTPUT, travel_type)
    body["isMileage"] = travel_type.get("expenseClass") == "Mileage"
    body["isDailyAllowance"] = travel_type.get("expenseClass") == "DailyAllowance"
    return body
