"""Services for cost centers and cost center items.

There is no endpoint that lists items: ``cost_centers.iter()`` returns every cost center with its
``Items``, and that is how items are read in bulk (``cost_center_items.get`` reads one by id).
"""

from __future__ import annotations

from brygga.eekonomi.models_cost_centers import CostCenter, CostCenterItem
from brygga.eekonomi.services import ListService, get_one, post_one, put_one
from brygga.http import ApiTransport

__all__ = ["CostCenterItemsService", "CostCentersService"]


class CostCentersService(ListService[CostCenter]):
    """``/costcenters``: list (each with its items) and replace; at most three, made in the UI."""

    path = "/costcenters"
    model = CostCenter
    item_path = "/costcenters/{id}"

    async def update(self, cost_center_id: str, cost_center: CostCenter) -> CostCenter:
        """PUT the name and active flag; ``Number`` and ``Items`` are read-only and not sent."""
        return await put_one(self._api, self.item_path, {"id": cost_center_id}, cost_center, CostCenter)


class CostCenterItemsService:
    """``/costcenteritems``: create, read and replace one item. Not listable: use ``cost_centers.iter()``."""

    path = "/costcenteritems"

    def __init__(self, api: ApiTransport) -> None:
        self._api = api

    async def create(self, item: CostCenterItem) -> CostCenterItem:
        """POST once. A lost answer raises with ``outcome_unknown``: reconcile by looking for the item's
        ``ShortName`` in ``cost_centers.iter()``. A duplicate is refused (ErrorCode 4000, RejectedError)."""
        return await post_one(self._api, self.path, item, CostCenterItem)

    async def get(self, item_id: str) -> CostCenterItem:
        return await get_one(self._api, "/costcenteritems/{itemId}", {"itemId": item_id}, CostCenterItem)

    async def update(self, item_id: str, item: CostCenterItem) -> CostCenterItem:
        """PUT replaces the item; the spec says its cost center cannot be changed this way."""
        template = "/costcenteritems/{costCenterItemId}"
        return await put_one(self._api, template, {"costCenterItemId": item_id}, item, CostCenterItem)
