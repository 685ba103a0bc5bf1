"""Deterministic GUIDs, so every run of a data set hands out the same identifiers."""

from __future__ import annotations

import hashlib
import uuid

__all__ = ["stable_guid"]

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://brygga.invalid/emulators/severa")
_NAMESPACE_BYTES = _NAMESPACE.bytes
# The RFC 4122 variant digit uuid.UUID(bytes=…, version=5) makes of the hash's 17th hex digit.
_VARIANT = {digit: format(int(digit, 16) & 3 | 8, "x") for digit in "0123456789abcdef"}


def stable_guid(kind: str, key: object) -> str:
    """``str(uuid.uuid5(namespace, f"{kind}:{key}"))``, computed without building UUID objects: a ``bulk:100000``
    data set makes more than a million of them."""
    digest = hashlib.sha1(_NAMESPACE_BYTES + f"{kind}:{key}".encode(), usedforsecurity=False).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-5{digest[13:16]}-{_VARIANT[digest[16]]}{digest[17:20]}-{digest[20:32]}"
