"""``build_emulator``: a store filled with one of the data sets, its faults and the app on top."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from brygga_emulators.faults import ASGIApp, FaultConfig, Faults

from .app import create_app
from .bulk_data import seed_bulk
from .demo_catalog import seed_demo_catalog
from .demo_data import seed_demo
from .demo_invoices import seed_demo_invoices
from .demo_projects import seed_demo_projects
from .invoice_builders import seed_invoice_statuses
from .organization_data import seed_organization
from .reference_data import seed_reference
from .store import SeveraStore
from .wire import Clock

__all__ = ["DEMO_CLIENT_ID", "DEMO_CLIENT_SECRET", "Emulator", "build_emulator"]

DEMO_CLIENT_ID = "brygga-demo-client"
DEMO_CLIENT_SECRET = "brygga-demo-secret"  # noqa: S105 - a published demo credential, not a secret


@dataclass
class Emulator:
    app: ASGIApp
    store: SeveraStore
    faults: Faults = field(default_factory=Faults)


def build_emulator(
    data: str = "demo", db: str | None = None, config: FaultConfig | None = None, clock: Clock | None = None
) -> Emulator:
    """``data`` is ``"demo"``, ``"empty"`` or ``"bulk:N"``. With ``db``, the store is written through to
    that SQLite file, and a file that already holds data is reused as it is (no re-seeding)."""
    seed = _seeder(data)
    api_clients = None if data == "empty" else {DEMO_CLIENT_ID: DEMO_CLIENT_SECRET}
    store = SeveraStore(db, api_clients)
    if store.is_empty():
        with store.batch():
            seed(store)
    faults = Faults(config=config or FaultConfig())
    if clock is not None:
        # One notion of time: a test that moves the clock also moves the rate-limit window.
        faults = Faults(config=faults.config, clock=lambda: clock().timestamp())
    return Emulator(app=create_app(store, faults, clock), store=store, faults=faults)


def _seeder(data: str) -> Callable[[SeveraStore], None]:
    if data == "empty":

        def empty(store: SeveraStore) -> None:
            seed_reference(store, {"SEK": True, "EUR": True})
            seed_organization(store)
            seed_invoice_statuses(store)

        return empty
    if data == "demo":

        def demo(store: SeveraStore) -> None:
            seed_reference(store, {"SEK": True, "EUR": True, "NOK": False})
            seed_organization(store)
            seed_demo_catalog(store)
            seed_demo(store)
            seed_demo_projects(store)
            seed_invoice_statuses(store)
            seed_demo_invoices(store)

        return demo
    kind, _, count = data.partition(":")
    if kind == "bulk" and count.isdigit():

        def bulk(store: SeveraStore) -> None:
            seed_reference(store, {"SEK": True, "EUR": True})
            seed_organization(store)
            seed_invoice_statuses(store)
            seed_bulk(store, int(count))

        return bulk
    raise ValueError(f"unknown data set {data!r}: use 'demo', 'empty' or 'bulk:N'")
