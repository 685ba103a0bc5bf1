"""The company label is there while the installation has few companies (BRYGGA_METRICS_COMPANY_LABELS_MAX) and
gone, summed over companies, above that: the number of series must not grow with thousands of companies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from brygga.config import Settings
from brygga.metrics import MetricsBook
from brygga.metrics.registry import build_registry
from brygga.store import Store, open_store
from brygga.store.companies import CompanyRegistry
from tests.metrics.conftest import scrape, value


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    settings = Settings(data_dir=tmp_path, db=str(tmp_path / "m.sqlite3"), secret_key=Fernet.generate_key().decode())
    opened = open_store(settings)
    yield opened
    opened.db.dispose()


def _record(book: MetricsBook, companies: list[str]) -> None:
    for company in companies:
        book.category_finished(company, "customers", "ok", 2.0, ["succeeded", "succeeded", "failed"])


def test_metrics_company_label_appears_with_few_companies(store: Store, book: MetricsBook) -> None:
    companies = ["kund-1", "kund-2", "kund-3"]
    for company in companies:
        CompanyRegistry(store.db).add(company)
    _record(book, companies)
    found = scrape(build_registry(lambda: store.db, company_labels_max=3))
    for company in companies:
        assert value(found, "brygga_runs_total", company=company, category="customers", state="ok") == 1
        assert value(found, "brygga_objects_total", company=company, outcome="succeeded") == 2
        assert value(found, "brygga_run_duration_seconds_count", company=company) == 1


def test_metrics_company_label_is_gone_above_the_limit(store: Store, book: MetricsBook) -> None:
    companies = ["kund-1", "kund-2", "kund-3", "kund-4"]
    for company in companies:
        CompanyRegistry(store.db).add(company)
    _record(book, companies[:2])  # this process ran two of them; the installation has four
    found = scrape(build_registry(lambda: store.db, company_labels_max=3))
    assert all("company" not in labels for _, labels, _ in found)
    assert value(found, "brygga_runs_total", category="customers", state="ok") == 2
    assert value(found, "brygga_objects_total", category="customers", outcome="failed") == 2
    assert value(found, "brygga_run_duration_seconds_count", category="customers") == 2
    assert value(found, "brygga_run_duration_seconds_bucket", category="customers", le="5.0") == 2


def test_metrics_company_label_never_with_limit_zero(store: Store, book: MetricsBook) -> None:
    CompanyRegistry(store.db).add("kund-1")
    _record(book, ["kund-1"])
    found = scrape(build_registry(lambda: store.db, company_labels_max=0))
    assert value(found, "brygga_runs_total", category="customers") == 1
    assert all("company" not in labels for _, labels, _ in found)
