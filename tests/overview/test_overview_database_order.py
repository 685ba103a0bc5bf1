"""The overview sorts and filters in the database (``company_status``) exactly as the Python judgement does, and
the summary follows the facts: a run finishing, a pause, a next run that has passed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from brygga.overview import FILTERS, SORTS, Listing, overview_page
from brygga.overview.listing import choose
from brygga.overview.model import line_of
from brygga.store import Database, Store
from brygga.store.overview import OverviewStore
from tests.overview.seed import BASE, company_id

pytestmark = pytest.mark.both_databases

Seeded = Callable[[int], Database]


def _python_order(db: Database, listing: Listing) -> tuple[list[str], int]:
    store = OverviewStore(db)
    companies = sorted(store.companies(), key=lambda pair: (pair[1].casefold(), pair[0]))
    lines = [line_of(facts, BASE) for facts in store.facts(companies)]
    shown, total = choose(lines, listing)
    return [line.id for line in shown], total


def test_o1_database_sort_and_filter_give_the_python_judgements_order(seeded: Seeded) -> None:
    db = seeded(130)  # every kind of company of the seed, names whose order differs from their ids'
    for sort in SORTS:
        for wanted in FILTERS:
            for number in (1, 2, 3):
                listing = Listing(sort, wanted, "", number, 20)
                page = overview_page(db, listing, BASE)
                assert ([line.id for line in page.lines], page.total) == _python_order(db, listing), listing
    text = Listing("state", "all", "Företag 1", 1, 20)
    page = overview_page(db, text, BASE)
    assert page.total == 41 and all("Företag 1" in line.name for line in page.lines)


def test_o1_summary_follows_a_finished_run_a_pause_and_a_passed_next_run(seeded: Seeded) -> None:
    db = seeded(20)
    failing = Listing("state", "failing", "", 1, 50)
    assert company_id(5) not in {line.id for line in overview_page(db, failing, BASE).lines}
    runs = Store.for_tenant(db, company_id(5)).runs
    run_id = runs.start(["customers"], dry_run=False)
    runs.add_items(run_id, [])
    runs.finish(run_id, "failed", "Kunde inte nå Visma PM")
    assert company_id(5) not in {line.id for line in overview_page(db, failing, BASE).lines}  # no items: ok
    Store.for_tenant(db, company_id(6)).schedules.pause("Testpaus", "Test pause")
    paused = overview_page(db, Listing("state", "paused", "", 1, 50), BASE)
    assert company_id(6) in {line.id for line in paused.lines}
    soon = overview_page(db, Listing("next_run", "all", "", 1, 50), BASE).lines[0]
    later = BASE + timedelta(minutes=15)  # kund-00009's 07:10 run has passed: its next is 07:20
    assert overview_page(db, Listing("next_run", "all", "", 1, 50), later).lines[0].next_run_at == (
        soon.next_run_at + timedelta(minutes=10) if soon.next_run_at else None
    )
