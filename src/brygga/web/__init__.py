"""brygga's web app: for now the order intake (``POST /api/orders``) and ``GET /healthz``."""

from __future__ import annotations

from brygga.web.app import StoreFactory, create_app
from brygga.web.serve import serve

__all__ = ["StoreFactory", "create_app", "serve"]
