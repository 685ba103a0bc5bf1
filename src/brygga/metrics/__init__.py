"""Prometheus metrics of brygga's processes: what happened (runs, objects, API calls, 429s, durations, counted in
``brygga.metrics.book``) and how the queue stands (read at scrape time). The web app serves them at ``/metrics``,
``brygga worker --metrics-port`` serves a worker's own.

This package's ``__init__`` imports only the book, so the HTTP transport and the runner can record without pulling
in the database."""

from __future__ import annotations

from brygga.metrics.book import MetricsBook, current_book, use_book

__all__ = ["MetricsBook", "current_book", "use_book"]
