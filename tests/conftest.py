"""Suite-wide: every exchange recorded by ``recording_transport_factory`` is checked against the official specs
at the end of the session (tests/support/contract_plugin.py). The specs must be there: a run without them would
skip exactly the checks that matter, so it stops at once instead."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# tests.postgres.plugin: the store and scenario tests on SQLite and PostgreSQL (``both_databases``).
pytest_plugins = ["tests.support.contract_plugin", "tests.postgres.plugin"]

REPO = Path(__file__).resolve().parent.parent


def pytest_sessionstart(session: pytest.Session) -> None:
    spec_dir = Path(os.environ.get("BRYGGA_SPEC_DIR", REPO.parent / "shared" / "reference"))
    wanted = ("eaccounting-v2.openapi.json", "severa-rest-v1.openapi.yaml")
    missing = [name for name in wanted if not (spec_dir / name).is_file()]
    if missing:
        pytest.exit(
            f"The official specs are missing from {spec_dir} ({', '.join(missing)}). Put shared/ beside the "
            "checkout or set BRYGGA_SPEC_DIR.",
            returncode=4,
        )
