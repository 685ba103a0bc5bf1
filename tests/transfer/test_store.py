"""The store under the transfers: migrations, secrets at rest, links (C2, X6), cursors (C12, X3), retries,
the run lease and the run history (X2, X3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from brygga.config import Settings
from brygga.errors import ConfigError, StateError
from brygga.store import ItemRecord, Link, Store, open_store
from brygga.store.database import MIGRATIONS
from brygga.tokens import OAuthTokens

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/postgres/plugin.py)

SECRET = "client-secret-that-must-not-leak"
ACCESS, REFRESH = "access-token-that-must-not-leak", "refresh-token-that-must-not-leak"
T0 = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


def owner_url(settings: Settings) -> str:
    """The database as its owner reaches it without brygga: the SQLite file, or PostgreSQL's owner role."""
    return settings.db_owner or f"sqlite:///{settings.db}"


def raw(settings: Settings, query: str) -> list[tuple[object, ...]]:
    """Read the database directly, as someone who copied it (or owns it) would."""
    engine = create_engine(owner_url(settings))
    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(text(query))]
    engine.dispose()
    return rows


def connect(store: Store) -> None:
    store.connections.save(
        "eekonomi", api_url="https://eek.test/v2", auth_url="https://id.test", client_id="cid", client_secret=SECRET
    )
    store.connections.token_store("eekonomi").save(OAuthTokens(ACCESS, REFRESH, T0))


def test_store_migrations_run_on_open(store: Store, settings: Settings) -> None:
    engine = create_engine(owner_url(settings))
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {"connection", "setting", "link", "intent", "cursor", "retry", "run", "run_item", "lease"} <= tables
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert raw(settings, "SELECT version_num FROM alembic_version") == [(head,)]
    reopened = open_store(settings)  # a second open finds the schema at head and changes nothing
    assert reopened.protocol.links("customers") == []
    reopened.db.dispose()


def test_store_secret_and_tokens_are_encrypted_at_rest(store: Store, settings: Settings) -> None:
    connect(store)
    [(secret_enc, tokens_enc)] = raw(settings, "SELECT secret_enc, tokens_enc FROM connection")
    for column in (secret_enc, tokens_enc):
        assert isinstance(column, bytes)
        for plain in (SECRET, ACCESS, REFRESH):
            assert plain.encode() not in column
    assert store.connections.get("eekonomi").client_secret == SECRET  # type: ignore[union-attr]
    assert store.connections.token_store("eekonomi").load() == OAuthTokens(ACCESS, REFRESH, T0)


def test_store_secrets_are_unreadable_with_another_key(store: Store, settings: Settings) -> None:
    connect(store)
    other = open_store(Settings(data_dir=settings.data_dir, db=settings.db, secret_key=Fernet.generate_key().decode()))
    with pytest.raises(ConfigError) as caught:
        other.connections.get("eekonomi")
    assert "BRYGGA_SECRET_KEY" in caught.value.hint
    other.db.dispose()


def test_store_secret_does_not_show_in_repr(store: Store) -> None:
    connect(store)
    assert SECRET not in repr(store.connections.get("eekonomi"))


def test_s1_master_setting_is_kept_per_company(store: Store) -> None:
    store.settings.set_many({"master_customers": "eekonomi"})
    store.settings.set_many({"master_customers": "pm"})
    other = Store.for_tenant(store.db, "other-company")
    assert store.settings.all() == {"master_customers": "pm"}
    assert other.settings.all() == {}


# --- links ------------------------------------------------------------------------------------------------
def test_c2_link_is_kept_by_id_and_updated_in_place(store: Store) -> None:
    store.protocol.save_link(Link("customers", "pm-1", "eek-1", "a", "b"))
    store.protocol.save_link(Link("customers", "pm-1", "eek-1", "c", "d"))
    assert store.protocol.links("customers") == [Link("customers", "pm-1", "eek-1", "c", "d")]


def test_x6_links_are_unique_per_eekonomi_id(store: Store) -> None:
    store.protocol.save_link(Link("customers", "pm-1", "eek-1", "a", "b"))
    with pytest.raises(StateError, match="eek-1 är redan kopplat till pm-1"):
        store.protocol.save_link(Link("customers", "pm-2", "eek-1", "a", "b"))
    assert [(k.pm_id, k.eek_id) for k in store.protocol.links("customers")] == [("pm-1", "eek-1")]


def test_x6_database_refuses_a_second_link_to_one_eekonomi_id(store: Store, settings: Settings) -> None:
    store.protocol.save_link(Link("customers", "pm-1", "eek-1", "a", "b"))
    engine = create_engine(owner_url(settings))
    with engine.begin() as connection, pytest.raises(IntegrityError):
        connection.execute(
            text(
                "INSERT INTO link (tenant_id, category, pm_id, eek_id, created_at, updated_at) "
                "VALUES ('default', 'customers', 'pm-2', 'eek-1', '2024-01-01', '2024-01-01')"
            )
        )
    engine.dispose()


