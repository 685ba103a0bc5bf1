"""Run the web app with uvicorn: ``brygga serve``, and ``brygga demo`` after its report."""

from __future__ import annotations

import contextlib
import errno
import signal
import socket
import threading
from collections.abc import Iterator

import uvicorn

from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.store import open_store
from brygga.web.access import check_bind_allowed
from brygga.web.app import create_app
from brygga.web.stores import StoreFactory

__all__ = ["ensure_port_free", "serve", "serve_in_loop"]


def ensure_port_free(host: str, port: int) -> None:
    """A clear Swedish message instead of uvicorn's log line when another program holds the port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ConfigError(
                    f"Port {port} på {host} används redan av ett annat program.",
                    hint=f"Avsluta det programmet, eller välj en annan port med --port {port + 1}.",
                ) from exc
            raise ConfigError(f"brygga kan inte lyssna på {host}:{port} ({exc.strerror}).") from exc


def _checked(settings: Settings, store_factory: StoreFactory, host: str, port: int) -> None:
    store = store_factory(settings)
    try:
        check_bind_allowed(store, host)
    finally:
        store.db.dispose()
    ensure_port_free(host, port)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted. Refuses (``ConfigError``) a non-loopback ``host`` while no admin password is set."""
    _checked(settings, open_store, host, port)
    uvicorn.run(create_app(open_store, settings), host=host, port=port, log_level="info")


class _QuietServer(uvicorn.Server):
    """Ctrl+C ends the server gracefully and returns, instead of raising the signal again afterwards.

    uvicorn re-raises the captured SIGINT once it has shut down, which inside ``asyncio.run`` turns into a
    KeyboardInterrupt traceback at the user; the demo wants its emulators closed in order and exit code 0.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        originals = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in originals.items():
                signal.signal(sig, handler)


async def serve_in_loop(settings: Settings, store_factory: StoreFactory, host: str, port: int) -> None:
    """Serve on the running event loop until Ctrl+C (the demo keeps its emulators alive meanwhile)."""
    _checked(settings, store_factory, host, port)
    config = uvicorn.Config(create_app(store_factory, settings), host=host, port=port, log_level="warning")
    await _QuietServer(config).serve()
