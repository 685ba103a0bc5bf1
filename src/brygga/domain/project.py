"""The canonical project: what becomes an eEkonomi cost center item ("Resultatenhet", rules P1, P2)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

__all__ = ["Project"]


@dataclass(frozen=True)
class Project:
    number: str | None
    name: str
    is_active: bool = True  # open in PM

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}".strip() if self.number else self.name

    def fingerprint(self) -> str:
        return hashlib.sha256(f"{self.number}\x1f{self.name}\x1f{self.is_active}".encode()).hexdigest()
