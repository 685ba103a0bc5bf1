"""Secrets at rest: Fernet with a key from ``BRYGGA_SECRET_KEY`` or a key file created on first use (mode 0600)."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from brygga.errors import ConfigError

__all__ = ["SecretBox", "load_or_create_key"]


def load_or_create_key(explicit: str | None, key_file: Path) -> bytes:
    if explicit:
        return explicit.encode()
    if key_file.exists():
        return key_file.read_bytes().strip()
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key()
    # Create with 0600 from the start so the key is never readable by others, not even briefly.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


class SecretBox:
    def __init__(self, key: bytes) -> None:
        try:
            self._fernet = Fernet(key)
        except ValueError as exc:
            raise ConfigError(
                "BRYGGA_SECRET_KEY är inte en giltig Fernet-nyckel.",
                hint="Skapa en ny nyckel med: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'",
            ) from exc

    def __repr__(self) -> str:
        return "SecretBox(<hidden>)"

    def seal(self, plain: str) -> bytes:
        return self._fernet.encrypt(plain.encode())

    def open(self, sealed: bytes) -> str:
        try:
            return self._fernet.decrypt(sealed).decode()
        except InvalidToken as exc:
            raise ConfigError(
                "Sparade hemligheter kan inte läsas med den nuvarande nyckeln.",
                hint="Använd samma BRYGGA_SECRET_KEY som när anslutningen gjordes, eller anslut igen.",
            ) from exc
