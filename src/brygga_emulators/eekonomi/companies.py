"""The companies one emulator serves, each with its own EekStore.

Company 1 comes first: it is the default of every grant that names no company, and its store also holds
the identity server's data (clients, codes, tokens), as Visma's identity server stands beside the companies.
A company is named by its number (``1``, ``2``, …) or by its organisation number, with or without the dash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .store import EekStore

__all__ = ["Company", "CompanyDirectory"]


@dataclass(frozen=True)
class Company:
    number: int
    store: EekStore

    @property
    def key(self) -> str:
        return str(self.number)

    def _settings(self) -> dict[str, object]:
        return self.store.settings.get("company") or {}

    @property
    def name(self) -> str:
        return str(self._settings().get("Name") or f"Company {self.number}")

    @property
    def org_number(self) -> str:
        return str(self._settings().get("CorporateIdentityNumber") or "")


class CompanyDirectory:
    def __init__(self, companies: Sequence[Company]) -> None:
        if not companies:
            raise ValueError("an emulator serves at least one company")
        self._companies = list(companies)
        self._by_key = {company.key: company for company in self._companies}

    @property
    def first(self) -> Company:
        return self._companies[0]

    def all(self) -> list[Company]:
        return list(self._companies)

    def __len__(self) -> int:
        return len(self._companies)

    def get(self, key: str) -> Company | None:
        return self._by_key.get(key)

    def find(self, reference: str) -> Company | None:
        """The company with this number or organisation number (``556123-4567`` or ``5561234567``)."""
        reference = reference.strip()
        found = self._by_key.get(reference)
        if found is not None:
            return found
        digits = reference.replace("-", "")
        if len(digits) != 10 or not digits.isdigit():
            return None
        return next((c for c in self._companies if c.org_number.replace("-", "") == digits), None)
