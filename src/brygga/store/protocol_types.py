"""The write protocol's values: a link, an intent, a refused link, and which creates a link settles."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from brygga.errors import StateError

__all__ = ["Intent", "Link", "LinkClash", "OpenRequest", "clash_error", "closed_by"]


@dataclass(frozen=True)
class Link:
    category: str
    pm_id: str
    eek_id: str
    pm_hash: str | None
    eek_hash: str | None


@dataclass(frozen=True)
class Intent:
    id: int
    category: str
    target: str
    source_id: str
    op: str
    natural_key: str
    payload_hash: str
    state: str
    attempts: int


@dataclass(frozen=True)
class LinkClash:
    """A link not written: its eEkonomi object is linked to another PM object already."""

    link: Link
    error: StateError


def clash_error(link: Link, other_pm_id: str) -> StateError:
    return StateError(
        f"{link.category}: eEkonomi-objektet {link.eek_id} är redan kopplat till {other_pm_id} i Visma PM"
    )


OpenRequest = tuple[tuple[str, str, str, str], str, str, "asyncio.Future[Intent]"]


def closed_by(key: tuple[str, str, str], link: Link) -> bool:
    target, source_id, op = key
    return op == "create" and (
        (target == "eekonomi" and source_id == link.pm_id) or (target == "pm" and source_id == link.eek_id)
    )
