"""S9 against live systems, and the command line as a user meets it: Swedish messages, no tracebacks, JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from brygga.transfer.options import TransferOptions
from brygga.transfer.settings_check import check_against_systems
from tests.scenarios.harness import World

pytestmark = pytest.mark.scenario


def _brygga(world: World, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "BRYGGA_DB": str(world.settings.db),
        "BRYGGA_DATA_DIR": str(world.settings.data_dir),
        "BRYGGA_SECRET_KEY": world.settings.secret_key.get_secret_value() if world.settings.secret_key else "",
    }
    return subprocess.run(
        [sys.executable, "-m", "brygga", *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


async def test_s9_both_connected_systems_are_checked_when_settings_are_saved(world: World) -> None:
    assert await check_against_systems(world.store, world.settings, {"master_customers": "eekonomi"}) == []
    world.store.connections.save(  # a new secret drops the stored tokens, so the next call must log in again
        "severa", api_url=world.pm_url, auth_url=None, client_id="brygga-demo-client", client_secret="fel-hemlighet"
    )
    problems = await check_against_systems(world.store, world.settings, {"master_customers": "eekonomi"})
    assert len(problems) == 1 and problems[0].startswith("Visma PM kunde inte kontrolleras")


def test_s9_every_problem_is_listed_at_once() -> None:
    problems = TransferOptions.check({"master_customers": "both", "colour": "blue"})
    assert len(problems) == 2
    assert any("colour" in p for p in problems) and any("pm, eekonomi" in p for p in problems)


async def test_s1_settings_set_refuses_a_bad_value_in_swedish_without_traceback(world: World) -> None:
    result = _brygga(world, "settings", "set", "master_customers", "båda")
    assert result.returncode == 2
    assert "Inställningen sparades inte" in result.stderr and "tillåtna värden: pm, eekonomi" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    ok = _brygga(world, "settings", "set", "master_customers", "eekonomi")
    assert ok.returncode == 0, ok.stderr
    assert world.store.settings.all()["master_customers"] == "eekonomi"


async def test_x1_transfer_json_prints_one_object_with_counts_calls_and_errors(world: World) -> None:
    result = _brygga(world, "transfer", "customers", "--json")
    assert result.returncode == 1  # some demo customers are broken on purpose
    data = json.loads(result.stdout)
    customers = data["categories"]["customers"]
    assert (customers["succeeded"], customers["failed"], customers["skipped"]) == (39, 8, 3)
    assert customers["api_calls"]["eekonomi"] > 0 and customers["api_calls"]["severa"] > 0
    assert {e["object"] for e in data["errors"]} >= {"1041", "1042", "9004"}
    assert all(set(e) >= {"category", "object", "message", "hint"} for e in data["errors"])
    errors = json.loads(_brygga(world, "errors", "--json").stdout)["errors"]
    assert {e["object"] for e in errors} == {e["object"] for e in data["errors"]}
    assert all(e["time"] for e in errors)  # X2: when it happened
    status = json.loads(_brygga(world, "status", "--json").stdout)
    assert {"customers/pm", "customers/eekonomi"} <= set(status["last_transfer"])  # X3


def test_secrets_are_never_printed(world: World) -> None:
    for args in (("status",), ("status", "--json"), ("settings", "show"), ("errors",)):
        result = _brygga(world, *args)
        assert "brygga-demo-secret" not in result.stdout + result.stderr


def test_the_database_holds_no_plain_secret(world: World) -> None:
    raw = Path(str(world.settings.db)).read_bytes()
    assert b"brygga-demo-secret" not in raw


async def test_s4_default_article_is_checked_against_eekonomi_when_saved(world: World) -> None:
    refused = _brygga(world, "settings", "set", "default_article_number", "FINNS-INTE")
    assert refused.returncode == 2
    assert 'Standardartikeln "FINNS-INTE" finns inte i Visma eEkonomi.' in refused.stderr
    assert "default_article_number" not in world.store.settings.all()
    ok = _brygga(world, "settings", "set", "default_article_number", "DIV")
    assert ok.returncode == 0, ok.stderr


async def test_i7_errors_lists_skipped_objects_with_their_reasons_beside_the_failures(world: World) -> None:
    _brygga(world, "transfer", "customers", "--json")
    data = json.loads(_brygga(world, "errors", "--json").stdout)
    assert set(data) == {"errors", "skipped"}
    assert len(data["skipped"]) == 3  # the demo's inactive customers (C1)
    for entry in data["skipped"]:
        assert set(entry) >= {"category", "object", "name", "rule", "reason", "detail", "hint", "time"}
        assert entry["reason"]
    assert all(set(e) >= {"message", "detail", "hint", "rule"} for e in data["errors"])
    text = _brygga(world, "errors").stdout
    assert "Hoppades över (3)" in text and data["skipped"][0]["reason"].split()[0] in text


async def test_failed_only_retries_exactly_the_failed_objects_and_says_when_there_are_none(world: World) -> None:
    nothing = _brygga(world, "transfer", "articles", "--failed-only")
    assert nothing.returncode == 0 and "Inget misslyckades i senaste körningen av Artiklar" in nothing.stdout
    first = json.loads(_brygga(world, "transfer", "customers", "--json").stdout)
    failed = {e["object"] for e in first["errors"]}
    retry = _brygga(world, "transfer", "customers", "--failed-only", "--json")
    assert retry.returncode == 1, retry.stderr
    data = json.loads(retry.stdout)
    assert {e["object"] for e in data["errors"]} == failed  # the same broken ones, nothing else touched
    assert data["categories"]["customers"]["succeeded"] == 0


async def test_transfer_text_report_says_partly_done_and_lists_skipped_reasons(world: World) -> None:
    result = _brygga(world, "transfer", "customers")
    assert result.returncode == 1
    assert "Delvis klar" in result.stdout and "Hoppades över (3)" in result.stdout
    assert "Kunder: läser Visma PM och Visma eEkonomi" in result.stdout  # not a terminal: one plain line
    assert "Traceback" not in result.stdout + result.stderr


async def test_s9_s6_an_invoice_status_that_pm_does_not_have_is_not_saved(world: World) -> None:
    result = _brygga(world, "settings", "set", "invoice_status_paid", "Finns Inte")
    assert result.returncode == 2, result.stdout
    text = " ".join(result.stderr.split())
    assert 'Fakturastatusen "Finns Inte" (invoice_status_paid) finns inte i Visma PM' in text and "Betald" in text
    assert "invoice_status_paid" not in world.store.settings.all()
    ok = _brygga(world, "settings", "set", "invoice_status_paid", "betald")  # names compare as PM's, any case
    assert ok.returncode == 0, ok.stderr
    assert world.store.settings.all()["invoice_status_paid"] == "betald"


async def test_s9_s6_statuses_are_checked_when_chosen_not_when_another_setting_is_saved(world: World) -> None:
    problems = await check_against_systems(
        world.store, world.settings, {"invoice_status_sent": "Saknas", "master_customers": "pm"}, {"master_customers"}
    )
    assert problems == []
    problems = await check_against_systems(world.store, world.settings, {"invoice_status_sent": "Saknas"})
    assert len(problems) == 1 and "invoice_status_sent" in problems[0]
