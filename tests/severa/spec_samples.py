"""Spec-driven sample bodies for the model tests: every property filled, read-only ones included."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .fakes import spec_schema


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec_schema(schema["$ref"].rsplit("/", 1)[1])
    return schema


def sample(schema: dict[str, Any], depth: int = 0) -> Any:
    """A value for every property, read-only ones included, so the tests see what gets dropped."""
    schema = resolve(schema)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type", "object")
    if kind == "object":
        properties = schema.get("properties", {}) if depth < 3 else {}
        return {name: sample(sub, depth + 1) for name, sub in properties.items()}
    if kind == "array":
        return [sample(schema["items"], depth + 1)]
    formats = {"date-time": "2025-03-01T12:00:00Z", "date": "2025-03-01"}
    scalars = {"string": formats.get(schema.get("format", ""), "text"), "integer": 7, "boolean": True}
    return scalars.get(kind, Decimal("12.50"))


def read_only_names(schema: dict[str, Any]) -> set[str]:
    properties = resolve(schema).get("properties", {})
    return {name for name, sub in properties.items() if sub.get("readOnly")}


def find_read_only(body: Any, schema: dict[str, Any], where: str = "") -> list[str]:
    """Every read-only property present in ``body``, at any depth, as a JSON path."""
    schema = resolve(schema)
    if isinstance(body, list):
        return [hit for item in body for hit in find_read_only(item, schema.get("items", {}), where + "/*")]
    if not isinstance(body, dict):
        return []
    hits = [f"{where}/{name}" for name in body if name in read_only_names(schema)]
    for name, value in body.items():
        sub = schema.get("properties", {}).get(name)
        if sub is not None:
            hits += find_read_only(value, sub, f"{where}/{name}")
    return hits
