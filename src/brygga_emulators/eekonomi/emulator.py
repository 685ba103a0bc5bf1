"""``build_emulator``: one ready-to-serve eEkonomi emulator (stores + faults + app), for one company or many."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from brygga_emulators.faults import ASGIApp, DropResponseMiddleware, FaultConfig, Faults

from .app import create_app
from .clock import Clock, system_clock
from .companies import Company, CompanyDirectory
from .company_identity import company_identity
from .demo_data import parse_data_set, seed
from .store import EekStore

__all__ = ["Emulator", "build_emulator"]


@dataclass
class Emulator:
    app: ASGIApp  # wrapped in DropResponseMiddleware
    store: EekStore  # company 1's, which also holds the identity server's data
    faults: Faults
    companies: CompanyDirectory

    def company_store(self, company: int) -> EekStore:
        """Company ``company``'s data (1-based), as a test or benchmark inspects it."""
        found = self.companies.get(str(company))
        if found is None:
            raise KeyError(f"the emulator has no company {company}")
        return found.store

    def close(self) -> None:
        """Release the SQLite file (if any); the app must not serve afterwards."""
        for company in reversed(self.companies.all()):
            company.store.close()


def build_emulator(
    data: str = "demo",
    db: str | None = None,
    config: FaultConfig | None = None,
    clock: Clock | None = None,
    companies: int = 1,
    rate_clock: Callable[[], float] | None = None,
) -> Emulator:
    """``data`` is ``demo``, ``empty``, ``bulk:N`` or ``filled:N``, and every one of the ``companies`` gets it
    (company 1 is "Demo Konsult AB (sandbox)", see ``company_identity`` for the others). With ``db`` (a SQLite file) the
    data survives a restart: a company that already holds data there is used as it is instead of being
    seeded again, and every company the file holds is served even when ``companies`` is smaller. ``rate_clock``
    (seconds, default ``time.monotonic``) is what the rate limit's one-minute window is counted by: a test's fake
    clock lets a minute pass without waiting it."""
    if companies < 1:
        raise ValueError(f"companies must be at least 1, not {companies}")
    data_set = parse_data_set(data)
    first = EekStore(db)
    count = max(companies, *first.stored_companies())
    stores = [first, *(first.sibling(number) for number in range(2, count + 1))]
    for number, store in enumerate(stores, start=1):
        if store.is_blank():
            with store.batch():
                seed(store, data_set, clock or system_clock, company_identity(number))
    directory = CompanyDirectory([Company(number, store) for number, store in enumerate(stores, start=1)])
    faults = Faults(config=config or FaultConfig(), clock=rate_clock or time.monotonic)
    app = DropResponseMiddleware(create_app(first, faults, clock, directory), faults)
    return Emulator(app=app, store=first, faults=faults, companies=directory)
