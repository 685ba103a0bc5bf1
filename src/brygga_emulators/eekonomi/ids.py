"""Deterministic GUIDs, so demo data and generated references are the same on every run."""

from __future__ import annotations

import uuid

__all__ = ["stable_id"]

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://brygga.invalid/emulators/eekonomi")


def stable_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))
