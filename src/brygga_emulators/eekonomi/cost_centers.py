"""Cost centers (at most three, seeded: the API has no POST) and their items.

Items are stored on their own and joined into their cost center's ``Items`` on every read, the way
``GET /v2/costcenters`` answers. The API has no item list and no DELETE: items are deactivated.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from .clock import Clock, format_utc
from .problems import RESOURCE_NOT_FOUND, ApiProblem, FieldProblem, bad_request, conflict, not_found
from .store import EekStore
from .validation import COST_CENTER_FIELDS, COST_CENTER_ITEM_FIELDS, blank_document, validate_fields

__all__ = [
    "COST_CENTER_FIELD_NAMES",
    "DUPLICATE_ITEM_MESSAGE",
    "MOVED_ITEM_MESSAGE",
    "CostCenterBook",
]

COST_CENTER_FIELD_NAMES = tuple(rule.name for rule in COST_CENTER_FIELDS)

# Exactly the text the original integration's error table quotes for a clashing project.
DUPLICATE_ITEM_MESSAGE = (
    "CostCenterItemAlreadyExistsException - A cost center item with the provided id or name already exists."
)
# The spec's own sentence for PUT /costcenteritems/{id}; the API's exact wording is unverified.
MOVED_ITEM_MESSAGE = "The cost center assignment cannot be changed."


class CostCenterBook:
    def __init__(self, store: EekStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    # cost centers ------------------------------------------------------------------------------
    def cost_centers(self) -> list[dict[str, Any]]:
        """Every cost center with its ``Items``, in Number order."""
        centers = sorted(self._store.cost_centers.all(), key=lambda center: int(center["Number"]))
        return [self._with_items(center) for center in centers]

    def cost_center(self, center_id: str) -> dict[str, Any]:
        """The stored cost center, without its items."""
        doc = self._store.cost_centers.get(_normalise_id(center_id, "CostCenter"))
        if doc is None:
            raise not_found("CostCenter")
        return doc

    def replace_cost_center(self, center_id: str, body: dict[str, Any]) -> dict[str, Any]:
        previous = self.cost_center(center_id)
        values, problems = validate_fields(body, COST_CENTER_FIELDS)
        if problems:
            raise bad_request(problems)
        doc = {**blank_document(COST_CENTER_FIELDS), **values, "Number": previous["Number"], "Id": previous["Id"]}
        del doc["Items"]  # joined on read
        self._store.cost_centers.put(doc["Id"], doc)
        return self._with_items(doc)

    # items -------------------------------------------------------------------------------------
    def get_item(self, item_id: str) -> dict[str, Any]:
        doc = self._store.cost_center_items.get(_normalise_id(item_id, "CostCenterItem"))
        if doc is None:
            raise not_found("CostCenterItem")
        return doc

    def create_item(self, body: dict[str, Any], item_id: str | None = None) -> dict[str, Any]:
        """``item_id`` is for seeding demo data with stable ids; the API always makes a new one."""
        values = _validated_item(body)
        if self._store.cost_centers.get(values["CostCenterId"]) is None:
            message = f"ResourceNotFoundException - CostCenter with id {values['CostCenterId']} was not found."
            raise ApiProblem(400, RESOURCE_NOT_FOUND, message)
        with self._store.atomic():
            self._ensure_unique(values, None)
            doc = {**values, "Id": item_id or str(uuid.uuid4()), "CreatedUtc": format_utc(self._clock())}
            doc = _in_spec_order(doc)
            self._store.cost_center_items.put(doc["Id"], doc)
        return doc

    def replace_item(self, item_id: str, body: dict[str, Any]) -> dict[str, Any]:
        previous = self.get_item(item_id)
        values = _validated_item(body)
        if values["CostCenterId"] != previous["CostCenterId"]:
            raise bad_request([FieldProblem("CostCenterId", "Immutable", MOVED_ITEM_MESSAGE)])
        with self._store.atomic():
            self._ensure_unique(values, previous["Id"])
            doc = _in_spec_order({**values, "Id": previous["Id"], "CreatedUtc": previous["CreatedUtc"]})
            self._store.cost_center_items.put(doc["Id"], doc)
        return doc

    def _ensure_unique(self, values: Mapping[str, Any], own_id: str | None) -> None:
        # A clash on either the short name or the name is refused, within one cost center only.
        terms = [("ShortName", values["ShortName"]), ("Name", values["Name"])]
        for item in self._store.cost_center_items.find_any(terms):
            if item["CostCenterId"] != values["CostCenterId"] or item["Id"] == own_id:
                continue
            if item["ShortName"] == values["ShortName"] or item["Name"] == values["Name"]:
                raise conflict(DUPLICATE_ITEM_MESSAGE)

    def _with_items(self, center: Mapping[str, Any]) -> dict[str, Any]:
        items = [dict(item) for item in self._store.cost_center_items.find("CostCenterId", center["Id"])]
        doc = {**center, "Items": items}
        return {name: doc[name] for name in COST_CENTER_FIELD_NAMES}


def _validated_item(body: dict[str, Any]) -> dict[str, Any]:
    values, problems = validate_fields(body, COST_CENTER_ITEM_FIELDS)
    if problems:
        raise bad_request(problems)
    return values


def _in_spec_order(doc: Mapping[str, Any]) -> dict[str, Any]:
    return {rule.name: doc[rule.name] for rule in COST_CENTER_ITEM_FIELDS}


def _normalise_id(raw_id: str, resource: str) -> str:
    try:
        return str(uuid.UUID(raw_id))
    except ValueError:
        # A malformed id fails the route's {id:guid} constraint: the API answers 404.
        raise not_found(resource) from None
