"""Running ``brygga`` as a user does: a separate process (the language is chosen at import), a given data dir."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Set by a user's shell; the CLI must not depend on them.
_DROPPED = ("BRYGGA_LANG", "BRYGGA_DB", "BRYGGA_DATA_DIR", "LANGUAGE", "COLUMNS")


def brygga(*args: str, data_dir: Path | None = None, lang: str | None = None, timeout: float = 120, **env: str):
    environment = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    if data_dir is not None:
        environment["BRYGGA_DATA_DIR"] = str(data_dir)
    if lang is not None:
        environment["BRYGGA_LANG"] = lang
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "brygga", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
