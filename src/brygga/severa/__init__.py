"""brygga's client for Visma PM, i.e. the Visma Severa public REST API v1."""

from brygga.severa.auth import SeveraAuth, SeveraCredentials, fetch_token
from brygga.severa.client import Page, SeveraClient
from brygga.severa.errors import PagingLoopError, map_error
from brygga.severa.models import (
    Address,
    CommunicationType,
    ContactCommunication,
    ContactPerson,
    Country,
    Currency,
    Customer,
)

__all__ = [
    "Address",
    "CommunicationType",
    "ContactCommunication",
    "ContactPerson",
    "Country",
    "Currency",
    "Customer",
    "Page",
    "PagingLoopError",
    "SeveraAuth",
    "SeveraClient",
    "SeveraCredentials",
    "fetch_token",
    "map_error",
]
