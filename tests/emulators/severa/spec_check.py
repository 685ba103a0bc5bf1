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


def schema_for(spec: dict[str, Any], name: str) -> dict[str, Any]:
    definitions = {key: _convert(value) for key, value in spec["components"]["schemas"].items()}
    return {"$ref": f"#/definitions/{name}", "definitions": definitions}


def assert_matches(spec: dict[str, Any], name: str, body: Any) -> None:
    """``body`` is valid ``name`` and carries every declared property."""
    jsonschema.validate(body, schema_for(spec, name))
    declared = set(spec["components"]["schemas"][name].get("properties", {}))
    assert declared <= set(body), f"{name} lacks {sorted(declared - set(body))}"
