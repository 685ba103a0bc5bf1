"""Canonical models both systems map into. No I/O here."""

from brygga.domain.customer import Address, Contact, Customer

__all__ = ["Address", "Contact", "Customer"]
