"""What a scrape reads: the process's counts (``MetricsBook``) as Prometheus families, with or without the
``company`` label.

Why the label can disappear: every label value is its own time series in Prometheus. With a few companies, a series
per company answers "which company fails?" at a glance; with thousands, runs x categories x states x companies
becomes hundreds of thousands of series, which slows Prometheus down and costs memory for little gain (the overview
page answers that question instead). So above ``BRYGGA_METRICS_COMPANY_LABELS_MAX`` companies the counts are summed
over companies and no series has a ``company`` label at all.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator

from prometheus_client.core import CounterMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector

from brygga.metrics.book import Histogram, MetricsBook, current_book

__all__ = ["BookCollector", "CompanyLabels"]

logger = logging.getLogger(__name__)


class CompanyLabels:
    """Whether series carry ``company``: yes while the installation has at most ``limit`` companies.

    ``count`` reads the number of companies (the database's register); it is asked at most once per ``ttl`` seconds.
    When it fails, the companies this process has counted stand in for it."""

    def __init__(self, limit: int, count: Callable[[], int] | None = None, ttl: float = 60.0) -> None:
        self.limit = limit
        self._count = count
        self._ttl = ttl
        self._known: tuple[float, int] | None = None

    def enabled(self, book: MetricsBook) -> bool:
        if self.limit <= 0:
            return False
        return self._companies(book) <= self.limit

    def _companies(self, book: MetricsBook) -> int:
        seen = len(book.companies())
        if self._count is None:
            return seen
        now = time.monotonic()
        if self._known is None or now - self._known[0] >= self._ttl:
            try:
                self._known = (now, self._count())
            except Exception:  # a database that does not answer must not break the scrape
                logger.warning("could not count the companies for the metrics' company label", exc_info=True)
                return seen
        return max(self._known[1], seen)


class BookCollector(Collector):
    """Runs, objects, API calls, 429s and run durations from the process's book, read at scrape time."""

    def __init__(self, labels: CompanyLabels, book: Callable[[], MetricsBook] = current_book) -> None:
        self._labels = labels
        self._book = book

    def collect(self) -> Iterator[Metric]:
        book = self._book().snapshot()
        per_company = self._labels.enabled(book)
        first = ["company"] if per_company else []
        runs = CounterMetricFamily(
            "brygga_runs",
            "Kategorikörningar per tillstånd / category runs by state",
            labels=[*first, "category", "state"],
        )
        for labels, value in _fold(book.runs, per_company).items():
            runs.add_metric(list(labels), value)
        yield runs
        objects = CounterMetricFamily(
            "brygga_objects",
            "Objekt per utfall / objects by outcome",
            labels=[*first, "category", "outcome"],
        )
        for labels, value in _fold(book.objects, per_company).items():
            objects.add_metric(list(labels), value)
        yield objects
        calls = CounterMetricFamily(
            "brygga_api_calls",
            "API-anrop per system, endpoint-mall och statusklass / API calls by system, endpoint, status class",
            labels=["system", "endpoint", "status_class"],
        )
        for key, value in sorted(book.api_calls.items()):
            calls.add_metric(list(key), value)
        yield calls
        limited = CounterMetricFamily(
            "brygga_rate_limited",
            "429-svar per system och endpoint-mall / 429 answers by system and endpoint template",
            labels=["system", "endpoint"],
        )
        for pair, count in sorted(book.rate_limited.items()):
            limited.add_metric(list(pair), count)
        yield limited
        yield self._durations(book, per_company, first)

    @staticmethod
    def _durations(book: MetricsBook, per_company: bool, first: list[str]) -> HistogramMetricFamily:
        family = HistogramMetricFamily(
            "brygga_run_duration_seconds",
            "Tid per kategorikörning / run duration per category",
            labels=[*first, "category"],
        )
        merged: dict[tuple[str, ...], Histogram] = {}
        for (company, category), histogram in book.durations.items():
            labels: tuple[str, ...] = (company, category) if per_company else (category,)
            merged.setdefault(labels, Histogram()).add(histogram)
        for values, summed in sorted(merged.items()):
            family.add_metric(list(values), summed.cumulative(), summed.total)
        return family


def _fold(counts: Counter[tuple[str, str, str]], per_company: bool) -> dict[tuple[str, ...], float]:
    """The counts as they are (company first), or summed over companies with the company left out."""
    folded: Counter[tuple[str, ...]] = Counter()
    for key, value in counts.items():
        folded[key if per_company else key[1:]] += value
    return {key: float(value) for key, value in sorted(folded.items())}
