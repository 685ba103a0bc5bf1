"""Everything one category transfer needs, built by the CLI (or a worker) and passed in explicitly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Protocol

from brygga.eekonomi import CompanySettings, EEkonomiClient
from brygga.severa.client import SeveraClient
from brygga.store import Store
from brygga.transfer.options import TransferOptions

__all__ = ["NullProgress", "Progress", "TransferContext"]


class Progress(Protocol):
    """Where long work reports how far it has come (a Rich progress bar in the CLI, the web page's bar)."""

    def category(self, name: str) -> None:
        """A category begins: it reads both systems and plans before ``start`` tells how many it will write."""

    def start(self, label: str, total: int) -> None: ...

    def advance(self, steps: int = 1) -> None: ...


class NullProgress:
    def category(self, name: str) -> None:
        return None

    def start(self, label: str, total: int) -> None:
        return None

    def advance(self, steps: int = 1) -> None:
        return None


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class TransferContext:
    eek: EEkonomiClient
    pm: SeveraClient
    store: Store
    options: TransferOptions
    dry_run: bool = False
    concurrency: int = 8
    progress: Progress = field(default_factory=NullProgress)
    clock: Callable[[], datetime] = _utc_now
    eek_company: CompanySettings | None = None  # read once per run (rule X4 check), reused by the categories
    supplier_period: tuple[date, date] | None = None  # a period given on the command line overrides S7
    failed_only: bool = False  # retry only the objects that failed in each category's latest run
