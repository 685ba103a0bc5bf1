"""One transfer session: clients from the store's connections, the context, and the run."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date

import httpx

from brygga.alerts.hook import after_run
from brygga.config import Settings
from brygga.connections import Sleep, eekonomi_client, severa_client
from brygga.errors import BryggaError
from brygga.store import Store
from brygga.transfer.context import NullProgress, Progress, TransferContext
from brygga.transfer.options import TransferOptions
from brygga.transfer.report import RunReport
from brygga.transfer.runner import run_transfers

__all__ = ["WRITE_METHODS", "TransferSession", "write_calls"]

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def write_calls(counts: dict[str, int]) -> int:
    return sum(n for key, n in counts.items() if key.split(" ", 1)[0] in WRITE_METHODS)


class TransferSession:
    """Owns the two API clients for one or more runs; ``calls`` tells what each run cost."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.store = store
        self.settings = settings
        self.eek = eekonomi_client(store, settings, transport=transport, sleep=sleep)
        self.pm = severa_client(store, settings, transport=transport, sleep=sleep)

    async def run(
        self,
        categories: Sequence[str],
        *,
        dry_run: bool = False,
        progress: Progress | None = None,
        supplier_period: tuple[date, date] | None = None,
        failed_only: bool = False,
    ) -> RunReport:
        ctx = TransferContext(
            eek=self.eek,
            pm=self.pm,
            store=self.store,
            options=TransferOptions.from_store(self.store.settings.all()),
            dry_run=dry_run,
            concurrency=self.settings.concurrency,
            progress=progress or NullProgress(),
            supplier_period=supplier_period,
            failed_only=failed_only,
        )
        try:
            report = await run_transfers(ctx, list(categories))
        except BryggaError as exc:  # stopped before its categories (X4, a refused login): alerts say so
            if not dry_run:
                await after_run(self.store, self.settings, list(categories), error=exc)
            raise
        if not dry_run:  # alerts with recovery (brygga.alerts); never raises, never fails the run
            await after_run(self.store, self.settings, list(categories), report=report)
        return report

    def calls(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for system, client in (("eekonomi", self.eek), ("severa", self.pm)):
            for key, n in client.calls_by_endpoint.items():
                counts[f"{key} [{system}]"] = n
        return counts

    async def aclose(self) -> None:
        await self.eek.aclose()
        await self.pm.aclose()
