"""``brygga alerts`` as a user runs it: add (the webhook key printed once, never listed), list, and test against a
real receiver (per recipient whether it got through). Four processes only: each costs seconds."""

from __future__ import annotations

from pathlib import Path

from tests.alerts.conftest import Receiver
from tests.cli.support import brygga


def test_alert_cli_add_list_and_test(tmp_path: Path, receiver: Receiver) -> None:
    added = brygga("alerts", "add", "webhook", receiver.url + "?token=hemlis", "--lang", "en", data_dir=tmp_path)
    assert added.returncode == 0, added.stderr
    key = added.stdout.strip().splitlines()[-1]
    assert len(key) >= 40
    assert (
        brygga("alerts", "add", "email", "ekonomi@example.se", "--reminder-hours", "6", data_dir=tmp_path).returncode
        == 0
    )
    listed = brygga("alerts", "list", data_dir=tmp_path)
    assert "ekonomi@example.se" in listed.stdout and "6 h" in listed.stdout
    assert key not in listed.stdout and "hemlis" not in listed.stdout
    tested = brygga("alerts", "test", data_dir=tmp_path, BRYGGA_SMTP_PASSWORD="smtp-hemlis")
    assert tested.returncode == 1  # the mail server is not set: said for that recipient
    assert "✓ 1" in tested.stdout and "kom fram" in tested.stdout
    assert "✗ 2" in tested.stdout and "Ingen e-postserver är inställd" in tested.stdout
    assert "smtp-hemlis" not in tested.stdout + tested.stderr and "Traceback" not in tested.stderr
    assert receiver.body_json()["event"] == "test" and receiver.body_json()["lang"] == "en"
