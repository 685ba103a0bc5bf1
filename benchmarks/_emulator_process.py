"""One emulator in a process of its own, for the benchmarks that measure brygga apart from the emulators.

    .venv/bin/python benchmarks/_emulator_process.py severa|eekonomi --data bulk:N [--latency-ms MS]
        [--rate-limit N]

It builds the emulator as ``brygga emulator …`` does (same ``build_emulator``), serves it on a free loopback port
with TCP_NODELAY (as the in-process benchmarks did), prints one JSON line ``{"port": P}`` on stdout once it
accepts connections, and serves until SIGTERM or SIGINT. Two routes of its own, outside the emulated API and never
rate limited or delayed, let the parent bench read and steer it between runs:

- ``GET /_bench/counters``: the requests the emulator saw per ``"METHOD /template"`` and its answers per status;
- ``POST /_bench/config?latency_ms=MS&rate_limit=N``: latency and rate limit from now on (0: none).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections import Counter
from typing import Any
from urllib.parse import parse_qs

from brygga_emulators.faults import ASGIApp, FaultConfig, Faults, Message, Receive, Scope, Send
from brygga_emulators.server import EmulatorServer

__all__ = ["BenchControl", "main"]

CONTROL_PREFIX = "/_bench/"


class BenchControl:
    """ASGI middleware: counts the emulator's answers by status and serves the two control routes."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults
        self.statuses: Counter[int] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope["path"]).startswith(CONTROL_PREFIX):
            await self._control(scope, send)
            return

        async def counting(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.statuses[int(message["status"])] += 1
            await send(message)

        await self.app(scope, receive, counting)

    async def _control(self, scope: Scope, send: Send) -> None:
        path = str(scope["path"])
        if path == "/_bench/counters":
            body: dict[str, Any] = {
                "requests": dict(self.faults.requests),
                "statuses": {str(status): n for status, n in self.statuses.items()},
            }
        elif path == "/_bench/config" and scope["method"] == "POST":
            query = parse_qs(bytes(scope.get("query_string", b"")).decode())
            if "latency_ms" in query:
                self.faults.config.latency_ms = int(query["latency_ms"][0])
            if "rate_limit" in query:
                self.faults.config.rate_limit_per_minute = int(query["rate_limit"][0]) or None
            body = {"latency_ms": self.faults.config.latency_ms, "rate_limit": self.faults.config.rate_limit_per_minute}
        else:
            body = {"error": f"unknown bench route {path}"}
        payload = json.dumps(body).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": payload})


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("system", choices=("severa", "eekonomi"))
    parser.add_argument("--data", default="empty", help="demo, empty or bulk:N")
    parser.add_argument("--latency-ms", type=int, default=0)
    parser.add_argument("--rate-limit", type=int, default=0, help="calls a minute per endpoint; 0: none")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = _parse(sys.argv[1:] if argv is None else argv)
    if args.system == "severa":
        from brygga_emulators import severa as module
    else:
        from brygga_emulators import eekonomi as module  # type: ignore[no-redef]
    config = FaultConfig(latency_ms=args.latency_ms, rate_limit_per_minute=args.rate_limit or None)
    emulator = module.build_emulator(args.data, config=config)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    server = EmulatorServer(BenchControl(emulator.app, emulator.faults))
    server.start(timeout=60.0)
    print(json.dumps({"port": server.port}), flush=True)
    try:
        stop.wait()
    finally:
        server.stop()
        close = getattr(emulator, "close", None)
        if close is not None:
            close()


if __name__ == "__main__":
    main()
