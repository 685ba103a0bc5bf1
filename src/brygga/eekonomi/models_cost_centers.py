"""eEkonomi wire models for cost centers ("kostnadsställen") and their items.

A company has at most three cost centers (``Number`` 1..3, made in the UI: no POST or DELETE); each
holds items, which are what invoice rows reference (``CostCenterItemId1..3``). Items can be created and
replaced but not listed or deleted: they are read through the ``Items`` of ``GET /costcenters``, and
one that should go away is set inactive.

The tables are copied from the official spec; ``tests/eekonomi/test_models_articles.py`` checks them.
"""

from __future__ import annotations

from typing import ClassVar

from brygga.eekonomi.models import UtcDatetime, WireModel

__all__ = [
    "COST_CENTER_ITEM_LIMITS",
    "COST_CENTER_ITEM_READ_ONLY",
    "COST_CENTER_ITEM_REQUIRED",
    "COST_CENTER_LIMITS",
    "COST_CENTER_READ_ONLY",
    "COST_CENTER_REQUIRED",
    "CostCenter",
    "CostCenterItem",
]

COST_CENTER_READ_ONLY = frozenset({"Id", "Number", "Items"})
COST_CENTER_REQUIRED = frozenset({"Name"})
COST_CENTER_LIMITS: dict[str, int] = {"Name": 20}

COST_CENTER_ITEM_READ_ONLY = frozenset({"Id", "CreatedUtc"})
COST_CENTER_ITEM_REQUIRED = frozenset({"CostCenterId", "IsActive", "Name", "ShortName"})
COST_CENTER_ITEM_LIMITS: dict[str, int] = {"Name": 50, "ShortName": 9}
"""maxLength per CostCenterItemApi property: a PM project name over 50 characters cannot be an item name."""


class CostCenterItem(WireModel):
    """CostCenterItemApi. Required on write: CostCenterId, Name, ShortName, IsActive.

    ``ShortName`` is the item's code; a PUT cannot move an item to another cost center.
    """

    id: str | None = None
    cost_center_id: str
    name: str
    short_name: str
    is_active: bool
    created_utc: UtcDatetime | None = None

    READ_ONLY: ClassVar[frozenset[str]] = COST_CENTER_ITEM_READ_ONLY


class CostCenter(WireModel):
    """CostCenterApi. Only ``Name`` (at most 20 characters) and ``IsActive`` can be changed.

    ``Items`` is read-only here: it is the only way to list items, and they are written through
    ``/costcenteritems``.
    """

    id: str | None = None
    number: int | None = None
    name: str
    is_active: bool | None = None
    items: list[CostCenterItem] | None = None

    READ_ONLY: ClassVar[frozenset[str]] = COST_CENTER_READ_ONLY
