"""JSON Schema validation with OpenAPI semantics on top of Draft 2020-12.

What plain Draft 2020-12 does not do and OpenAPI needs:
- ``readOnly`` properties must not be sent in requests, ``writeOnly`` ones not returned in responses, and
  a required read-only property is required in responses only (OpenAPI 3.0 §Schema Object; the 3.1
  specs follow the same convention).
- Bodies are parsed with ``simplejson(use_decimal=True)`` so amounts stay exact; a ``Decimal`` must count
  as a JSON number, and an integral ``Decimal`` (``5.0``) as an integer, as 2020-12 defines it.
- ``uuid`` and ``date-time`` formats are asserted, not just annotated: the emulators must produce valid
  ones. Both checks are written here so they do not depend on jsonschema's optional format extras.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import extend
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = ["Direction", "SchemaChecker", "format_checker"]

Direction = Literal["request", "response"]

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_RFC3339 = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$")
_MESSAGE_LIMIT = 240


def _is_uuid(instance: object) -> bool:
    return not isinstance(instance, str) or bool(_UUID.match(instance))


def _is_date_time(instance: object) -> bool:
    """RFC 3339 ``date-time``: a full date, a time and a mandatory offset (``Z`` or ``±hh:mm``)."""
    if not isinstance(instance, str):
        return True
    match = _RFC3339.match(instance)
    if match is None:
        return False
    year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
    offset_hours, offset_minutes = match.group(8), match.group(9)
    if offset_hours is not None and (int(offset_hours) > 23 or int(offset_minutes) > 59):
        return False
    try:
        # RFC 3339 allows a leap second (:60); datetime does not, so check the rest with :59.
        datetime(year, month, day, hour, minute, min(second, 59))
    except ValueError:
        return False
    return second <= 60


def format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checker.checks("uuid")(_is_uuid)
    checker.checks("date-time")(_is_date_time)
    return checker


def _is_integer(_checker: object, instance: object) -> bool:
    if isinstance(instance, bool):
        return False
    if isinstance(instance, int):
        return True
    if isinstance(instance, Decimal):
        return instance.is_finite() and instance == instance.to_integral_value()
    return isinstance(instance, float) and instance.is_integer()


_TYPE_CHECKER = Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer)


def _forbidden_flag(flag: str, message: str) -> Any:
    def check(_validator: Validator, value: Any, _instance: Any, _schema: Any) -> Iterator[ValidationError]:
        if value is True:
            yield ValidationError(message)

    check.__name__ = f"forbid_{flag}"
    return check


def _required_except(flag: str) -> Any:
    """``required`` that skips properties carrying ``flag`` (read-only ones in requests, and so on)."""

    def required(
        validator: Validator, names: Any, instance: Any, schema: Mapping[str, Any]
    ) -> Iterator[ValidationError]:
        if not validator.is_type(instance, "object"):
            return
        properties = schema.get("properties", {})
        for name in names:
            if name not in instance and not properties.get(name, {}).get(flag):
                yield ValidationError(f"{name!r} is a required property")

    return required


_REQUEST_VALIDATOR = extend(
    Draft202012Validator,
    validators={
        "readOnly": _forbidden_flag("readOnly", "is read-only: it must not be sent in a request"),
        "required": _required_except("readOnly"),
    },
    type_checker=_TYPE_CHECKER,
)
_RESPONSE_VALIDATOR = extend(
    Draft202012Validator,
    validators={
        "writeOnly": _forbidden_flag("writeOnly", "is write-only: it must not be returned in a response"),
        "required": _required_except("writeOnly"),
    },
    type_checker=_TYPE_CHECKER,
)


class SchemaChecker:
    """Validates instances against schemas addressed by JSON pointer inside one spec document.

    The whole document is registered under ``base_uri``; validating ``{"$ref": base_uri#pointer}`` lets
    the spec's own ``#/components/...`` references resolve without copying schemas around.
    """

    def __init__(self, document: Mapping[str, Any], base_uri: str) -> None:
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(base_uri, resource)
        self._base_uri = base_uri
        self._format_checker = format_checker()
        self._validators: dict[tuple[str, Direction], Validator] = {}

    def problems(self, instance: Any, pointer: str, direction: Direction, where: str) -> list[str]:
        """Every violation of the schema at ``pointer``, each described as ``"<where> <json path>: ..."``."""
        validator = self._validator(pointer, direction)
        return _describe_all(validator.iter_errors(instance), where)

    def schema_problems(self, instance: Any, schema: Mapping[str, Any], where: str) -> list[str]:
        """Violations of an ad-hoc schema that may ``$ref`` into the document by absolute URI."""
        validator = _RESPONSE_VALIDATOR(schema, registry=self._registry, format_checker=self._format_checker)
        return _describe_all(validator.iter_errors(instance), where)

    def reference(self, pointer: str) -> dict[str, str]:
        return {"$ref": f"{self._base_uri}#{pointer}"}

    def _validator(self, pointer: str, direction: Direction) -> Validator:
        key = (pointer, direction)
        if key not in self._validators:
            cls = _REQUEST_VALIDATOR if direction == "request" else _RESPONSE_VALIDATOR
            self._validators[key] = cls(
                self.reference(pointer), registry=self._registry, format_checker=self._format_checker
            )
        return self._validators[key]


def _leaf_errors(error: ValidationError) -> list[ValidationError]:
    """The errors that say what is wrong, instead of "not valid under any of the given schemas".

    Every nullable reference in the Severa spec is ``anyOf: [{$ref}, {type: null}]``: when a non-null
    value fails, the null branch's complaint is noise and the reference branch holds the real errors.
    """
    if not error.context:
        return [error]
    relevant = [
        branch_error
        for branch_error in error.context
        if not (branch_error.validator == "type" and branch_error.validator_value == "null")
    ]
    branches = {branch_error.relative_schema_path[0] for branch_error in relevant}
    if len(branches) != 1:
        best = best_match(relevant or error.context)
        return [best] if best is not None else [error]
    return [leaf for branch_error in relevant for leaf in _leaf_errors(branch_error)]


def _describe_all(errors: Iterable[ValidationError], where: str) -> list[str]:
    leaves = [leaf for error in errors for leaf in _leaf_errors(error)]
    leaves.sort(key=lambda leaf: (leaf.json_path, leaf.message))
    return list(dict.fromkeys(_describe(leaf, where) for leaf in leaves))


def _describe(error: ValidationError, where: str) -> str:
    message = error.message
    if len(message) > _MESSAGE_LIMIT:
        message = message[: _MESSAGE_LIMIT - 1] + "…"
    return f"{where} {error.json_path}: {message}"
