"""``build_emulator``: one ready-to-serve eEkonomi emulator (store + faults + app)."""

from __future__ import annotations

from dataclasses import dataclass

from brygga_emulators.faults import ASGIApp, DropResponseMiddleware, FaultConfig, Faults

from .app import create_app
from .clock import Clock, system_clock
from .demo_data import parse_data_set, seed
from .store import EekStore

__all__ = ["Emulator", "build_emulator"]


@dataclass
class Emulator:
    app: ASGIApp  # wrapped in DropResponseMiddleware
    store: EekStore
    faults: Faults

    def close(self) -> None:
        """Release the SQLite file (if any); the app must not serve afterwards."""
        self.store.close()


def build_emulator(
    data: str = "demo",
    db: str | None = None,
    config: FaultConfig | None = None,
    clock: Clock | None = None,
) -> Emulator:
    """``data`` is ``demo``, ``empty`` or ``bulk:N``; with ``db`` (a SQLite file) the data survives a
    restart, and a database that already holds data is used as it is instead of being seeded again."""
    data_set = parse_data_set(data)
    store = EekStore(db)
    if store.is_blank():
        seed(store, data_set, clock or system_clock)
    faults = Faults(config=config or FaultConfig())
    app = DropResponseMiddleware(create_app(store, faults, clock), faults)
    return Emulator(app=app, store=store, faults=faults)
