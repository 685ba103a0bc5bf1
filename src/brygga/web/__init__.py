"""brygga's web app: the admin pages, the order intake (``POST /api/orders``) and ``GET /healthz``."""

from __future__ import annotations

from brygga.web.access import check_bind_allowed
from brygga.web.app import StoreFactory, create_app
from brygga.web.serve import serve

__all__ = ["StoreFactory", "check_bind_allowed", "create_app", "serve"]
