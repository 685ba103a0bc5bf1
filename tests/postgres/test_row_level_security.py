"""Row-level security on PostgreSQL (migration 0007): the second wall between companies.

The application role owns nothing, so the policies bind it: a transaction that does not say its company sees no
company's rows, one that names another company sees none of this one's, and no row can be written for another."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.exc import ProgrammingError

from brygga.config import Settings
from brygga.schedules import Schedule
from brygga.store import Link, Store, open_store
from brygga.store.companies import CompanyRegistry
from brygga.store.tables import LinkRow
from tests.postgres.plugin import PostgresServer

TENANT_TABLES = (
    "connection", "setting", "link", "intent", "cursor", "retry", "run", "run_item", "lease", "order", "order_row",
    "api_key", "schedule", "schedule_pause",
)  # fmt: skip


@pytest.fixture
def two_companies(pg_settings: Settings) -> Iterator[tuple[Store, Store]]:
    """Company a with a row in every kind of table, company b with a link of its own."""
    a = open_store(pg_settings.model_copy(update={"tenant": "a"}))
    b = Store.for_tenant(a.db, "b")
    a.settings.set_many({"master_customers": "eekonomi"})
    a.connections.save("severa", api_url="https://pm.test", auth_url=None, client_id="cid", client_secret="s")
    a.protocol.save_link(Link("customers", "pm-a", "eek-a", None, None))
    intent = a.protocol.open_intent("customers", "eekonomi", "pm-a2", "create", "1002", "h")
    a.protocol.close_intent(intent.id, "failed")
    a.protocol.set_retry("customers", "pm", "pm-a2", failed=True)
    a.protocol.set_cursor("customers", "pm", datetime(2026, 1, 1, tzinfo=UTC))
    run = a.runs.start(["customers"], dry_run=False)
    a.runs.finish(run, "ok", "1")
    assert a.lease.acquire("host:1")
    a.schedules.set("customers", Schedule("every", 10))
    a.schedules.pause("Anslutningen har upphört.", "The connection expired.")
    b.protocol.save_link(Link("customers", "pm-b", "eek-b", None, None))
    yield a, b
    a.db.dispose()


def _counts(engine: Engine, tenant: str | None) -> dict[str, int]:
    with engine.begin() as connection:
        if tenant is not None:
            connection.execute(text("SELECT set_config('brygga.tenant', :t, true)"), {"t": tenant})
        return {
            table: int(connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one())
            for table in TENANT_TABLES
        }


def test_rls_a_query_through_the_application_role_without_a_company_sees_nothing(
    two_companies: tuple[Store, Store], pg_settings: Settings
) -> None:
    owner = create_engine(str(pg_settings.db_owner))
    app = create_engine(str(pg_settings.db))
    written = {table: count for table, count in _counts(owner, None).items() if count}
    assert set(written) >= {"setting", "connection", "link", "intent", "retry", "cursor", "run", "lease", "schedule"}
    assert _counts(app, None) == dict.fromkeys(TENANT_TABLES, 0)
    owner.dispose()
    app.dispose()


def test_rls_another_companys_setting_sees_nothing_of_this_company(
    two_companies: tuple[Store, Store], pg_settings: Settings
) -> None:
    app = create_engine(str(pg_settings.db))
    seen_by_b = _counts(app, "b")
    assert seen_by_b["link"] == 1 and sum(seen_by_b.values()) == 1  # b's own link, nothing of a's
    assert _counts(app, "c") == dict.fromkeys(TENANT_TABLES, 0)
    with app.begin() as connection:
        connection.execute(text("SELECT set_config('brygga.tenant', 'b', true)"))
        assert connection.execute(text("SELECT pm_id FROM link")).scalars().all() == ["pm-b"]
    app.dispose()


def test_rls_a_query_that_forgets_the_company_filter_still_sees_only_its_company(
    two_companies: tuple[Store, Store],
) -> None:
    a, b = two_companies
    for store, own in ((a, "pm-a"), (b, "pm-b")):
        with store.db.read() as session:  # no WHERE tenant_id: the wall is the database's
            assert [row.pm_id for row in session.scalars(select(LinkRow))] == [own]


def test_rls_a_row_for_another_company_cannot_be_written(
    two_companies: tuple[Store, Store], pg_settings: Settings
) -> None:
    app = create_engine(str(pg_settings.db))
    with pytest.raises(ProgrammingError, match="row-level security"), app.begin() as connection:
        connection.execute(text("SELECT set_config('brygga.tenant', 'b', true)"))
        connection.execute(text("INSERT INTO setting (tenant_id, key, value) VALUES ('a', 'master_customers', 'pm')"))
    with app.begin() as connection:  # nor can b change or delete a's rows: it does not see them
        connection.execute(text("SELECT set_config('brygga.tenant', 'b', true)"))
        assert connection.execute(text("UPDATE setting SET value = 'pm'")).rowcount == 0
        assert connection.execute(text("DELETE FROM link WHERE pm_id = 'pm-a'")).rowcount == 0
    app.dispose()
    a, _ = two_companies
    assert a.settings.all()["master_customers"] == "eekonomi"
    assert [link.pm_id for link in a.protocol.links("customers")] == ["pm-a"]


def test_rls_the_setting_ends_with_the_transaction_so_a_pooled_connection_carries_no_company(
    two_companies: tuple[Store, Store], pg_settings: Settings
) -> None:
    app = create_engine(str(pg_settings.db), pool_size=1, max_overflow=0)
    assert _counts(app, "a")["link"] == 1
    assert _counts(app, None)["link"] == 0  # the same connection, the next transaction: nothing
    app.dispose()


def test_rls_removing_a_company_deletes_its_rows_through_the_wall(
    two_companies: tuple[Store, Store], pg_settings: Settings, postgres_server: PostgresServer
) -> None:
    a, _ = two_companies
    registry = CompanyRegistry(a.db)
    registry.ensure("a")
    registry.ensure("b")
    assert registry.counts("a")["link"] == 1
    deleted = registry.remove("a")
    assert deleted["link"] == 1 and deleted["setting"] == 1
    owner = create_engine(str(pg_settings.db_owner))
    left = _counts(owner, None)
    owner.dispose()
    assert left["link"] == 1 and left["setting"] == 0  # b's link stays
