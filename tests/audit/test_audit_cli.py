"""``brygga audit``: a change made with the CLI is recorded as ``cli:<OS user>``, and ``--json`` shows it in words
and Swedish time; a fresh company has none; another company's events are not shown."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

from tests.cli.support import brygga


def test_audit_cli_records_the_os_user_and_json_shows_the_change(tmp_path: Path) -> None:
    env = {"BRYGGA_DB": str(tmp_path / "b.sqlite3")}
    empty = brygga("audit", data_dir=tmp_path, **env)
    assert empty.returncode == 0 and "Inga ändringar ännu." in empty.stdout
    assert brygga("companies", "add", "alfa", data_dir=tmp_path, **env).returncode == 0
    assert brygga("companies", "add", "beta", data_dir=tmp_path, **env).returncode == 0
    args = ("schedule", "set", "customers", "every", "10", "--from", "07:00", "--to", "19:00", "--days", "mån-fre")
    assert brygga(*args, "--company", "alfa", data_dir=tmp_path, **env).returncode == 0
    shown = json.loads(brygga("audit", "--company", "alfa", "--json", data_dir=tmp_path, **env).stdout)
    (event,) = shown["events"]
    assert (event["actor"], event["source"], event["subject"]) == (f"cli:{getpass.getuser()}", "cli", "schedule")
    assert event["text"] == "Schema Kunder: Manuell → var 10:e minut 07–19 mån–fre"
    other = json.loads(brygga("audit", "--company", "beta", "--json", data_dir=tmp_path, **env).stdout)
    assert other == {"company": "beta", "events": []}
    english = brygga("audit", "--company", "alfa", data_dir=tmp_path, lang="en", **env)
    assert "Schedule Customers: Manual → every 10 minutes" in english.stdout.replace("\n", " ").replace("│", "")
