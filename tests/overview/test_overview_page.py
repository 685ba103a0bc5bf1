"""The overview: paging, sorting, filters, the empty cases, one query per page however many companies, and on
PostgreSQL through the application role every company's figures while no normal store path reads across."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from brygga.overview import Listing, overview_page
from brygga.store import Database, Store
from brygga.store.tables import RunRow
from tests.overview.seed import BASE, company_id

pytestmark = pytest.mark.both_databases

Seeded = Callable[[int], Database]


@contextmanager
def counted(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _data_queries(statements: list[str]) -> list[str]:
    """The statements that read data (not the transaction settings PostgreSQL's read-only transaction makes)."""
    return [s for s in statements if not s.startswith("SET TRANSACTION") and "set_config" not in s]


def test_overview_pages_hold_50_companies_each_and_every_company_once(seeded: Seeded) -> None:
    db = seeded(120)
    seen: list[str] = []
    for number in (1, 2, 3):
        page = overview_page(db, Listing.of("name", "all", "", number), BASE)
        assert page.total == 120 and page.pages == 3
        seen += [line.id for line in page.lines]
    assert len(seen) == 120 and len(set(seen)) == 120
    assert overview_page(db, Listing.of("name", "all", "", 9), BASE).lines == []


def test_overview_queries_per_page_do_not_grow_with_the_number_of_companies(seeded: Seeded) -> None:
    db = seeded(10)
    counts = {}
    for size, more in ((10, 0), (2000, 1990)):
        if more:
            from tests.overview.seed import seed

            seed(_owner_of(db), more, start=10)
        with counted(db) as statements:  # new companies: judged once, in one batch (an upsert per 1,000)
            overview_page(db, Listing.of("state", "all", "", 1), BASE)
        counts[(size, "cold")] = len(_data_queries(statements)) - (-(-(more or size) // 1000) - 1)
        for sort in ("name", "state", "next_run"):
            with counted(db) as statements:
                page = overview_page(db, Listing.of(sort, "all", "", 1), BASE)
            assert page.companies == size
            counts[(size, sort)] = len(_data_queries(statements))
    assert counts[(10, "name")] == counts[(2000, "name")] == 2  # the companies, then the page's facts
    assert counts[(10, "state")] == counts[(2000, "state")] == 3  # the companies, the page (database), its facts
    assert counts[(10, "next_run")] == counts[(2000, "next_run")] == 3
    assert counts[(10, "cold")] == counts[(2000, "cold")] == 6  # + the stale ones' facts, the upsert, the page again


def _owner_of(db: Database) -> Database:
    return _OWNER[0] if _OWNER else db


_OWNER: list[Database] = []


@pytest.fixture(autouse=True)
def _remember_owner(owner: Database) -> Iterator[None]:
    _OWNER[:] = [owner]
    yield
    _OWNER.clear()


def test_overview_sorts_by_state_worst_first_and_by_last_and_next_run(seeded: Seeded) -> None:
    db = seeded(40)
    by_state = overview_page(db, Listing.of("state", "all", "", 1), BASE).lines
    order = ["failing", "paused", "attention", "idle", "ok"]
    ranks = [order.index(line.state) for line in by_state]
    assert ranks == sorted(ranks) and by_state[0].state == "failing" and by_state[-1].state == "ok"
    by_last = overview_page(db, Listing.of("last_run", "all", "", 1), BASE).lines
    assert by_last[0].last_run_at is None  # never transferred first
    times = [line.last_run_at for line in by_last if line.last_run_at]
    assert times == sorted(times)
    by_next = overview_page(db, Listing.of("next_run", "all", "", 1), BASE).lines
    upcoming = [line.next_run_at for line in by_next if line.next_run_at]
    assert upcoming and upcoming == sorted(upcoming) and by_next[0].next_run_at == upcoming[0]
    assert by_next[-1].next_run_at is None


def test_overview_filters_by_state_and_by_text_on_id_or_name(seeded: Seeded) -> None:
    db = seeded(40)
    paused = overview_page(db, Listing.of("name", "paused", "", 1), BASE)
    assert {line.id for line in paused.lines} == {company_id(n) for n in (3, 13, 23, 33)}
    failing = overview_page(db, Listing.of("name", "failing", "", 1), BASE)
    assert failing.lines and all(line.state == "failing" for line in failing.lines)
    attention = overview_page(db, Listing.of("name", "attention", "", 1), BASE)
    assert {line.state for line in attention.lines} == {"failing", "paused", "attention"}
    ok = overview_page(db, Listing.of("name", "ok", "", 1), BASE)
    assert ok.lines and all(line.state == "ok" for line in ok.lines)
    assert [line.id for line in overview_page(db, Listing.of("name", "all", "00017", 1), BASE).lines] == [
        company_id(17)
    ]
    assert overview_page(db, Listing.of("name", "all", "företag 2", 1), BASE).total == 11  # 2, 20-29


def test_overview_says_what_each_company_is_connected_to_last_ran_and_runs_next(seeded: Seeded) -> None:
    db = seeded(30)
    lines = {line.id: line for line in overview_page(db, Listing.of("name", "all", "", 1), BASE).lines}
    never = lines[company_id(10)]
    assert never.state == "idle" and never.runs == [] and not never.scheduled
    assert never.connections == {"eekonomi": "not_connected", "severa": "not_connected"}
    failed = lines[company_id(1)]
    assert failed.state == "failing" and failed.runs[0].state == "failed" and failed.alerts == ["customers"]
    partial = lines[company_id(2)]
    assert partial.state == "attention" and [r.state for r in partial.runs] == ["ok", "partial"]
    paused = lines[company_id(3)]
    assert paused.state == "paused" and paused.pause_reason and paused.next_run_at is None
    assert lines[company_id(14)].connections["eekonomi"] == "changed"  # X4 recorded: another company
    scheduled = lines[company_id(6)]  # every 10 minutes 07-19 Swedish time on weekdays; BASE is Monday 07:00
    assert scheduled.next_run_at == BASE + timedelta(minutes=10)


def test_overview_of_no_companies_is_empty(db: Database) -> None:
    page = overview_page(db, Listing(), BASE)
    assert page.companies == 0 and page.lines == [] and page.pages == 1


def test_tenants_overview_reads_every_company_but_a_company_store_still_reads_only_its_own(seeded: Seeded) -> None:
    db = seeded(20)
    lines = overview_page(db, Listing.of("name", "all", "", 1), BASE).lines
    assert sum(1 for line in lines if line.runs) == 18  # kund-00000 and kund-00010 never ran
    if db.engine.dialect.name != "postgresql":
        pytest.skip("row-level security is PostgreSQL's; on SQLite the store's tenant filters are the wall")
    one = Store.for_tenant(db, company_id(1))
    with one.db.read() as session:  # a company's transaction, even unfiltered, sees only that company's runs
        tenants = set(session.scalars(select(RunRow.tenant_id).distinct()))
    assert tenants == {company_id(1)}
    with db.read() as session:  # bound to no company (and naming none): nothing at all
        assert session.scalar(select(func.count()).select_from(RunRow)) == 0
