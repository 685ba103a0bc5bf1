"""The canonical customer: the part of a customer both Visma PM and Visma eEkonomi can hold.

eEkonomi keeps one address and one contact per customer (rule C4), so the canonical form has one of each.
Its ``fingerprint`` is what the link table stores per side to see whether the master side changed since
the last sync (rule C3) without comparing timestamps.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from brygga.domain.plain import memo, plain

__all__ = ["NO_FIRST_NAME", "Address", "Contact", "Customer"]

# The original integration's first name for a contact whose eEkonomi name has no space (rule C9).
NO_FIRST_NAME = "?"


@dataclass(frozen=True)
class Address:
    line1: str | None = None
    line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country_code: str | None = None
    phone: str | None = None

    def is_complete(self) -> bool:
        """Address line, postal code, city and country: what eEkonomi requires (rule C5)."""
        return all(_filled(v) for v in (self.line1, self.postal_code, self.city, self.country_code))


@dataclass(frozen=True)
class Contact:
    first_name: str = ""
    last_name: str = ""
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None

    @property
    def full_name(self) -> str:
        """The "first last" that eEkonomi's single contact-name field holds (rule C8). The "?" first name rule C9
        gives a one-word eEkonomi name in PM is left out, so "Mats" stays "Mats" both ways."""
        first = "" if self.first_name.strip() == NO_FIRST_NAME else self.first_name
        return " ".join(part.strip() for part in (first, self.last_name) if part and part.strip())


@dataclass(frozen=True)
class Customer:
    """One customer as brygga compares it. ``number`` is a string: eEkonomi's numbers are text."""

    number: str | None
    name: str
    is_active: bool = True
    vat_number: str | None = None
    organisation_number: str | None = None
    email: str | None = None
    website: str | None = None
    notes: str | None = None
    payment_days: int | None = None
    currency_code: str | None = None
    address: Address | None = None
    contact: Contact | None = None

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}".strip() if self.number else self.name

    def fingerprint(self) -> str:
        return memo(self, self._fingerprint)

    def _fingerprint(self) -> str:
        data = plain(self)
        if self.contact is not None:
            # Compare the contact by the name both sides can hold, not by how PM splits it.
            data["contact"] = {**data["contact"], "first_name": self.contact.full_name, "last_name": ""}
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()


def _filled(value: str | None) -> bool:
    return value is not None and value.strip() != ""
