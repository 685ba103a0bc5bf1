"""Which fields of an object a transfer changed, old -> new, as a person reads them (the object history).

On the lowest floor: the engine computes the changes, the store keeps them as JSON text on the run item
(``run_item.changes``) and the CLI and the web page show them. Values are text (names, addresses, prices); an
object is compared with itself as the same system saw it before and after the write, so that only what really
changed there is listed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, is_dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

__all__ = ["FieldChange", "changes_from_json", "changes_to_json", "diff_objects"]

# A value longer than this is cut in the history: it is read, not restored from.
_MAX_VALUE = 200


@dataclass(frozen=True)
class FieldChange:
    field: str  # a dotted path in the canonical object: "name", "address.line1", "contact.email"
    old: str | None
    new: str | None


def diff_objects(old: object, new: object, *, skip: frozenset[str] = frozenset()) -> tuple[FieldChange, ...]:
    """The fields of two canonical objects (dataclasses) that differ, in field order; None and "" are the same."""
    before, after = _flatten(old), _flatten(new)
    found = []
    for path in list(before) + [p for p in after if p not in before]:
        if path in skip:
            continue
        old_text, new_text = before.get(path), after.get(path)
        if old_text != new_text:
            found.append(FieldChange(path, old_text, new_text))
    return tuple(found)


def changes_to_json(changes: tuple[FieldChange, ...] | list[FieldChange]) -> str | None:
    if not changes:
        return None
    return json.dumps([{"field": c.field, "old": c.old, "new": c.new} for c in changes], ensure_ascii=False)


def changes_from_json(text: str | None) -> tuple[FieldChange, ...]:
    """What ``changes_to_json`` wrote; anything unreadable is no change rather than an error on a history page."""
    if not text:
        return ()
    try:
        data = json.loads(text)
    except ValueError:
        return ()
    if not isinstance(data, list):
        return ()
    return tuple(
        FieldChange(str(entry.get("field", "")), _opt(entry.get("old")), _opt(entry.get("new")))
        for entry in data
        if isinstance(entry, dict)
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _flatten(value: object, prefix: str = "") -> dict[str, str | None]:
    if value is None:
        return {}
    if is_dataclass(value) and not isinstance(value, type):
        result: dict[str, str | None] = {}
        for item in fields(value):
            path = f"{prefix}{item.name}"
            inner = getattr(value, item.name)
            if is_dataclass(inner) and not isinstance(inner, type):
                result.update(_flatten(inner, f"{path}."))
            else:
                result[path] = _text(inner)
        return result
    return {prefix.rstrip(".") or "value": _text(value)}


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"  # said as ja/nej or yes/no when shown
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, tuple | list):
        return f"{len(value)} st"
    text = str(value)
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"
