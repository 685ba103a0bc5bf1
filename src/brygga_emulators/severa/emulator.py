"""``build_emulator``: one store per organisation filled with one of the data sets, the faults and the app on top.

With ``companies=N`` the emulator serves N organisations, each with its own data, reached by its own demo
client credentials (``brygga-demo-client`` / ``brygga-demo-secret`` for the first, ``brygga-demo-client-n`` /
``brygga-demo-secret-n`` for organisation n, see ``organisations``).
"""

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
from .organisations import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, demo_client
from .organization_data import seed_organization
from .reference_data import seed_reference
from .store import SeveraStore
from .wire import Clock

__all__ = ["DEMO_CLIENT_ID", "DEMO_CLIENT_SECRET", "Emulator", "build_emulator"]


@dataclass
class Emulator:
    app: ASGIApp
    store: SeveraStore  # organisation 1's
    faults: Faults = field(default_factory=Faults)
    organisations: list[SeveraStore] = field(default_factory=list)

    def organisation_store(self, organisation: int) -> SeveraStore:
        """Organisation ``organisation``'s data (1-based), as a test or benchmark inspects it."""
        if not 1 <= organisation <= len(self.organisations):
            raise KeyError(f"the emulator has no organisation {organisation}")
        return self.organisations[organisation - 1]

    def close(self) -> None:
        for store in self.organisations or [self.store]:
            store.close()


def build_emulator(
    data: str = "demo",
    db: str | None = None,
    config: FaultConfig | None = None,
    clock: Clock | None = None,
    companies: int = 1,
) -> Emulator:
    """``data`` is ``"demo"``, ``"empty"`` or ``"bulk:N"``, and each of the ``companies`` organisations gets
    it. With ``db``, the stores are written through to that SQLite file, and an organisation that already
    holds data there is reused as it is (no re-seeding); every organisation the file holds is served."""
    if companies < 1:
        raise ValueError(f"companies must be at least 1, not {companies}")
    seed = _seeder(data)
    first = SeveraStore(db, _api_clients(data, 1))
    count = max(companies, *first.stored_organisations())
    stores = [first, *(SeveraStore(db, _api_clients(data, n), n) for n in range(2, count + 1))]
    for store in stores:
        if store.is_empty():
            with store.batch():
                seed(store)
    faults = Faults(config=config or FaultConfig())
    if clock is not None:
        # One notion of time: a test that moves the clock also moves the rate-limit window.
        faults = Faults(config=faults.config, clock=lambda: clock().timestamp())
    app = create_app(first, faults, clock, stores)
    return Emulator(app=app, store=first, faults=faults, organisations=stores)


def _api_clients(data: str, organisation: int) -> dict[str, str] | None:
    if data == "empty":
        return None
    client_id, secret = demo_client(organisation)
    return {client_id: secret}


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
