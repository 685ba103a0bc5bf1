"""What every route of one company's app shares: the company's data, the fault switches and the clock,
and beside them the identity server's store and the directory of all companies (for the picker)."""

from __future__ import annotations

from dataclasses import dataclass

from brygga_emulators.faults import Faults

from .clock import Clock
from .companies import CompanyDirectory
from .store import EekStore

__all__ = ["EmulatorContext"]


@dataclass(frozen=True)
class EmulatorContext:
    store: EekStore  # the company this app serves
    faults: Faults
    clock: Clock
    companies: CompanyDirectory
    company: str  # its number, as grants name it

    @property
    def identity(self) -> EekStore:
        """Where the identity server keeps clients, codes and tokens: company 1's store."""
        return self.companies.first.store
