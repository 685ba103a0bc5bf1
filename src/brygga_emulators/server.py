"""Run an emulator app on a real loopback socket, in a background thread or in the foreground."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn

__all__ = ["EmulatorServer", "listening_socket", "serve_forever"]


class EmulatorServer:
    """A uvicorn server on its own thread; ``start()`` returns the base URL once it accepts connections.

    Port 0 picks a free port. Used by ``brygga demo``, the scenario tests and the benchmarks. ``no_delay``
    (default on) answers without Nagle's ~40 ms wait on kept-alive connections (see below).
    """

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0, *, no_delay: bool = True) -> None:
        self.app = app
        self.host = host
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if no_delay:
            # Linux hands TCP_NODELAY on to the accepted connections. Without it a kept-alive connection waits
            # ~40 ms per answer (Nagle's algorithm against the client's delayed ACK), which real API servers do not
            # add. On by default; README figures measured before 2026-12-07 include that wait.
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock.bind((host, port))
        self.port: int = self._sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._run, name=f"emulator:{self.port}", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _run(self) -> None:
        self._server.run(sockets=[self._sock])

    def start(self, timeout: float = 10.0) -> str:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"emulator did not start on {self.base_url}")
            time.sleep(0.01)
        return self.base_url

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()

    def __enter__(self) -> EmulatorServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` (0: a free port, read back with ``getsockname``), for ``serve_forever``."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    return sock


def serve_forever(app: Any, host: str, port: int, sock: socket.socket | None = None) -> None:
    """Foreground server for ``brygga emulator …``; stops on Ctrl-C. With ``sock`` (from ``listening_socket``)
    it serves on that socket, so a caller that asked for port 0 can print the port before serving."""
    if sock is None:
        uvicorn.run(app, host=host, port=port, log_level="info", access_log=False, lifespan="off")
        return
    config = uvicorn.Config(app, log_level="info", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
