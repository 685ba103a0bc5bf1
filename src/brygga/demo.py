"""``brygga demo``: both emulators in-process with demo data, both connections made, every transfer run twice.

The second run shows the incremental promise: nothing changed, so nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from brygga.config import Settings
from brygga.connections import connect_eekonomi, connect_severa
from brygga.progress import RichProgress
from brygga.session import TransferSession, write_calls
from brygga.store import open_store
from brygga.transfer.report import RunReport
from brygga.transfer.runner import CATEGORIES
from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as severa_emulator
from brygga_emulators.faults import FaultConfig
from brygga_emulators.server import EmulatorServer

__all__ = ["DemoResult", "run_demo"]


@dataclass
class DemoResult:
    first: RunReport
    second: RunReport
    second_write_calls: int
    company: str
    eekonomi_url: str
    severa_url: str

    def to_json(self, lang: str) -> dict[str, Any]:
        data = self.first.to_json(lang)
        data["rerun"] = {**self.second.to_json(lang), "write_calls": self.second_write_calls}
        data["emulators"] = {"eekonomi": self.eekonomi_url, "severa": self.severa_url}
        return data


async def run_demo(settings: Settings, *, progress: RichProgress | None = None) -> DemoResult:
    db_file = settings.data_dir / "demo.sqlite3"
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    for leftover in settings.data_dir.glob("demo.sqlite3*"):
        leftover.unlink()  # a demo starts from scratch, like the emulators it talks to
    eek = eek_emulator.build_emulator("demo", config=FaultConfig(rate_limit_per_minute=600))
    pm = severa_emulator.build_emulator("demo")
    with EmulatorServer(eek.app) as eek_server, EmulatorServer(pm.app) as pm_server:
        store = open_store(settings, url=f"sqlite:///{db_file}")
        company = await connect_eekonomi(
            store,
            settings,
            api_url=f"{eek_server.base_url}/v2",
            auth_url=eek_server.base_url,
            client_id=eek_emulator.DEMO_CLIENT_ID,
            client_secret=eek_emulator.DEMO_CLIENT_SECRET,
        )
        await connect_severa(
            store,
            api_url=pm_server.base_url,
            client_id=severa_emulator.DEMO_CLIENT_ID,
            client_secret=severa_emulator.DEMO_CLIENT_SECRET,
        )
        # The demo company keeps PM projects in its cost center "Projekt" (rule S3); a real setup chooses it.
        store.settings.set_many({"project_cost_center": "Projekt"})
        session = TransferSession(store, settings)
        try:
            first = await session.run(list(CATEGORIES), progress=progress)
            before = write_calls(session.calls())
            second = await session.run(list(CATEGORIES), progress=progress)
            second_writes = write_calls(session.calls()) - before
        finally:
            await session.aclose()
            store.db.dispose()
        return DemoResult(first, second, second_writes, company, eek_server.base_url, pm_server.base_url)
