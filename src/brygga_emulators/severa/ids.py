"""Deterministic GUIDs, so every run of a data set hands out the same identifiers."""

from __future__ import annotations

import uuid

__all__ = ["stable_guid"]

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://brygga.invalid/emulators/severa")


def stable_guid(kind: str, key: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))
