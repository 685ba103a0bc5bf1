"""A small declarative copy of the spec's request models, and the validator that enforces it.

Runtime code may not read the OpenAPI file (users do not have it), so the models the emulator accepts
are written out in :mod:`models`; ``tests/emulators/severa`` checks them against the spec so they cannot
drift. Read-only and unknown properties in a request are ignored, as ASP.NET model binding does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from .problems import ApiProblem, Detail
from .wire import format_datetime, parse_date, parse_datetime

__all__ = ["Field", "Kind", "Model", "validate_model"]

Kind = Literal[
    "string", "int32", "int64", "number", "boolean", "date-time", "date", "object", "string-array", "object-array"
]

_INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


@dataclass(frozen=True)
class Field:
    kind: Kind
    nullable: bool = True
    read_only: bool = False
    min_length: int | None = None
    max_length: int | None = None
    enum: tuple[str, ...] | None = None
    model: Model | None = None
    default: Any = None


@dataclass(frozen=True)
class Model:
    name: str
    fields: Mapping[str, Field]
    required: frozenset[str] = field(default_factory=frozenset)

    def canonical(self, name: str) -> str | None:
        """The property's spelling in the spec; JSON Patch paths match case-insensitively."""
        lowered = name.lower()
        return next((known for known in self.fields if known.lower() == lowered), None)


def validate_model(model: Model, body: Any, prefix: str = "") -> dict[str, Any]:
    """Return the writable properties of ``body`` (defaults filled in) or raise 400 InvalidParameter
    listing every problem found."""
    problems: list[Detail] = []
    result = _validate_object(model, body, prefix, problems)
    if problems:
        raise ApiProblem(400, "InvalidParameter", problems)
    return result


def _validate_object(model: Model, body: Any, prefix: str, problems: list[Detail]) -> dict[str, Any]:
    if not isinstance(body, dict):
        problems.append(_detail(prefix or model.name, f"{model.name} must be a JSON object."))
        return {}
    result: dict[str, Any] = {}
    for name, spec in model.fields.items():
        path = f"{prefix}.{name}" if prefix else name
        value = body.get(name)
        if value is None and name in model.required:
            problems.append(_detail(path, f"The {name} field is required."))
            continue
        if spec.read_only:
            continue
        if value is None:
            if name in body and not spec.nullable:
                problems.append(_detail(path, f"The {name} field cannot be null."))
            result[name] = spec.default
            continue
        result[name] = _validate_value(spec, value, path, problems)
    return result


def _validate_value(spec: Field, value: Any, path: str, problems: list[Detail]) -> Any:
    kind = spec.kind
    if kind == "string":
        return _validate_string(spec, value, path, problems)
    if kind in _INT_RANGES:
        low, high = _INT_RANGES[kind]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            problems.append(_detail(path, f"The value of {path} must be an integer ({kind})."))
        return value
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            problems.append(_detail(path, f"The value of {path} must be a number."))
            return value
        return Decimal(value)
    if kind == "boolean":
        if not isinstance(value, bool):
            problems.append(_detail(path, f"The value of {path} must be true or false."))
        return value
    if kind in ("date-time", "date"):
        return _validate_temporal(kind, value, path, problems)
    if kind == "object":
        assert spec.model is not None
        return _validate_object(spec.model, value, path, problems)
    return _validate_array(spec, value, path, problems)


def _validate_string(spec: Field, value: Any, path: str, problems: list[Detail]) -> Any:
    if not isinstance(value, str):
        problems.append(_detail(path, f"The value of {path} must be a string."))
        return value
    if spec.min_length is not None and len(value) < spec.min_length:
        problems.append(_detail(path, f"The field {path} must be at least {spec.min_length} characters long."))
    if spec.max_length is not None and len(value) > spec.max_length:
        problems.append(_detail(path, f"The field {path} must be at most {spec.max_length} characters long."))
    if spec.enum is not None and value not in spec.enum:
        problems.append(_detail(path, f"The value '{value}' is not valid for {path}: {', '.join(spec.enum)}."))
    return value


def _validate_temporal(kind: str, value: Any, path: str, problems: list[Detail]) -> Any:
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return format_datetime(parse_datetime(value)) if kind == "date-time" else parse_date(value).isoformat()
    except ValueError:
        problems.append(_detail(path, f"The value of {path} is not a valid {kind}."))
        return value


def _validate_array(spec: Field, value: Any, path: str, problems: list[Detail]) -> Any:
    if not isinstance(value, list):
        problems.append(_detail(path, f"The value of {path} must be an array."))
        return value
    if spec.kind == "string-array":
        if not all(isinstance(item, str) for item in value):
            problems.append(_detail(path, f"Every item of {path} must be a string."))
        return value
    assert spec.model is not None
    return [_validate_object(spec.model, item, f"{path}[{index}]", problems) for index, item in enumerate(value)]


def _detail(path: str, message: str) -> Detail:
    return Detail(message, "RequestBody", path)
