"""Find, load and normalise the two official API specs for validation.

The specs live outside the repository (``BRYGGA_SPEC_DIR``, default ``../shared/reference`` relative to
the repository root); only tests read them. Both documents end up as JSON Schema Draft 2020-12 so one
validator engine serves both:

- eEkonomi's spec is OpenAPI 3.1, whose schemas already are 2020-12: used as loaded.
- Severa's spec is OpenAPI 3.0: ``nullable: true`` is rewritten into a null-allowing ``type``/``enum``,
  and a ``$ref`` with ``nullable`` siblings becomes ``anyOf: [{$ref}, {type: null}]`` (in 3.0 siblings of
  ``$ref`` are ignored, so the generator's intent "this reference may be null" would otherwise be lost).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

__all__ = ["SpecDocument", "eekonomi_spec", "severa_spec", "spec_dir"]

SpecDocument = dict[str, Any]

_REPO_ROOT = Path(__file__).resolve().parents[2]
EEKONOMI_SPEC_FILE = "eaccounting-v2.openapi.json"
SEVERA_SPEC_FILE = "severa-rest-v1.openapi.yaml"


def spec_dir() -> Path:
    """The folder holding the official specs: ``$BRYGGA_SPEC_DIR`` or ``<repo>/../shared/reference``."""
    configured = os.environ.get("BRYGGA_SPEC_DIR")
    if configured:
        return Path(configured).expanduser().resolve()
    return (_REPO_ROOT / ".." / "shared" / "reference").resolve()


@functools.cache
def eekonomi_spec() -> SpecDocument:
    """The eAccounting v2 spec (OpenAPI 3.1), parsed once per process."""
    with (spec_dir() / EEKONOMI_SPEC_FILE).open(encoding="utf-8") as handle:
        document: SpecDocument = json.load(handle)
    return document


@functools.cache
def severa_spec() -> SpecDocument:
    """The Severa REST v1 spec, translated from OpenAPI 3.0 to 2020-12 schemas, parsed once per process.

    The YAML is about 1 MB: the C loader reads it in well under a second, the pure-Python one in ~10 s.
    """
    with (spec_dir() / SEVERA_SPEC_FILE).open(encoding="utf-8") as handle:
        raw = yaml.load(handle, Loader=yaml.CSafeLoader)
    document: SpecDocument = translate_openapi30(raw)
    _apply_severa_corrections(document)
    return document


def translate_openapi30(node: Any) -> Any:
    """Return a copy of an OpenAPI 3.0 document (or schema) with ``nullable`` expressed in 2020-12 terms."""
    if isinstance(node, list):
        return [translate_openapi30(item) for item in node]
    if not isinstance(node, dict):
        return node
    translated = {key: translate_openapi30(value) for key, value in node.items()}
    if translated.pop("nullable", False) is not True:
        return translated
    return _allow_null(translated)


def _allow_null(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        reference = schema.pop("$ref")
        schema["anyOf"] = [{"$ref": reference}, {"type": "null"}]
        return schema
    declared = schema.get("type")
    if isinstance(declared, str):
        schema["type"] = [declared, "null"]
    elif isinstance(declared, list) and "null" not in declared:
        schema["type"] = [*declared, "null"]
    if isinstance(schema.get("enum"), list) and None not in schema["enum"]:
        schema["enum"] = [*schema["enum"], None]
    return schema


def _any_json_value(schema: dict[str, Any]) -> None:
    """Replace a property schema with one that accepts every JSON value."""
    schema.clear()


def _list_of_itself(schema: dict[str, Any]) -> None:
    """Turn a single-object schema into an array of that object."""
    item = dict(schema)
    schema.clear()
    schema.update({"type": "array", "items": item})


# Places where the Severa spec contradicts Severa's own documentation, so validating against the letter
# of the spec would flag correct traffic. Each entry names its source; keep this list short.
_SEVERA_CORRECTIONS: tuple[tuple[str, Callable[[dict[str, Any]], None], str], ...] = (
    (
        "/components/schemas/PatchOperation/properties/value",
        _any_json_value,
        # severa-fit.md §3.3/G14: the spec types JSON-Patch `value` as string, but replacing a boolean,
        # number or reference needs a JSON value of that type.
        "PatchOperation.value carries any JSON value",
    ),
    (
        "/paths/~1v1~1pricelistversions~1{pricelistVersionGuid}~1workhourprices/get/responses/200/content/"
        "application~1json/schema",
        _list_of_itself,
        # The route pages with pageToken/NextPageToken, i.e. returns a list, and its siblings travelprices and
        # productprices declare arrays; the single WorkHourPriceOutputModel is a slip of the spec's generator.
        "workhourprices answers a list of WorkHourPriceOutputModel",
    ),
)


def _apply_severa_corrections(document: SpecDocument) -> None:
    for pointer, correct, _reason in _SEVERA_CORRECTIONS:
        correct(resolve_pointer(document, pointer))


def resolve_pointer(document: Any, pointer: str) -> Any:
    """Follow a JSON pointer such as ``/paths/~1customers/get`` inside ``document``."""
    node = document
    for token in pointer.lstrip("/").split("/") if pointer.strip("/") else []:
        key = token.replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")
