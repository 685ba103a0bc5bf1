"""The web app's fixtures (tests/web): the app in process, a real store, a logged-in admin."""

from tests.web.conftest import admin, client, settings, store

__all__ = ["admin", "client", "settings", "store"]
