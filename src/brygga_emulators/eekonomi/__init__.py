"""Emulator of the Visma eEkonomi (eAccounting API v2) parts brygga needs, over real HTTP.

It follows the official contract (paths, PascalCase fields, limits, error bodies, paging, OData
filters, OAuth, rate limits) and never imports brygga: it may disagree with brygga's client.
"""

from .app import create_app
from .emulator import Emulator, build_emulator
from .oauth import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from .store import EekStore

__all__ = ["DEMO_CLIENT_ID", "DEMO_CLIENT_SECRET", "EekStore", "Emulator", "build_emulator", "create_app"]
