"""``brygga emulator … --port``: a port in use is a plain error with a hint, never a traceback; ``--port 0`` is
offered in the help (the emulator then prints the free port it took, which benchmarks/emulator_scale.py reads)."""

from __future__ import annotations

import socket

from tests.cli.support import brygga


def test_a_port_in_use_is_a_plain_error_with_a_hint() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = brygga("emulator", "severa", "--data", "empty", "--port", str(port))

    shown = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"Kan inte lyssna på 127.0.0.1:{port}" in shown and "--port 0" in shown
    assert "Traceback" not in shown


def test_the_help_offers_port_zero_and_filled_data() -> None:
    shown = " ".join(brygga("emulator", "eekonomi", "--help", lang="en", COLUMNS="200").stdout.split())

    assert "0: a free one, printed" in shown and "filled:N" in shown and "0 = no limit" in shown
