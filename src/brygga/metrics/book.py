"""The process's own counts: runs, objects, API calls, 429s and run durations, kept per company.

Counts are kept with the company always, and the ``company`` label is added or summed away when a scrape reads
them (``brygga.metrics.collectors``): whether it appears depends on how many companies the installation has, which
can change while the process runs. Nothing here touches the database or the network, so the HTTP transport and the
runner record into it on every call without cost to speak of.

Label values are only names brygga chooses (system, category, state, outcome, endpoint templates such as
``GET /v2/customers/{customerId}``): never a concrete path with ids, a URL, a client id or a token.
"""

from __future__ import annotations

import bisect
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = [
    "DURATION_BUCKETS",
    "Histogram",
    "MetricsBook",
    "current_book",
    "status_class",
    "use_book",
]

# Seconds: a category of a small company takes seconds, a first full import of a large one up to an hour.
DURATION_BUCKETS: tuple[float, ...] = (1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0)


def status_class(status: int | None) -> str:
    """``2xx``, ``4xx``, ``5xx`` … for an HTTP status; ``error`` when no response came (network, timeout)."""
    return "error" if status is None else f"{status // 100}xx"


@dataclass
class Histogram:
    """Counts per upper bound (not cumulative), the sum and the count of the observations."""

    buckets: list[int] = field(default_factory=lambda: [0] * (len(DURATION_BUCKETS) + 1))
    total: float = 0.0
    count: int = 0

    def observe(self, seconds: float) -> None:
        self.buckets[bisect.bisect_left(DURATION_BUCKETS, seconds)] += 1
        self.total += seconds
        self.count += 1

    def add(self, other: Histogram) -> None:
        self.buckets = [a + b for a, b in zip(self.buckets, other.buckets, strict=True)]
        self.total += other.total
        self.count += other.count

    def cumulative(self) -> list[tuple[str, float]]:
        """``(le, count)`` pairs as the exposition wants them, ``+Inf`` last."""
        bounds = [*(repr(bound) for bound in DURATION_BUCKETS), "+Inf"]
        running = 0
        pairs: list[tuple[str, float]] = []
        for bound, count in zip(bounds, self.buckets, strict=True):
            running += count
            pairs.append((bound, float(running)))
        return pairs


class MetricsBook:
    """Thread-safe counts of one process (the web app's transfers run in threads, the worker's in tasks)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.runs: Counter[tuple[str, str, str]] = Counter()  # (company, category, state)
        self.objects: Counter[tuple[str, str, str]] = Counter()  # (company, category, outcome)
        self.api_calls: Counter[tuple[str, str, str]] = Counter()  # (system, endpoint, status_class)
        self.rate_limited: Counter[tuple[str, str]] = Counter()  # (system, endpoint)
        self.durations: dict[tuple[str, str], Histogram] = {}  # (company, category)

    def category_finished(
        self, company: str, category: str, state: str, seconds: float, outcomes: Iterable[str] = ()
    ) -> None:
        """One category of one run ended in ``state`` after ``seconds``, with these objects' outcomes."""
        with self._lock:
            self.runs[(company, category, state)] += 1
            for outcome in outcomes:
                self.objects[(company, category, outcome)] += 1
            self.durations.setdefault((company, category), Histogram()).observe(max(seconds, 0.0))

    def api_response(self, system: str, endpoint: str, status: int | None) -> None:
        """One request sent to ``system``'s ``endpoint`` template; ``status`` ``None`` when no answer came."""
        with self._lock:
            self.api_calls[(system, endpoint, status_class(status))] += 1
            if status == 429:
                self.rate_limited[(system, endpoint)] += 1

    def snapshot(self) -> MetricsBook:
        """A copy to read without holding the lock while the exposition is written."""
        copy = MetricsBook()
        with self._lock:
            copy.runs = Counter(self.runs)
            copy.objects = Counter(self.objects)
            copy.api_calls = Counter(self.api_calls)
            copy.rate_limited = Counter(self.rate_limited)
            for key, histogram in self.durations.items():
                kept = Histogram()
                kept.add(histogram)
                copy.durations[key] = kept
        return copy

    def companies(self) -> set[str]:
        with self._lock:
            return {key[0] for key in self.runs} | {key[0] for key in self.durations}


_current = MetricsBook()
_current_lock = threading.Lock()


def current_book() -> MetricsBook:
    """The book this process records into."""
    return _current


def use_book(book: MetricsBook) -> MetricsBook:
    """Record into ``book`` from now on (a test's own, so tests never read each other's counts); the previous one."""
    global _current
    with _current_lock:
        previous, _current = _current, book
    return previous
