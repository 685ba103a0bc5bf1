"""Run the web app with uvicorn (``brygga serve``)."""

from __future__ import annotations

import uvicorn

from brygga.config import Settings
from brygga.store import open_store
from brygga.web.access import check_bind_allowed
from brygga.web.app import create_app

__all__ = ["serve"]


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted. Refuses (``ConfigError``) a non-loopback ``host`` while no admin password is set."""
    store = open_store(settings)
    try:
        check_bind_allowed(store, host)
    finally:
        store.db.dispose()
    uvicorn.run(create_app(open_store, settings), host=host, port=port, log_level="info")
