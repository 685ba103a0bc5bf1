"""The companies registry: which company a command means, ids that cannot be one, and the upgrade that registers
the companies of an existing store and moves the web app's password to the installation."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import create_engine, text

from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.store import Database, Store
from brygga.store.companies import INSTALLATION, CompanyRegistry
from brygga.store.database import MIGRATIONS, open_database


def test_companies_a_fresh_store_gets_default_on_first_use(db: Database) -> None:
    registry = CompanyRegistry(db)
    assert registry.resolve(None) == "default"
    assert [company.id for company in registry.all()] == ["default"]
    assert registry.resolve(None) == "default"  # the only one there is


def test_companies_several_and_none_chosen_is_an_error_listing_them(registry: CompanyRegistry) -> None:
    with pytest.raises(ConfigError) as raised:
        registry.resolve(None)
    assert "alfa, beta" in raised.value.message and "--company" in raised.value.message
    assert "several companies (alfa, beta)" in raised.value.message_en
    assert registry.resolve("beta") == "beta"


def test_companies_an_unknown_company_is_an_error_naming_the_known_ones(registry: CompanyRegistry) -> None:
    with pytest.raises(ConfigError) as raised:
        registry.resolve("gamma")
    assert raised.value.message == "Företaget gamma finns inte. Företag: alfa, beta."
    assert [company.id for company in registry.all()] == ["alfa", "beta"]  # nothing was added


def test_companies_add_refuses_a_taken_or_reserved_id(registry: CompanyRegistry) -> None:
    with pytest.raises(ConfigError, match="finns redan"):
        registry.add("alfa")
    for wrong in (INSTALLATION, "", "a b", "x" * 65, "-x", "åsa"):
        with pytest.raises(ConfigError, match="kan inte vara ett företags id"):
            registry.add(wrong)
    assert registry.add("kund-4711", "  ").name == "kund-4711"


def test_companies_upgrade_registers_the_companies_of_an_existing_store(tmp_path: object, settings: Settings) -> None:
    url = settings.database_url()
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
        for tenant, key in (("default", "web.admin_password_argon2"), ("default", "web.session_secret")):
            connection.execute(
                text("INSERT INTO setting (tenant_id, key, value) VALUES (:t, :k, 'x')"), {"t": tenant, "k": key}
            )
        connection.execute(
            text("INSERT INTO setting (tenant_id, key, value) VALUES ('default', 'master_customers', 'pm')")
        )
        connection.execute(
            text(
                "INSERT INTO link (tenant_id, category, pm_id, eek_id, created_at, updated_at)"
                " VALUES ('annan', 'customers', 'p', 'e', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
    engine.dispose()
    db = open_database(settings)  # migrates to head
    try:
        assert [company.id for company in CompanyRegistry(db).all()] == ["annan", "default"]
        assert Store.for_tenant(db, "default").settings.all() == {"master_customers": "pm"}
        assert set(Store.for_tenant(db, INSTALLATION).settings.all()) == {
            "web.admin_password_argon2",
            "web.session_secret",
        }
    finally:
        db.dispose()
