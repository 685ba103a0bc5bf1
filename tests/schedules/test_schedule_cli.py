"""``brygga schedule set|show``: saved per company, shown in Swedish words with the next run; wrong input exits 2
with a Swedish message naming what is wrong and the format (English with BRYGGA_LANG=en)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.support import brygga


def test_schedule_cli_set_then_show_in_words_and_json(tmp_path: Path) -> None:
    done = brygga("schedule", "set", "customers,invoices", "every", "10", "--from", "07:00", "--to", "19:00",
                  "--days", "mon-fri", "--skip-holidays", data_dir=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "var 10:e minut 07–19 mån–fre, utom helgdagar" in done.stdout
    shown = json.loads(brygga("schedule", "show", "--json", data_dir=tmp_path).stdout)
    by_category = {row["category"]: row for row in shown["categories"]}
    assert by_category["invoices"]["words"] == "var 10:e minut 07–19 mån–fre, utom helgdagar"
    assert by_category["invoices"]["next_run"] and by_category["articles"]["next_run"] is None
    assert by_category["articles"]["words"] == "av (manuellt)" and shown["paused"] is None


def test_schedule_cli_wrong_input_exits_2_with_what_is_wrong_and_the_format(tmp_path: Path) -> None:
    wrong = brygga("schedule", "set", "invoices", "every", "0", data_dir=tmp_path)
    assert (
        wrong.returncode == 2 and "every behöver ett antal minuter" in wrong.stderr and "Traceback" not in wrong.stderr
    )
    assert "every N" in wrong.stderr
    english = brygga("schedule", "set", "fakturor", "off", data_dir=tmp_path, lang="en")
    assert english.returncode == 2 and "Unknown category: fakturor" in english.stderr


def test_schedule_cli_now_on_sqlite_runs_at_once_and_refuses_wrong_input_without_traceback(tmp_path: Path) -> None:
    nothing = brygga("schedule", "now", data_dir=tmp_path)
    assert nothing.returncode == 2 and "Ange kategorier eller --all" in nothing.stderr
    english = brygga("schedule", "now", "fakturor", data_dir=tmp_path, lang="en")
    assert english.returncode == 2 and "Unknown category: fakturor" in english.stderr
    at_once = brygga("schedule", "now", "customers", data_dir=tmp_path)  # not connected: said, and paused
    assert "SQLite har ingen kö: överföringen körs direkt" in at_once.stdout and at_once.returncode == 1
    assert "Traceback" not in nothing.stderr + english.stderr + at_once.stderr + at_once.stdout
