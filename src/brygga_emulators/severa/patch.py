"""JSON Patch for Severa's PATCH routes: an array of ``PatchOperation``; only ``Replace`` is supported.

The spec's ``PatchOperationType`` enum is PascalCase (``Replace``); RFC 6902 clients send ``replace``
and ASP.NET's JsonPatch parses the op case-insensitively, so both spellings are accepted. Severa's
technical description says only Replace works, so every other op is refused with 400 InvalidRequest.
The spec types ``value`` as string; real clients send numbers, booleans and objects, so both the JSON
type and its string spelling are accepted for scalar properties.
"""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation
from typing import Any

from .problems import ApiProblem, Detail
from .schema import Field, Model
from .store import Document

__all__ = ["apply_patch"]


def apply_patch(model: Model, document: Document, operations: Any) -> Document:
    """A patched copy of ``document``; the caller validates the result like a create."""
    if not isinstance(operations, list):
        raise ApiProblem.invalid_request("The body must be a JSON array of PatchOperation.")
    result = copy.deepcopy(document)
    for index, operation in enumerate(operations):
        _apply_one(model, result, operation, f"[{index}]")
    return result


def _apply_one(model: Model, document: Document, operation: Any, where: str) -> None:
    if not isinstance(operation, dict):
        raise ApiProblem.invalid_request(f"{where} must be a PatchOperation object.")
    op = operation.get("op")
    if not isinstance(op, str) or op.lower() != "replace":
        raise ApiProblem(
            400,
            "InvalidRequest",
            [Detail(f"Patch operation '{op}' is not supported; only Replace is.", "RequestBody", f"{where}.op")],
        )
    path = operation.get("path")
    segments = path.strip("/").split("/") if isinstance(path, str) and path.startswith("/") else []
    if len(segments) not in (1, 2) or not all(segments):
        raise _bad_path(path, where)
    top = _writable(model, segments[0], path, where)
    spec = model.fields[top]
    if len(segments) == 1:
        document[top] = _coerce(spec, operation.get("value"))
        return
    if spec.kind != "object" or spec.model is None:
        raise _bad_path(path, where)
    sub = _writable(spec.model, segments[1], path, where)
    parent = document.get(top) or {}
    parent[sub] = _coerce(spec.model.fields[sub], operation.get("value"))
    document[top] = parent


def _writable(model: Model, segment: str, path: Any, where: str) -> str:
    name = model.canonical(segment)
    if name is None:
        raise _bad_path(path, where)
    if model.fields[name].read_only:
        raise ApiProblem.invalid_parameter(f"Property '{path}' is read-only.", "RequestBody", f"{where}.path")
    return name


def _bad_path(path: Any, where: str) -> ApiProblem:
    return ApiProblem.invalid_parameter(f"Path '{path}' does not name a property.", "RequestBody", f"{where}.path")


def _coerce(spec: Field, value: Any) -> Any:
    """Turn the spec's string-typed ``value`` into the property's type when it spells one."""
    if not isinstance(value, str):
        return value
    try:
        if spec.kind in ("int32", "int64"):
            return int(value)
        if spec.kind == "number":
            return Decimal(value)
    except (ValueError, InvalidOperation):
        return value
    if spec.kind == "boolean" and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value
