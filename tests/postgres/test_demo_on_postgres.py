"""``brygga demo`` with BRYGGA_DB on PostgreSQL: the demo is the company "demo" in that database, started afresh on
every demo, and no other company's rows are touched (issue 13: BRYGGA_DB works for the demo too)."""

from __future__ import annotations

import json

from brygga.config import Settings
from brygga.store import Store
from brygga.store.companies import CompanyRegistry
from brygga.store.database import open_database
from tests.cli.support import brygga


def _env(settings: Settings) -> dict[str, str]:
    return {
        "BRYGGA_DB": str(settings.db),
        "BRYGGA_DB_OWNER": str(settings.db_owner),
        "BRYGGA_SECRET_KEY": settings.secret_key.get_secret_value() if settings.secret_key else "",
    }


def test_the_demo_on_postgresql_is_its_own_company_and_leaves_the_others_alone(pg_settings: Settings) -> None:
    database = open_database(pg_settings)
    CompanyRegistry(database).add("kund-ab")
    Store.for_tenant(database, "kund-ab").settings.set_many({"master_customers": "eekonomi"})
    CompanyRegistry(database).add("demo")  # what an earlier demo left: the next one starts it afresh
    earlier = Store.for_tenant(database, "demo")
    earlier.settings.set_many({"master_customers": "eekonomi"})
    earlier.runs.finish(earlier.runs.start(["customers"], dry_run=False), "ok", "")
    result = brygga("demo", "--no-serve", "--json", data_dir=pg_settings.data_dir, **_env(pg_settings))
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert report["rerun"]["write_calls"] == 0 and report["categories"]["customers"]["succeeded"] > 0
    assert {company.id for company in CompanyRegistry(database).all()} == {"demo", "kund-ab"}
    assert Store.for_tenant(database, "kund-ab").settings.all() == {"master_customers": "eekonomi"}
    demo = Store.for_tenant(database, "demo")
    assert len(demo.runs.history(limit=50)) == 3  # this demo's three passes only
    assert demo.settings.all().get("master_customers") is None
    status = brygga("--company", "demo", "status", "--json", data_dir=pg_settings.data_dir, **_env(pg_settings))
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["categories"]["customers"]["state"] in ("ok", "partial")
    database.dispose()
