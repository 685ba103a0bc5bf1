"""JSON Schema errors as Swedish reasons that tell the order system's developer which field to fix and how.

jsonschema's own messages are English and name Python types (``Decimal('1.5') is not of type 'integer'``);
an order system's support staff reads these reasons, so each keyword gets a sentence of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, cast

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

__all__ = ["PathPart", "schema_violations"]

PathPart = str | int
Found = tuple[tuple[PathPart, ...], str]

TYPE_NAMES = {
    "string": "text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "true eller false",
    "object": "ett objekt",
    "array": "en lista",
    "null": "null",
}
PATTERN_REASONS = {
    "country_code": "måste vara en landskod med två versaler enligt ISO 3166-1, t.ex. SE",
    "currency": "måste vara en valutakod med tre versaler enligt ISO 4217, t.ex. SEK",
    "order_number": "får inte vara tomt eller bara blanksteg",
    "number": "får inte vara tomt eller bara blanksteg",
}


def schema_violations(validator: Draft202012Validator, data: object) -> list[Found]:
    """Every schema error in ``data`` as (path, Swedish reason), each once.

    jsonschema reports a ``required`` error per missing field, each carrying the whole list of required
    fields, so the same reason can come out several times: ``dict.fromkeys`` keeps the first of each."""
    found: list[Found] = []
    for error in validator.iter_errors(data):
        found.extend(_translate(error))
    return list(dict.fromkeys(found))


def _value(error: ValidationError) -> Any:
    """The keyword's value in the schema (``validator_value``); the stubs type it as possibly unset."""
    return cast(Any, error.validator_value)


def _translate(error: ValidationError) -> Iterator[Found]:
    path = tuple(error.absolute_path)
    if error.validator == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        for name in _value(error):
            if name not in present:
                yield (*path, name), "saknas men krävs"
        return
    if error.validator == "additionalProperties":
        known = cast(dict[str, Any], error.schema).get("properties", {})
        for name in cast(dict[str, Any], error.instance):
            if name not in known:
                yield (*path, name), "är inget känt fält i orderformatet (version 1)"
        return
    yield path, _REASONS.get(str(error.validator), _fallback)(error, path)


def _type(error: ValidationError, path: tuple[PathPart, ...]) -> str:
    wanted = _value(error) if isinstance(_value(error), list) else [_value(error)]
    names = " eller ".join(TYPE_NAMES.get(str(name), str(name)) for name in wanted)
    return f"måste vara {names}" if path else f"en order måste vara ett JSON-objekt, inte {_json_kind(error.instance)}"


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    return "ett tal" if isinstance(value, int | float | Decimal) else "null"


def _const(error: ValidationError, _path: tuple[PathPart, ...]) -> str:
    return f"måste vara {_value(error)} (detta orderformats version)"


def _min_length(error: ValidationError, _path: tuple[PathPart, ...]) -> str:
    return "får inte vara tomt" if _value(error) == 1 else f"måste ha minst {_value(error)} tecken"


def _max_length(error: ValidationError, _path: tuple[PathPart, ...]) -> str:
    return f"får vara högst {_value(error)} tecken långt"


def _pattern(error: ValidationError, path: tuple[PathPart, ...]) -> str:
    field = path[-1] if path else ""
    return PATTERN_REASONS.get(str(field), f"har fel format (ska matcha {_value(error)})")


def _minimum(error: ValidationError, _path: tuple[PathPart, ...]) -> str:
    return "får inte vara negativt" if _value(error) == 0 else f"måste vara minst {_value(error)}"


def _min_items(error: ValidationError, _path: tuple[PathPart, ...]) -> str:
    return f"måste ha minst {_value(error)} rad"


def _max_items(error: ValidationError, _path: tuple[PathPart, ...]) -> str:
    return f"får ha högst {_value(error)} rader"


def _any_of(error: ValidationError, _path: tuple[PathPart, ...]) -> str:
    # anyOf appears only on decimals: a JSON number or a decimal string.
    non_negative = any("minimum" in branch for branch in _value(error))
    kind = "ett tal som inte är negativt" if non_negative else "ett tal"
    example = "som JSON-tal eller som text med decimalpunkt (t.ex. 1234.50)"
    return f"måste vara {kind}, {example}, inte {_shown(error.instance)}"


def _shown(value: object) -> str:
    """A value as the sender wrote it in JSON (``"12,5"``, ``true``), not as Python prints it."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    return str(value)


def _fallback(error: ValidationError, _path: tuple[PathPart, ...]) -> str:
    return f"är ogiltigt ({error.message})"


_REASONS: dict[str, Callable[[ValidationError, tuple[PathPart, ...]], str]] = {
    "type": _type,
    "const": _const,
    "minLength": _min_length,
    "maxLength": _max_length,
    "pattern": _pattern,
    "minimum": _minimum,
    "minItems": _min_items,
    "maxItems": _max_items,
    "anyOf": _any_of,
}
