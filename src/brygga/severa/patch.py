"""The body of a Severa PATCH: a JSON Patch array of ``Replace`` operations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from brygga.severa.models import wire_value

__all__ = ["REPLACE_OP", "build_patch_body"]

REPLACE_OP = "Replace"
"""``PatchOperationType`` spells its values capitalised; Severa supports only Replace."""


def build_patch_body(changes: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One ``Replace`` operation per changed field, in the order given.

    Keys are JSON paths relative to the resource, with or without the leading slash:
    ``{"name": "Acme", "currency/guid": "…"}`` becomes
    ``[{"op": "Replace", "path": "/name", "value": "Acme"},
       {"op": "Replace", "path": "/currency/guid", "value": "…"}]``.

    The spec types ``PatchOperation.value`` as a string, but Severa binds it to the field's own
    type, so values go out as native JSON: numbers (``Decimal`` exactly), booleans, null and
    objects, never stringified. Sending ``"true"`` for a boolean would be a guess the spec invites
    and the server model does not need.
    """
    if not changes:
        raise ValueError("a PATCH needs at least one change")
    operations: list[dict[str, Any]] = []
    for path, value in changes.items():
        pointer = path.strip("/")
        if not pointer:
            raise ValueError("a PATCH path must name a field")
        operations.append({"op": REPLACE_OP, "path": f"/{pointer}", "value": wire_value(value)})
    return operations
