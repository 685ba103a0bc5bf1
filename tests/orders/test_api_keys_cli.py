"""`brygga orders api-key` / `api-keys [--revoke ID]`: keys listed by id only, revoked by id, an unknown id
explained in Swedish without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

FERNET_KEY = Fernet.generate_key().decode()  # one key for every call of a test run, as a real install has


def _brygga(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "BRYGGA_DB": str(tmp_path / "keys.sqlite3"),
        "BRYGGA_DATA_DIR": str(tmp_path),
        "BRYGGA_SECRET_KEY": FERNET_KEY,
    }
    return subprocess.run(
        [sys.executable, "-m", "brygga", *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_api_keys_are_listed_by_id_and_revoked_by_id(tmp_path: Path) -> None:
    assert "Inga API-nycklar" in _brygga(tmp_path, "orders", "api-keys").stdout
    key = _brygga(tmp_path, "orders", "api-key").stdout.strip().splitlines()[-1]
    key_id = key.split("_")[1]
    listing = _brygga(tmp_path, "orders", "api-keys").stdout
    assert key_id in listing and key not in listing
    revoked = _brygga(tmp_path, "orders", "api-keys", "--revoke", key_id)
    assert revoked.returncode == 0 and "Återkallad" in revoked.stdout
    unknown = _brygga(tmp_path, "orders", "api-keys", "--revoke", key_id)
    assert unknown.returncode == 2 and f"Ingen API-nyckel med id {key_id}" in unknown.stderr
    assert "Traceback" not in unknown.stderr
