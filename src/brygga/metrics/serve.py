"""``brygga worker --metrics-port``: the worker's own counts (and the queue's gauges) on prometheus_client's small
HTTP server, in a thread of the worker. It has no login: it listens on 127.0.0.1 unless ``--metrics-host`` says
otherwise, so put it behind a firewall or a proxy before opening it to the network."""

from __future__ import annotations

from wsgiref.simple_server import WSGIServer

from prometheus_client import start_http_server

from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.metrics.registry import build_registry
from brygga.store.database import Database

__all__ = ["serve_metrics"]


def serve_metrics(settings: Settings, db: Database, host: str, port: int) -> WSGIServer:
    """Serve the process's metrics on ``host:port`` (0: any free port) until the process ends (or ``shutdown()``);
    the server, whose ``server_port`` is the port used."""
    registry = build_registry(lambda: db, company_labels_max=settings.metrics_company_labels_max)
    try:
        server, _thread = start_http_server(port, addr=host, registry=registry)
    except OSError as exc:
        reason = exc.strerror or "okänt fel"
        raise ConfigError(
            f"Mätvärdena kunde inte visas på {host}:{port}: {reason}.",
            hint="Välj en ledig port med --metrics-port, eller en adress som finns på datorn med --metrics-host.",
            message_en=f"The metrics could not be served on {host}:{port}: {exc.strerror or 'unknown error'}.",
            hint_en="Choose a free port with --metrics-port, or an address of this machine with --metrics-host.",
        ) from exc
    return server