def test_store_links_of_one_company_are_invisible_to_another(store: Store) -> None:
    store.protocol.save_link(Link("customers", "pm-1", "eek-1", "a", "b"))
    assert Store.for_tenant(store.db, "other-company").protocol.links("customers") == []


# --- cursors (C12, X3) ------------------------------------------------------------------------------------
def test_c12_first_transfer_has_no_cursor_so_it_reads_everything(store: Store) -> None:
    assert store.protocol.cursor("customers", "pm") is None
    assert store.protocol.cursor("customers", "eekonomi") is None


def test_x3_cursor_per_category_and_system_is_kept_and_moves(store: Store) -> None:
    store.protocol.set_cursor("customers", "pm", T0)
    store.protocol.set_cursor("customers", "pm", T0 + timedelta(hours=1))
    store.protocol.set_cursor("customers", "eekonomi", T0)
    assert store.protocol.cursor("customers", "pm") == T0 + timedelta(hours=1)
    assert store.protocol.cursor("customers", "eekonomi") == T0
    assert store.protocol.cursor("articles", "pm") is None
    assert set(store.protocol.cursors()) == {("customers", "pm"), ("customers", "eekonomi")}


def test_x3_cursor_comes_back_as_aware_utc(store: Store) -> None:
    stockholm = datetime(2024, 5, 1, 10, 0, tzinfo=UTC).astimezone(ZoneInfo("Europe/Stockholm"))
    store.protocol.set_cursor("customers", "pm", stockholm)
    assert store.protocol.cursor("customers", "pm") == datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
    assert store.protocol.cursor("customers", "pm").tzinfo is not None  # type: ignore[union-attr]


def test_x3_naive_cursor_is_refused(store: Store) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        store.protocol.set_cursor("customers", "pm", datetime(2024, 5, 1, 10, 0))


def test_c12_reset_makes_the_next_transfer_read_everything_but_keeps_links(store: Store) -> None:
    store.protocol.set_cursor("customers", "pm", T0)
    store.protocol.save_link(Link("customers", "pm-1", "eek-1", "a", "b"))
    store.protocol.reset("customers")
    assert store.protocol.cursor("customers", "pm") is None
    assert len(store.protocol.links("customers")) == 1


# --- retries, lease, history ------------------------------------------------------------------------------
def test_c12_failed_objects_are_kept_for_retry_until_they_pass(store: Store) -> None:
    store.protocol.set_retry("customers", "pm", "pm-1", failed=True)
    store.protocol.set_retry("customers", "pm", "pm-1", failed=True)
    store.protocol.set_retry("customers", "pm", "pm-2", failed=True)
    store.protocol.set_retry("customers", "pm", "pm-2", failed=False)
    assert store.protocol.retries("customers", "pm") == {"pm-1"}
    assert store.protocol.retries("customers", "eekonomi") == set()


def test_store_lease_allows_one_run_per_company(store: Store) -> None:
    assert store.lease.acquire("host:1")
    assert not store.lease.acquire("host:2")
    assert store.lease.acquire("host:1")  # the holder may renew
    store.lease.release("host:2")  # not the holder: nothing happens
    assert not store.lease.acquire("host:2")
    store.lease.release("host:1")
    assert store.lease.acquire("host:2")


def test_store_expired_lease_can_be_taken_over(store: Store) -> None:
    assert store.lease.acquire("crashed:1", ttl=timedelta(seconds=-1))
    assert store.lease.acquire("host:2")


def item(key: str, outcome: str, category: str = "customers") -> ItemRecord:
    return ItemRecord(category, "pm->eek", key, f"Kund {key}", "create", outcome, "C5", "msg", "tips", "hint")


def test_x2_error_log_shows_the_failures_of_the_latest_run_per_category(store: Store) -> None:
    first = store.runs.start(["customers"], dry_run=False)
    store.runs.add_items(first, [item("1", "failed"), item("2", "failed")])
    store.runs.finish(first, "failed", "1 fel")
    second = store.runs.start(["customers"], dry_run=False)
    store.runs.add_items(second, [item("1", "succeeded"), item("2", "failed")])
    store.runs.finish(second, "failed", "1 fel")
    failures = store.runs.latest_failures()
    assert [(f.object_key, f.rule_id, f.message, f.hint, f.hint_en) for f in failures] == [
        ("2", "C5", "msg", "tips", "hint")
    ]
    assert failures[0].at is not None and failures[0].at.tzinfo is not None


def test_x3_history_lists_runs_newest_first(store: Store) -> None:
    first = store.runs.start(["customers"], dry_run=False)
    store.runs.finish(first, "ok", "kunder: 3 ok")
    second = store.runs.start(["customers"], dry_run=False)
    history = store.runs.history()
    assert [(run_id, status) for run_id, _, status, _, _ in history] == [(second, "running"), (first, "ok")]
    assert history[1][4] == "kunder: 3 ok"


def test_store_file_lives_where_settings_say(settings: Settings, store: Store, db_kind: str) -> None:
    if db_kind == "sqlite":
        assert Path(str(settings.db)).exists()
    else:
        assert store.db.engine.url.database == settings.db.rsplit("/", 1)[-1]  # type: ignore[union-attr]


def _alembic_config() -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config
