"""``brygga companies add|list|remove`` and ``--company`` from the command line, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from brygga.config import Settings
from brygga.store import Link, Store
from brygga.store.companies import CompanyRegistry
from brygga.store.database import open_database
from tests.cli.support import brygga


def _answering(answer: str, *args: str, data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BRYGGA_")}
    environment.update(env, BRYGGA_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "brygga", *args],
        env=environment,
        input=answer,
        capture_output=True,
        text=True,
        check=False,
    )


def test_companies_add_list_and_remove_with_confirmation_saying_what_it_deletes(tmp_path: Path) -> None:
    env = {"BRYGGA_DB": str(tmp_path / "b.sqlite3")}
    assert brygga("companies", "add", "alfa", "--name", "Alfa Bygg AB", data_dir=tmp_path, **env).returncode == 0
    settings = Settings(data_dir=tmp_path, db=env["BRYGGA_DB"])
    db = open_database(settings)
    CompanyRegistry(db).add("beta")
    Store.for_tenant(db, "alfa").protocol.save_link(Link("customers", "pm-1", "eek-1", None, None))
    Store.for_tenant(db, "alfa").runs.start(["customers"], dry_run=False)
    db.dispose()
    listed = json.loads(brygga("companies", "list", "--json", data_dir=tmp_path, **env).stdout)
    assert [(c["id"], c["name"], c["rows"]) for c in listed["companies"]] == [
        ("alfa", "Alfa Bygg AB", {"link": 1, "run": 1}),
        ("beta", "beta", {}),
    ]
    declined = _answering("n\n", "companies", "remove", "alfa", data_dir=tmp_path, **env)
    assert (
        declined.returncode == 1
        and "1 kopplingar mellan objekt" in declined.stdout
        and "1 körningar" in declined.stdout
    )
    assert "Inget togs bort" in declined.stdout
    removed = brygga("companies", "remove", "alfa", "--yes", data_dir=tmp_path, **env)
    assert removed.returncode == 0 and "är borttaget (2 rader)" in removed.stdout
    db = open_database(settings)
    assert [c.id for c in CompanyRegistry(db).all()] == ["beta"]
    db.dispose()


def test_companies_several_need_company_and_an_unknown_one_is_named(tmp_path: Path) -> None:
    env = {"BRYGGA_DB": str(tmp_path / "b.sqlite3")}
    db = open_database(Settings(data_dir=tmp_path, db=env["BRYGGA_DB"]))
    CompanyRegistry(db).add("alfa")
    CompanyRegistry(db).add("beta")
    db.dispose()
    several = brygga("status", data_dir=tmp_path, **env)
    assert several.returncode == 2 and "Det finns flera företag (alfa, beta)" in several.stderr
    unknown = brygga("status", "--company", "gamma", data_dir=tmp_path, **env)
    assert unknown.returncode == 2 and "Företaget gamma finns inte. Företag: alfa, beta." in unknown.stderr
    assert brygga("status", data_dir=tmp_path, BRYGGA_COMPANY="beta", **env).returncode == 0
    assert brygga("status", data_dir=tmp_path, BRYGGA_TENANT="alfa", **env).returncode == 0  # the older name
    assert "Traceback" not in several.stderr + unknown.stderr
