"""Issue 16, goal 2: ``brygga status`` starts without the transfer engine, the API models, reconcile, the reports, the
web app, the emulators or the queue; the command modules import those inside the commands that use them.

Each test runs ``python -m brygga`` in its own process as a user does and reads the modules that process had
imported when it exited: a list of modules, not a wall time (the figures are in the report of issue 16).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Everything a store's status does not need: each of these costs tens to hundreds of milliseconds at start.
HEAVY = (
    "brygga.transfer",
    "brygga.eekonomi",
    "brygga.eekonomi.models_invoices",
    "brygga.severa",
    "brygga.reconcile",
    "brygga.report",
    "brygga.orders",
    "brygga.web",
    "brygga.doctor.runner",
    "brygga_emulators",
    "procrastinate",
    "fastapi",
    "uvicorn",
    "jinja2",
    "httpx",
    "alembic",
    "reportlab",
    "jsonschema",
)

# What ``brygga status`` on an existing SQLite store no longer imports either: the repositories it does not read
# (``brygga.store``'s names are imported on first use, the lease and the schedules made on first use), the
# PostgreSQL dialect (the status table's upsert imports its dialect when it writes), and platformdirs when
# BRYGGA_DATA_DIR names the folder.
STATUS_SKIPS = (
    "brygga.store.lease",
    "brygga.store.schedules",
    "brygga.schedules.slots",
    "sqlalchemy.dialects.postgresql",
    "platformdirs",
)

# Runs brygga as `python -m brygga` does and writes the names of the imported modules when the process exits.
_WRAPPER = """
import atexit, json, os, runpy, sys
out = os.environ["BRYGGA_TEST_MODULES_OUT"]
atexit.register(lambda: open(out, "w", encoding="utf-8").write(json.dumps(sorted(sys.modules))))
sys.argv = ["brygga", *sys.argv[1:]]
runpy.run_module("brygga", run_name="__main__", alter_sys=True)
"""
_DROPPED = ("BRYGGA_LANG", "BRYGGA_DB", "BRYGGA_DB_OWNER", "BRYGGA_DATA_DIR", "BRYGGA_COMPANY", "LANGUAGE", "COLUMNS")


def _imported_by(data_dir: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    out = data_dir / "modules.json"
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env.update(BRYGGA_DATA_DIR=str(data_dir), BRYGGA_LANG="sv", BRYGGA_TEST_MODULES_OUT=str(out))
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    return done, set(json.loads(out.read_text(encoding="utf-8")))


def _heavy(modules: set[str], allowed: tuple[str, ...] = (), names: tuple[str, ...] = HEAVY) -> list[str]:
    return sorted(
        m for m in modules for heavy in names if heavy not in allowed and (m == heavy or m.startswith(heavy + "."))
    )


def test_status_on_an_existing_store_imports_no_engine_web_emulator_or_migration_module(tmp_path: Path) -> None:
    first, _ = _imported_by(tmp_path, "status")  # creates the store (migrations run once, here)
    assert first.returncode == 0, first.stderr

    done, modules = _imported_by(tmp_path, "status")

    assert done.returncode == 0, done.stderr
    assert "Ingen överföring ännu." in done.stdout
    assert "brygga.store" in modules  # it did read the store
    assert _heavy(modules) == []
    assert _heavy(modules, names=STATUS_SKIPS) == []
    assert {m for m in modules if m.startswith("brygga.cli.") and m.endswith("_cmd")} == {"brygga.cli.results_cmd"}


def test_status_on_a_fresh_store_creates_it_without_the_engine(tmp_path: Path) -> None:
    done, modules = _imported_by(tmp_path / "new", "status")

    assert done.returncode == 0, done.stderr
    assert "Visma eEkonomi: inte ansluten" in done.stdout
    assert "Ingen överföring ännu." in done.stdout
    assert _heavy(modules, allowed=("alembic",)) == []  # the first use migrates the new store, nothing else


def test_help_imports_neither_the_store_nor_the_engine(tmp_path: Path) -> None:
    done, modules = _imported_by(tmp_path, "--help")

    assert done.returncode == 0, done.stderr
    assert "status" in done.stdout and "transfer" in done.stdout
    assert _heavy(modules) == []
    assert not {m for m in modules if m == "sqlalchemy" or m.startswith("sqlalchemy.")}


def test_cli_category_names_are_the_transfer_engines_in_its_order() -> None:
    from brygga.cli.common import CATEGORIES
    from brygga.transfer.runner import CATEGORIES as ENGINE_CATEGORIES

    assert tuple(ENGINE_CATEGORIES) == CATEGORIES


def test_cli_reconcile_categories_are_the_reconcile_engines() -> None:
    from brygga.cli.reconcile_cmd import RECONCILE_CATEGORIES
    from brygga.reconcile import RECONCILE_CATEGORIES as ENGINE_CATEGORIES

    assert tuple(ENGINE_CATEGORIES) == RECONCILE_CATEGORIES


def test_every_store_name_still_imports_from_brygga_store() -> None:
    import importlib

    import brygga.store

    for name in [*brygga.store.__all__, "open_database"]:
        value = getattr(brygga.store, name)
        home = importlib.import_module(value.__module__)
        assert getattr(home, name) is value, name
