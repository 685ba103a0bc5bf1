"""The organisations one Severa emulator serves, and the demo client credentials that reach each of them.

Organisation 1 is reached, as always, with ``brygga-demo-client`` / ``brygga-demo-secret``; organisation
``n`` (2, 3, …) with ``brygga-demo-client-n`` / ``brygga-demo-secret-n``. With the ``empty`` data set any
credentials are accepted: ``brygga-demo-client-n`` still picks organisation ``n``, any other id gets 1.
"""

from __future__ import annotations

__all__ = ["DEMO_CLIENT_ID", "DEMO_CLIENT_SECRET", "demo_client", "organisation_of_client"]

DEMO_CLIENT_ID = "brygga-demo-client"
DEMO_CLIENT_SECRET = "brygga-demo-secret"  # noqa: S105 - a published demo credential, not a secret


def demo_client(organisation: int) -> tuple[str, str]:
    """(client id, client secret) of organisation ``organisation`` (1-based)."""
    if organisation < 1:
        raise ValueError(f"organisations are numbered from 1, not {organisation}")
    if organisation == 1:
        return DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
    return f"{DEMO_CLIENT_ID}-{organisation}", f"{DEMO_CLIENT_SECRET}-{organisation}"


def organisation_of_client(client_id: str) -> int | None:
    """The organisation a demo client id names, or None for any other id."""
    if client_id == DEMO_CLIENT_ID:
        return 1
    prefix = f"{DEMO_CLIENT_ID}-"
    suffix = client_id[len(prefix) :] if client_id.startswith(prefix) else ""
    if suffix.isdigit() and suffix == str(int(suffix)) and int(suffix) >= 2:
        return int(suffix)
    return None
