"""Progress says what is being read while a category plans, shows time left on a terminal and one plain line per
category elsewhere; ``settings show`` prints whole keys and empty values as empty."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from brygga.progress import PlainProgress, RichProgress, planning_text, progress_for
from brygga.transfer.options import TransferOptions
from tests.cli.support import brygga


def test_planning_says_what_the_category_reads_in_both_languages() -> None:
    assert planning_text("customers") == "Kunder: läser Visma PM och Visma eEkonomi …"
    assert planning_text("customers", "en") == "Customers: reading Visma PM and Visma eEkonomi …"


def test_not_a_terminal_gives_one_plain_line_per_category_and_no_bar() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=False, width=100)
    with progress_for(console, "sv") as progress:
        assert isinstance(progress, PlainProgress)
        for name in ("customers", "articles"):
            progress.category(name)
            progress.start(name, 10)
            progress.advance(10)
    assert buffer.getvalue().splitlines() == [planning_text("customers"), planning_text("articles")]


def test_a_terminal_gets_a_spinner_while_planning_and_a_bar_with_time_left() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=120)
    with progress_for(console, "sv") as progress:
        assert isinstance(progress, RichProgress)
        progress.category("customers")
        rows = [task.description for task in progress._progress.tasks]
        assert rows == ["Kunder: läser Visma PM och Visma eEkonomi …"]
        progress.start("Kunder", 40)
        progress.advance(10)
        task = progress._progress.tasks[0]
        assert (task.description, task.total, task.completed) == ("Kunder", 40, 10)
    columns = [type(column).__name__ for column in progress._progress.columns]
    assert "TimeRemainingColumn" in columns and "SpinnerColumn" in columns and "BarColumn" in columns


def test_settings_show_prints_whole_keys_and_empty_values_as_empty(tmp_path: Path) -> None:
    result = brygga("settings", "show", data_dir=tmp_path, COLUMNS="70")
    assert result.returncode == 0, result.stderr
    for key in TransferOptions.model_fields:
        assert key in result.stdout  # never cut to "invoice_status_to_tr…"
    assert "None" not in result.stdout and "…" not in result.stdout


def test_settings_show_is_english_in_english_mode(tmp_path: Path) -> None:
    result = brygga("settings", "show", data_dir=tmp_path, lang="en", COLUMNS="120")
    assert "Settings" in result.stdout and "Key" in result.stdout and "Nyckel" not in result.stdout
