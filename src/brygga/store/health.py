"""Before brygga opens an SQLite store: is the file there, a database, readable, and private?

A broken store is said with the file it concerns and what to do, and the file is never touched: it may be the only
copy of a company's links. A new store is created readable by its owner only (it holds every customer's and
invoice's data, like the key file beside it).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from brygga.errors import ConfigError

__all__ = ["check_sqlite_file", "corrupt", "create_private", "others_can_read", "sqlite_path", "store_unreadable"]

SQLITE_HEADER = b"SQLite format 3\x00"
_RESTORE = (
    "Återställ filen från er säkerhetskopia, eller peka BRYGGA_DB på en annan fil (en ny, tom databas skapas då). "
    "brygga har inte ändrat filen."
)
_RESTORE_EN = (
    "Restore the file from your backup, or point BRYGGA_DB at another file (a new, empty database is then created). "
    "brygga has not changed the file."
)


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL; None for other databases and for SQLite in memory."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url in (prefix, f"{prefix}:memory:"):
        return None
    return Path(url[len(prefix) :])


def check_sqlite_file(path: Path) -> None:
    """Refuse, with what to do, a store path that cannot be a usable database."""
    folder = path.parent
    if not folder.is_dir():
        raise ConfigError(
            f"Mappen för databasen finns inte: {folder}",
            hint="Skapa mappen, eller rätta BRYGGA_DB så att den pekar på en fil i en mapp som finns.",
            message_en=f"The database's folder does not exist: {folder}",
            hint_en="Create the folder, or correct BRYGGA_DB to name a file in a folder that exists.",
        )
    if path.is_dir():
        raise ConfigError(
            f"Databasen {path} är en mapp, inte en fil.",
            hint="Peka BRYGGA_DB på en fil, t.ex. " + str(path / "brygga.sqlite3") + ".",
            message_en=f"The database {path} is a folder, not a file.",
            hint_en="Point BRYGGA_DB at a file, e.g. " + str(path / "brygga.sqlite3") + ".",
        )
    if not path.exists():
        if not os.access(folder, os.W_OK):
            raise _no_access(folder, "mappen")
        return
    if not os.access(path, os.R_OK | os.W_OK):
        raise _no_access(path, "filen")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise ConfigError(
            f"Filen {path} är ingen brygga-databas (inte SQLite).",
            hint=_RESTORE,
            message_en=f"The file {path} is not a brygga database (not SQLite).",
            hint_en=_RESTORE_EN,
        )
    if header and _cut_short(path):
        raise corrupt(path)


def _cut_short(path: Path) -> bool:
    """The header says how many pages the file holds (when its "valid for" counter matches); fewer bytes than that
    is a file cut short by a full disk, a broken copy or a crash of the copying tool."""
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100:
        return True
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    change_counter, pages, valid_for = (int.from_bytes(header[i : i + 4], "big") for i in (24, 28, 92))
    if pages == 0 or change_counter != valid_for:
        return False  # an old SQLite that did not keep the count: nothing to compare
    return path.stat().st_size < pages * page_size


def corrupt(path: Path | str) -> ConfigError:
    """SQLite itself found the file damaged (cut short, overwritten)."""
    return ConfigError(
        f"Databasen {path} är skadad och kan inte läsas.",
        hint=_RESTORE,
        message_en=f"The database {path} is damaged and cannot be read.",
        hint_en=_RESTORE_EN,
    )


def store_unreadable(exc: Exception) -> ConfigError:
    """A database error while working: the store (or its server) failed under brygga, said with what to do."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
    return ConfigError(
        f"Databasen kunde inte läsas eller skrivas: {reason}",
        hint="Kör brygga status för att se vilken databas som används. Är filen skadad: återställ den från er "
        "säkerhetskopia. Är det en databasserver: kontrollera att den är igång.",
        message_en=f"The database could not be read or written: {reason}",
        hint_en="Run brygga status to see which database is used. If the file is damaged, restore it from your "
        "backup; if it is a database server, check that it is running.",
    )


def create_private(path: Path) -> None:
    """Create an empty store file readable and writable by its owner only; SQLite gives its WAL and shared-memory
    files the same mode as the database file."""
    if path.exists():
        return
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(descriptor)


def others_can_read(path: Path) -> bool:
    """True when group or others may read the store (created by an older brygga, or copied with a loose umask)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IRGRP | stat.S_IROTH))


def _no_access(path: Path, what: str) -> ConfigError:
    what_en = "folder" if what == "mappen" else "file"
    return ConfigError(
        f"brygga får inte läsa och skriva {what} {path}.",
        hint="Kör brygga som den användare som äger databasen, eller ge den användaren läs- och skrivrätt.",
        message_en=f"brygga may not read and write the {what_en} {path}.",
        hint_en="Run brygga as the user who owns the database, or give that user read and write access.",
    )
