"""``brygga_queue_depth{kind}`` and ``brygga_queue_lag_seconds``: the PostgreSQL queue, read at scrape time.

One query over Procrastinate's jobs table (its partial index on waiting and running jobs keeps it cheap):
``kind`` is ``todo`` (waiting) or ``doing`` (running), and the lag is how long the oldest job that may run now has
waited (since it was deferred, or since its scheduled time when that is later); 0 when nothing waits. On SQLite, or
before ``brygga worker`` has installed the queue, neither series is there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from brygga.jobs.names import QUEUE
from brygga.store.database import Database

__all__ = ["QueueCollector", "queue_figures"]

logger = logging.getLogger(__name__)

_FIGURES = text(
    "SELECT count(*) FILTER (WHERE j.status = 'todo'), count(*) FILTER (WHERE j.status = 'doing'), "
    "COALESCE(EXTRACT(EPOCH FROM now() - min(GREATEST(j.scheduled_at, e.at)) FILTER (WHERE j.status = 'todo' "
    "AND (j.scheduled_at IS NULL OR j.scheduled_at <= now()))), 0) "
    "FROM procrastinate_jobs j LEFT JOIN LATERAL (SELECT min(ev.at) AS at FROM procrastinate_events ev "
    "WHERE ev.job_id = j.id AND ev.type = 'deferred') e ON true "
    "WHERE j.queue_name = :queue AND j.status IN ('todo', 'doing')"
)


def queue_figures(db: Database, *, known_installed: bool = False) -> tuple[int, int, float] | None:
    """(waiting, running, lag in seconds) of the transfer queue; ``None`` on SQLite or without the queue.
    ``known_installed`` skips asking whether the queue's tables are there (one query instead of two)."""
    if db.engine.dialect.name != "postgresql":
        return None
    with db.engine.connect() as connection:
        if not known_installed:
            installed = connection.execute(text("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")).scalar()
            if not installed:
                return None
        row = connection.execute(_FIGURES, {"queue": QUEUE}).one()
    return int(row[0]), int(row[1]), max(float(row[2] or 0), 0.0)


class QueueCollector(Collector):
    """The queue's gauges; ``database`` gives the database to read, or ``None`` while there is none yet."""

    def __init__(self, database: Callable[[], Database | None]) -> None:
        self._database = database
        self._installed = False  # once seen, the tables stay: later scrapes run the one query only

    def collect(self) -> Iterator[Metric]:
        try:
            db = self._database()
            figures = None if db is None else queue_figures(db, known_installed=self._installed)
        except (SQLAlchemyError, OSError):  # the scrape goes on without the queue; /readyz says what is wrong
            logger.warning("could not read the queue for the metrics", exc_info=True)
            return
        if figures is None:
            return
        self._installed = True
        waiting, running, lag = figures
        depth = GaugeMetricFamily("brygga_queue_depth", "Jobb i kön / jobs in the queue", labels=["kind"])
        depth.add_metric(["todo"], waiting)
        depth.add_metric(["doing"], running)
        yield depth
        yield GaugeMetricFamily(
            "brygga_queue_lag_seconds",
            "Hur länge det äldsta väntande jobbet har väntat / age of the oldest waiting job",
            value=lag,
        )
