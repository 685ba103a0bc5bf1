"""Check emulator answers against the Severa OpenAPI 3.0 schemas with jsonschema.

OpenAPI 3.0's ``nullable`` is turned into JSON Schema's ``null`` type, and every property the schema
declares must be present (the emulator fills them all, null where unknown).
"""

from __future__ import annotations

from typing import Any

import jsonschema


def _convert(node: Any) -> Any:
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _convert(value) for key, value in node.items() if key not in ("nullable", "example")}
    if "$ref" in converted:
        ref = {"$ref": converted["$ref"].replace("#/components/schemas/", "#/definitions/")}
        return {"anyOf": [ref, {"type": "null"}]} if node.get("nullable") else ref
    if node.get("nullable") and "type" in converted:
        converted["type"] = [converted["type"], "null"]
        if "enum" in converted:
            converted["enum"] = [*converted["enum"], None]
    return converted


class SpecChecker:
    """Converts the spec's schemas once and keeps one validator per model name."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self._schemas: dict[str, Any] = spec["components"]["schemas"]
        self._definitions = {key: _convert(value) for key, value in self._schemas.items()}
        self._validators: dict[str, Any] = {}

    def assert_matches(self, name: str, body: Any) -> None:
        """``body`` is valid ``name`` and carries every declared property."""
        validator = self._validators.get(name)
        if validator is None:
            schema = {"$ref": f"#/definitions/{name}", "definitions": self._definitions}
            validator = self._validators[name] = jsonschema.Draft7Validator(schema)
        validator.validate(body)
        declared = set(self._schemas[name].get("properties", {}))
        assert declared <= set(body), f"{name} lacks {sorted(declared - set(body))}"
