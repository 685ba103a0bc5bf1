"""Each test records into its own ``MetricsBook`` and reads its own ``CollectorRegistry``: nothing leaks between
tests, and prometheus_client's global registry is never touched."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families

from brygga.config import Settings
from brygga.metrics import MetricsBook, use_book
from brygga.metrics.registry import exposition
from tests.scenarios.harness import World, served_world
from tests.support.contract_plugin import register_base_url

Samples = list[tuple[str, dict[str, str], float]]


@pytest.fixture
def book() -> Iterator[MetricsBook]:
    own = MetricsBook()
    previous = use_book(own)
    try:
        yield own
    finally:
        use_book(previous)


@pytest.fixture
async def world(
    tmp_path: Path,
    recording_transport_factory: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport],
    database_settings: Settings,
    book: MetricsBook,
) -> AsyncIterator[World]:
    async with served_world(tmp_path, recording_transport_factory, register_base_url, database_settings) as built:
        use_book(MetricsBook())  # only what the test does, not the connecting; the book fixture restores the old one
        yield built


def samples(text: str) -> Samples:
    """Every sample of the exposition, parsed by prometheus_client's own parser (so the format is proven too)."""
    return [
        (sample.name, dict(sample.labels), sample.value)
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    ]


def scrape(registry: CollectorRegistry) -> Samples:
    return samples(exposition(registry).decode())


def value(found: Samples, name: str, **labels: str) -> float:
    """The sum of ``name``'s samples whose labels include ``labels``."""
    return sum(v for n, lab, v in found if n == name and all(lab.get(k) == w for k, w in labels.items()))
