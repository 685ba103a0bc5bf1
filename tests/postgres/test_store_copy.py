"""``brygga store copy --to URL``: a SQLite store, every company of it, into PostgreSQL; counted, source untouched."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from brygga.config import Settings
from brygga.orders.api_keys import create_api_key, verify
from brygga.orders.commands import orders_import_command
from brygga.store import ItemRecord, Link, Store, open_store
from brygga.store.companies import CompanyRegistry
from brygga.store.orders import OrderStore
from brygga.tokens import OAuthTokens
from tests.cli.support import brygga
from tests.postgres.plugin import PostgresServer

ORDERS = Path(__file__).resolve().parents[2] / "src" / "brygga" / "orders" / "examples" / "orders.csv"
KEY = Fernet.generate_key().decode()


def _fill(store: Store) -> tuple[int, str]:
    """One company's store with a row in every table; returns its run id and an order API key."""
    store.settings.set_many({"master_customers": "eekonomi"})
    store.connections.save("eekonomi", api_url="https://eek.test/v2", auth_url="https://id.test", client_id="c",
                           client_secret=f"secret-{store.tenant}")  # fmt: skip
    store.connections.token_store("eekonomi").save(OAuthTokens("acc", "ref", datetime(2026, 1, 1, tzinfo=UTC)))
    store.protocol.save_link(Link("customers", f"pm-{store.tenant}", f"eek-{store.tenant}", "h1", "h2"))
    store.protocol.open_intent("customers", "eekonomi", "pm-x", "create", "1002", "h")
    store.protocol.set_retry("customers", "pm", "pm-x", failed=True)
    store.protocol.set_cursor("customers", "pm", datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    run = store.runs.start(["customers"], dry_run=False)
    store.runs.add_items(run, [ItemRecord("customers", "pm->eek", "1002", "Kund", "create", "failed", "C5", "m")])
    store.runs.finish(run, "partial", "1 fel")
    assert store.lease.acquire("host:1")
    orders_import_command(store, ORDERS)
    return run, create_api_key(store)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> tuple[Settings, dict[str, tuple[int, str]]]:
    settings = Settings(data_dir=tmp_path, db=str(tmp_path / "brygga.sqlite3"), secret_key=KEY)
    first = open_store(settings)
    registry = CompanyRegistry(first.db)
    filled = {}
    for company in ("alfa", "beta"):
        registry.ensure(company)
        filled[company] = _fill(Store.for_tenant(first.db, company))
    first.db.dispose()
    return settings, filled


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_copy_moves_every_company_into_postgresql_counted_and_leaves_the_source_untouched(
    sqlite_store: tuple[Settings, dict[str, tuple[int, str]]], postgres_server: PostgresServer, own_database: str
) -> None:
    settings, filled = sqlite_store
    source = Path(str(settings.db))
    before = _digest(source)
    owner = postgres_server.url(own_database, owner=True)
    env = {"BRYGGA_DB": str(source), "BRYGGA_SECRET_KEY": KEY}
    done = brygga("store", "copy", "--to", owner, "--json", data_dir=settings.data_dir, **env)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["rows"]["link"] == 2 and result["rows"]["company"] == 2 and result["rows"]["order_row"] > 0
    assert "brygga-test" not in done.stdout + done.stderr  # the password is never shown
    assert _digest(source) == before

    target = Settings(data_dir=settings.data_dir, db=postgres_server.url(own_database), db_owner=owner, secret_key=KEY)
    opened = open_store(target)
    assert [c.id for c in CompanyRegistry(opened.db).all()] == ["alfa", "beta"]
    for company, (run, key) in filled.items():
        store = Store.for_tenant(opened.db, company)  # the application role: row-level security applies
        assert [link.pm_id for link in store.protocol.links("customers")] == [f"pm-{company}"]
        assert store.connections.get("eekonomi").client_secret == f"secret-{company}"  # type: ignore[union-attr]
        assert store.protocol.cursor("customers", "pm") == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
        assert [i.source_id for i in store.protocol.pending_intents("customers")] == ["pm-x"]
        assert [r.object_key for r in store.runs.items_of_run(run)] == ["1002"]
        assert OrderStore(store.db, company).all() and verify(store, key)
        assert store.runs.start(["customers"], dry_run=False) > max(r for r, _ in filled.values())  # ids go on
    opened.db.dispose()


def test_copy_refuses_a_target_that_is_not_empty_and_says_so_in_both_languages(
    sqlite_store: tuple[Settings, dict[str, tuple[int, str]]], postgres_server: PostgresServer, own_database: str
) -> None:
    settings, _ = sqlite_store
    owner = postgres_server.url(own_database, owner=True)
    env = {"BRYGGA_DB": str(settings.db), "BRYGGA_SECRET_KEY": KEY}
    assert brygga("store", "copy", "--to", owner, data_dir=settings.data_dir, **env).returncode == 0
    again = brygga("store", "copy", "--to", owner, data_dir=settings.data_dir, **env)
    said = " ".join((again.stdout + again.stderr).split())
    assert again.returncode == 2
    assert "är inte tom (api_key 2, audit_event " in said and "company 2," in said and "Inget har kopierats" in said
    english = brygga("store", "copy", "--to", owner, data_dir=settings.data_dir, lang="en", **env)
    said = " ".join((english.stdout + english.stderr).split())
    assert "is not empty" in said and "Nothing was copied" in said and "Traceback" not in said


def test_copy_to_an_unreachable_server_is_said_with_the_address_not_the_password(
    sqlite_store: tuple[Settings, dict[str, tuple[int, str]]],
) -> None:
    settings, _ = sqlite_store
    env = {"BRYGGA_DB": str(settings.db), "BRYGGA_SECRET_KEY": KEY}
    unreachable = "postgresql://ägare:hemligt@127.0.0.1:1/brygga"
    failed = brygga("store", "copy", "--to", unreachable, data_dir=settings.data_dir, **env)
    out = " ".join((failed.stdout + failed.stderr).split())
    assert failed.returncode == 2 and "127.0.0.1:1" in out and "hemligt" not in out and "Traceback" not in out
