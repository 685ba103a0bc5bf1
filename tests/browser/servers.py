"""brygga and both demo emulators served for real on loopback ports, for a browser to talk to."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet

from brygga.config import Settings
from brygga.store import Store, open_store
from brygga.web import create_app
from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as pm_emulator
from brygga_emulators.faults import FaultConfig
from brygga_emulators.server import EmulatorServer

__all__ = ["Emulators", "RunningBrygga", "start_brygga", "start_emulators"]


@dataclass
class Emulators:
    eek: EmulatorServer
    pm: EmulatorServer

    @property
    def eek_url(self) -> str:
        return self.eek.base_url

    @property
    def pm_url(self) -> str:
        return self.pm.base_url

    def stop(self) -> None:
        self.eek.stop()
        self.pm.stop()


def start_emulators() -> Emulators:
    # eEkonomi's real limit; the demo transfers stay far below it, so nothing waits for a window to free up.
    eek = EmulatorServer(eek_emulator.build_emulator("demo", config=FaultConfig(rate_limit_per_minute=600)).app)
    pm = EmulatorServer(pm_emulator.build_emulator("demo").app)
    eek.start()
    pm.start()
    return Emulators(eek, pm)


@dataclass
class RunningBrygga:
    """One brygga app on a loopback port, and what the tests have already brought it to.

    The ``done`` marks are set only after a step succeeded, so a step that failed is tried again by the next
    test that needs it.
    """

    server: EmulatorServer
    stores: list[Store]
    done: set[str] = field(default_factory=set)

    @property
    def url(self) -> str:
        return self.server.base_url

    def stop(self) -> None:
        # The server runs without its lifespan, so the store the app opened is closed here.
        self.server.stop()
        for store in self.stores:
            store.db.dispose()


def start_brygga(data_dir: Path) -> RunningBrygga:
    settings = Settings(data_dir=data_dir, db=str(data_dir / "web.sqlite3"), secret_key=Fernet.generate_key().decode())
    stores: list[Store] = []

    def open_and_remember(chosen: Settings) -> Store:
        store = open_store(chosen)
        stores.append(store)
        return store

    server = EmulatorServer(create_app(open_and_remember, settings))
    server.start()
    return RunningBrygga(server, stores)
