"""Disconnecting a system: its connection row (client secret and tokens) is deleted.

The protocol (links between the systems' objects) stays, so reconnecting the same company later goes on
where it left off; rule X4 stops a run when the eEkonomi company has changed.
"""

from __future__ import annotations

from brygga.store import Store

__all__ = ["SYSTEMS", "delete_connection"]

SYSTEMS = ("eekonomi", "severa")


def delete_connection(store: Store, system: str) -> bool:
    """Delete ``system``'s connection; ``False`` when there was none."""
    return store.connections.delete(system)
