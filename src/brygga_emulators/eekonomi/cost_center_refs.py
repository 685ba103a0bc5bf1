"""``CostCenterItemId1..3`` on invoice and supplier-invoice rows: each must name an existing, active item.

Slot *n* takes an item of the cost center numbered *n* (eaccounting-api.md §9.2 reads the slots that
way; unverified against the live API). An unknown item is ErrorCode 3000, an inactive one 5006
InactiveCostCenter (§8), both inside a 400.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from .problems import RESOURCE_NOT_FOUND, ApiProblem, FieldProblem, bad_request
from .store import EekStore

__all__ = ["COST_CENTER_SLOTS", "INACTIVE_COST_CENTER", "check_cost_center_items"]

INACTIVE_COST_CENTER = 5006
COST_CENTER_SLOTS = ("CostCenterItemId1", "CostCenterItemId2", "CostCenterItemId3")


def check_cost_center_items(store: EekStore, row: Mapping[str, Any], path: str) -> None:
    """Raise the API's 400 for the first slot of ``row`` that names a missing, misplaced or inactive item."""
    for number, slot in enumerate(COST_CENTER_SLOTS, start=1):
        item_id = row.get(slot)
        if item_id is None:
            continue
        item = store.cost_center_items.get(str(uuid.UUID(item_id)))
        if item is None:
            message = f"ResourceNotFoundException - CostCenterItem with id {item_id} was not found."
            raise ApiProblem(400, RESOURCE_NOT_FOUND, message)
        center = store.cost_centers.get(item["CostCenterId"]) or {}
        if center.get("Number") != number:
            message = f"{slot} must be an item of cost center {number}, not of cost center {center.get('Number')}."
            raise bad_request([FieldProblem(path + slot, "CostCenterSlot", message)])
        if not item["IsActive"] or not center.get("IsActive", True):
            message = (
                f"InactiveCostCenterException - The cost center item {item['ShortName']} "
                f"({item['Name']}) is inactive and cannot be used."
            )
            raise ApiProblem(400, INACTIVE_COST_CENTER, message)
