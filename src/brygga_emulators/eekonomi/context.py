"""What every route of one emulator instance shares: the data, the fault switches and the clock."""

from __future__ import annotations

from dataclasses import dataclass

from brygga_emulators.faults import Faults

from .clock import Clock
from .store import EekStore

__all__ = ["EmulatorContext"]


@dataclass(frozen=True)
class EmulatorContext:
    store: EekStore
    faults: Faults
    clock: Clock
