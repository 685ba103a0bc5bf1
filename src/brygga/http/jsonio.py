"""JSON in and out of the APIs with ``Decimal`` for every number that has a fraction.

The standard ``json`` module (and httpx's ``json=``) would turn ``12.30`` into a float and lose
money precision, so both clients read and write bodies only through these two functions.
"""

from __future__ import annotations

from typing import Any

import simplejson

__all__ = ["dumps", "loads"]


def dumps(obj: Any) -> bytes:
    """Serialise ``obj`` to UTF-8 JSON; ``Decimal`` values are written exactly, not as floats."""
    text: str = simplejson.dumps(obj, use_decimal=True, ensure_ascii=False)
    return text.encode("utf-8")


def loads(data: bytes | str) -> Any:
    """Parse JSON text; numbers with a fraction or exponent become ``Decimal``, whole numbers ``int``."""
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    return simplejson.loads(data, use_decimal=True)
