"""``brygga demo`` as ``make run`` shows it: a summary per pass, the errors once with the command for all of
them, and a database the CLI finds with the same BRYGGA_DATA_DIR; Ctrl+C says that running again is safe."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.support import brygga

pytestmark = pytest.mark.scenario


def test_demo_prints_a_summary_per_pass_the_errors_once_and_the_cli_sees_its_database(tmp_path: Path) -> None:
    data_dir = tmp_path / ".brygga"
    result = brygga("demo", "--no-serve", data_dir=data_dir, COLUMNS="200", timeout=300)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    for title in ("1. Första överföringen", "2. Efter bokföringen", "3. En gång till"):
        assert out.count(title) == 1
    assert out.count("Felmeddelanden (") == 1
    assert f"BRYGGA_DATA_DIR={data_dir}" in out and " errors" in out
    errors = json.loads(brygga("errors", "--json", data_dir=data_dir).stdout)
    assert errors["errors"] and errors["skipped"]
    status = brygga("status", data_dir=data_dir, COLUMNS="200").stdout
    assert "Kunder:" in status and "inte ansluten" not in status


def test_the_demo_never_wipes_a_database_it_did_not_create(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "brygga.sqlite3").write_bytes(b"somebody's real data")
    from brygga.config import Settings
    from brygga.demo import demo_database

    assert demo_database(Settings(data_dir=data_dir)) == data_dir / "demo.sqlite3"
    assert demo_database(Settings(data_dir=tmp_path / "empty")) == tmp_path / "empty" / "brygga.sqlite3"


@pytest.mark.parametrize(("lang", "words"), [("sv", "säkert att köra"), ("en", "safe to run the same command again")])
def test_ctrl_c_says_the_transfer_stopped_and_that_running_again_is_safe(tmp_path: Path, lang: str, words: str):
    env = {k: v for k, v in os.environ.items() if k not in ("BRYGGA_DB", "LANGUAGE")}
    env.update(BRYGGA_DATA_DIR=str(tmp_path), BRYGGA_LANG=lang, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "brygga", "demo", "--no-serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:  # wait until the transfers have begun
        if ":" in line and "…" in line and "brygga demo" not in line:
            break
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert words in err
    assert "Traceback" not in out + err and "KeyboardInterrupt" not in out + err
