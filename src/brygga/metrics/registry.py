"""One ``CollectorRegistry`` per process (the web app's, a worker's), never prometheus_client's global one: tests
build their own and read only their own numbers."""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, generate_latest
from sqlalchemy import func, select

from brygga.metrics.book import MetricsBook, current_book
from brygga.metrics.collectors import BookCollector, CompanyLabels
from brygga.metrics.queue import QueueCollector
from brygga.store.database import Database
from brygga.store.tables import CompanyRow

__all__ = ["build_registry", "company_count", "exposition"]


def company_count(db: Database) -> int:
    """The companies registered in the installation (one count query)."""
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(CompanyRow)) or 0)


def build_registry(
    database: Callable[[], Database | None],
    *,
    company_labels_max: int,
    book: Callable[[], MetricsBook] = current_book,
) -> CollectorRegistry:
    """The process's counts (company label while there are at most ``company_labels_max`` companies) and the
    queue's gauges, read from ``database`` at scrape time."""

    def count() -> int:
        db = database()
        if db is None:
            raise LookupError("no database yet")
        return company_count(db)

    registry = CollectorRegistry(auto_describe=False)
    registry.register(BookCollector(CompanyLabels(company_labels_max, count), book))
    registry.register(QueueCollector(database))
    return registry


def exposition(registry: CollectorRegistry) -> bytes:
    """The registry in Prometheus' text format."""
    return generate_latest(registry)
