"""Contact names between eEkonomi's one field and Visma PM's first and last name (rules C8 and C9)."""

from __future__ import annotations

__all__ = ["NO_FIRST_NAME", "split_contact_name"]

from brygga.domain.customer import NO_FIRST_NAME


def split_contact_name(full_name: str) -> tuple[str, str]:
    """Split at the FIRST space: "Karin Lind Berg" -> ("Karin", "Lind Berg"); "Mats" -> ("?", "Mats")."""
    name = " ".join(full_name.split())
    first, space, rest = name.partition(" ")
    if not space:
        return NO_FIRST_NAME, name
    return first, rest
