"""``brygga reconcile`` as a user runs it: exit 0 when both systems agree, 1 with findings (Swedish, English with
BRYGGA_LANG=en, JSON), the repair's dry run, a wrong category exits 2 without a traceback."""

from __future__ import annotations

import json

import pytest

from brygga.errors import ConfigError
from brygga.reconcile import choose_categories
from tests.cli.support import brygga
from tests.reconcile.test_findings import rename_in_eekonomi
from tests.scenarios.harness import World

pytestmark = pytest.mark.scenario


def _env(world: World) -> dict[str, str]:
    settings = world.settings
    return {
        "BRYGGA_DB": settings.database_url() if settings.db is None else str(settings.db),
        "BRYGGA_SECRET_KEY": str(settings.secret_key.get_secret_value() if settings.secret_key else ""),
        "BRYGGA_DATA_DIR": str(settings.data_dir),
        "COLUMNS": "400",  # table cells on one line each
    }


async def test_r14_cli_exit_codes_words_json_and_the_repair_dry_run(transferred: World) -> None:
    env = _env(transferred)
    clean = brygga("reconcile", "--category", "customers", "--json", **env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    data = json.loads(clean.stdout)
    assert (data["status"], data["findings"], data["open_findings"]) == ("ok", [], 0)
    assert data["objects_read"] > 0 and data["api_reads"] > 0

    await transferred.with_session(lambda s: rename_in_eekonomi(s, "20002", "Omdöpt i eEkonomi AB"))
    planned = brygga("reconcile", "--category", "customers", "--repair", "--dry-run", "--verbose", lang="en", **env)
    assert planned.returncode == 1, planned.stderr
    assert "Customers: 1 findings" in planned.stdout and "was changed in the wrong system" in planned.stdout
    assert "Changed in: Visma eEkonomi" in planned.stdout and "Omdöpt i eEkonomi AB" in planned.stdout
    assert "Repairs (dry run)" in planned.stdout and "Would write the name" in planned.stdout
    assert "Technical detail: S1:" in planned.stdout  # the rule id in the detail line
    assert "Traceback" not in clean.stderr + planned.stderr


def test_r14_an_unknown_category_is_a_config_error_naming_the_categories() -> None:
    with pytest.raises(ConfigError) as raised:
        choose_categories(["fakturor"])
    assert "Okänd kategori för avstämning: fakturor" in str(raised.value)
    assert "supplier_costs" in raised.value.hint and raised.value.message_en.startswith("Unknown category")
    assert choose_categories(["supplier-invoices", "customers"]) == ("customers", "supplier_costs")
    assert choose_categories(None) == ("customers", "articles", "projects", "invoices", "supplier_costs")
