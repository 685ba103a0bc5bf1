"""Create-once: the write protocol of ARCHITECTURE.md for one object.

1. intent first (committed), 2. reconcile before (re)sending when an earlier attempt may have landed,
3. send once (a POST is never blindly retried), 4. link and close in one commit. Step 5, the cursor, is the
category's job. Neither API has idempotency keys; this is brygga's replacement for them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from brygga.errors import ApiError
from brygga.store import Link, ProtocolStore

__all__ = ["CreateResult", "create_once"]

RemoteT = TypeVar("RemoteT")


@dataclass(frozen=True)
class CreateResult(Generic[RemoteT]):
    remote: RemoteT
    created: bool  # False: an earlier attempt had landed and was adopted


async def create_once(
    store: ProtocolStore,
    *,
    category: str,
    target: str,
    source_id: str,
    natural_key: str,
    payload_hash: str,
    lookup: Callable[[], Awaitable[RemoteT | None]],
    send: Callable[[], Awaitable[RemoteT]],
    link_for: Callable[[RemoteT], Link],
) -> CreateResult[RemoteT]:
    pending = store.pending_intent(category, target, source_id, "create")
    if pending is not None:
        # An earlier attempt died between sending and committing: look before sending again.
        found = await lookup()
        if found is not None:
            store.link_and_close(pending.id, link_for(found))
            return CreateResult(found, created=False)
    intent = await store.open_intent_grouped(category, target, source_id, "create", natural_key, payload_hash)
    try:
        remote = await send()
    except ApiError as exc:
        if not exc.outcome_unknown:
            # A definite refusal: nothing was created, so the next attempt need not reconcile.
            store.close_intent(intent.id, "failed")
        raise
    store.link_and_close(intent.id, link_for(remote))
    return CreateResult(remote, created=True)
